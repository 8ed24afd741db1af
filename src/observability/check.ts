/**
 * Named checks, shared by the health service and `fiugw doctor`: each returns `ok`, `warn` or
 * `fail` with a concrete detail (which file, which name, which date) and, when not ok, the fix.
 */

/** The outcome of one check. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** What one check found. */
export interface CheckResult {
  status: CheckStatus;
  detail: string;
  /** What to do about it (empty when ok). */
  fix: string;
}

/** A check with a stable name (it appears in health reports, metrics and doctor's table). */
export interface NamedCheck {
  name: string;
  run(): Promise<CheckResult> | CheckResult;
}

/** A check's result with its name. */
export type CheckReport = CheckResult & { name: string };

export const ok = (detail: string): CheckResult => ({ status: 'ok', detail, fix: '' });
export const warn = (detail: string, fix: string): CheckResult => ({ status: 'warn', detail, fix });
export const fail = (detail: string, fix: string): CheckResult => ({ status: 'fail', detail, fix });

/** Runs every check in order; a check that throws is reported as `fail` with the error's text. */
export async function runChecks(checks: readonly NamedCheck[]): Promise<CheckReport[]> {
  const out: CheckReport[] = [];
  for (const c of checks) {
    try {
      out.push({ name: c.name, ...(await c.run()) });
    } catch (err) {
      out.push({
        name: c.name,
        ...fail(err instanceof Error ? err.message : String(err), 'see the detail; this check could not run'),
      });
    }
  }
  return out;
}

/** The worst status of a set of results. */
export function worstStatus(results: readonly CheckResult[]): CheckStatus {
  if (results.some((r) => r.status === 'fail')) return 'fail';
  if (results.some((r) => r.status === 'warn')) return 'warn';
  return 'ok';
}
