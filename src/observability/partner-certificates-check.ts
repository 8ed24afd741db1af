/**
 * The `partner-certificates` health check ("partners' certificates valid", issue 9): a pure
 * judgement over the partners' TLS certificates as last seen on a connection
 * (src/transport/partner-certificates.ts). A partner not connected with since start-up has no
 * certificate to judge yet; `fiugw doctor` checks it by a handshake.
 */
import type { SeenCertificate } from '../transport/partner-certificates.js';
import { ok, warn, type CheckResult, type NamedCheck } from './check.js';
import { combine } from './gateway-checks.js';

const DAY_MS = 86_400_000;

function day(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** Judges one partner's last seen certificate at `now`. */
export function judgePartnerCertificate(
  partner: string,
  seen: SeenCertificate | undefined,
  now: Date,
  warnDays: number,
): CheckResult {
  if (!seen) {
    return ok(
      `${partner}: certificate not seen yet (no connection since start-up; \`fiugw doctor\` checks it)`,
    );
  }
  const who = `${partner}: certificate CN=${seen.commonName} serial ${seen.serial} (seen as ${seen.seenAs} at ${day(seen.seenAt)})`;
  const renew = `ask ${partner} for a renewed certificate; until then deliveries to it fail`;
  if (now < seen.validFrom) return warn(`${who} is not valid before ${day(seen.validFrom)}`, renew);
  if (now > seen.validTo) return warn(`${who} expired on ${day(seen.validTo)}`, renew);
  const days = Math.floor((seen.validTo.getTime() - now.getTime()) / DAY_MS);
  if (days < warnDays) {
    return warn(
      `${who} expires on ${day(seen.validTo)}, in ${days} days`,
      `ask ${partner} for a renewed certificate before ${day(seen.validTo)}; after it deliveries to it fail`,
    );
  }
  return ok(`${who} valid until ${day(seen.validTo)} (${days} days)`);
}

/** Judges every registered partner's last seen certificate: the worst result wins. */
export function judgePartnerCertificates(
  partners: readonly string[],
  seen: ReadonlyMap<string, SeenCertificate>,
  now: Date,
  warnDays: number,
): CheckResult {
  if (partners.length === 0) return ok('no partners registered');
  return combine(partners.map((p) => judgePartnerCertificate(p, seen.get(p), now, warnDays)));
}

/** What the check needs from the gateway. */
export interface PartnerCertificatesCheckDeps {
  partners: () => string[];
  seen: () => ReadonlyMap<string, SeenCertificate>;
  clock: () => Date;
  /** Certificates that end within this many days warn (health.certificateWarningDays). */
  warnDays: number;
}

/** The `partner-certificates` check. */
export function partnerCertificatesCheck(d: PartnerCertificatesCheckDeps): NamedCheck {
  return {
    name: 'partner-certificates',
    run: () => judgePartnerCertificates(d.partners(), d.seen(), d.clock(), d.warnDays),
  };
}
