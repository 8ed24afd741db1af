/**
 * The health checks of a running gateway, by name:
 * - `database`: the store answers a query;
 * - `ledger`: the ledger's tail matches its last signed checkpoint (as at start-up);
 * - `tls-certificate`: the own TLS certificate is in its validity period (warn within the
 *   threshold), signed by a configured CA, and matches its private key;
 * - `message-keys`: a valid own signing, encryption and ledger key exists (warn within the threshold);
 * - `partner-keys`: every partner has a valid signing and encryption key registered.
 */
import { X509Certificate } from 'node:crypto';
import type { KeyRecord } from '../crypto/index.js';
import type { Store } from '../store/index.js';
import { fail, ok, worstStatus, warn, type CheckResult, type NamedCheck } from './check.js';
import {
  checkIssuedBy,
  checkKeyMatches,
  checkKeyWindows,
  checkValidity,
  parseCertificates,
} from './cert-checks.js';

/** What the gateway checks need. */
export interface GatewayCheckDeps {
  fiu: string;
  store: Store;
  /** Re-reads the ledger tail and checks it against the last checkpoint; throws when they differ. */
  verifyLedgerTail: () => Promise<void>;
  tls: { cert: Buffer; key: Buffer; ca: Buffer; certFile: string; keyFile: string; caFiles: string[] };
  ownKeys: () => KeyRecord[];
  partners: () => string[];
  partnerKeys: (fiu: string) => Promise<KeyRecord[]>;
  clock: () => Date;
  /** Certificates and keys that end within this many days warn. */
  warnDays: number;
}

/** Combines several results of one check: the worst status, every detail, the fixes of the others. */
export function combine(results: CheckResult[]): CheckResult {
  const status = worstStatus(results);
  const detail = results.map((r) => r.detail).join('; ');
  const fix = [...new Set(results.filter((r) => r.status !== 'ok').map((r) => r.fix))].join('; ');
  return status === 'ok' ? ok(detail) : status === 'warn' ? warn(detail, fix) : fail(detail, fix);
}

/** The checks of one gateway, in the order they run. */
export function gatewayChecks(d: GatewayCheckDeps): NamedCheck[] {
  return [
    {
      name: 'database',
      async run() {
        try {
          const size = await d.store.ledgerSize();
          return ok(`the database answers (${size} ledger entries)`);
        } catch (err) {
          return fail(
            `the database does not answer: ${(err as Error).message}`,
            'check database.url and that the database is up',
          );
        }
      },
    },
    {
      name: 'ledger',
      async run() {
        // An append that commits between the reads can make one run disagree: only a mismatch that
        // persists over three runs counts.
        let last: unknown;
        for (let i = 0; i < 3; i++) {
          try {
            await d.verifyLedgerTail();
            return ok('the ledger tail matches its last signed checkpoint');
          } catch (err) {
            last = err;
          }
        }
        return fail(
          `${(last as Error).message}`,
          'the ledger may have been altered: run `fiugw audit verify --config FILE` to find where',
        );
      },
    },
    {
      name: 'tls-certificate',
      run() {
        const cert = new X509Certificate(d.tls.cert);
        const anchors = parseCertificates(d.tls.ca).map((c) => ({ file: d.tls.caFiles.join(', '), cert: c }));
        return combine([
          checkValidity(
            cert,
            d.tls.certFile,
            d.clock(),
            d.warnDays,
            'renew the gateway certificate (tls.cert)',
          ),
          checkIssuedBy(cert, d.tls.certFile, anchors),
          checkKeyMatches(cert, d.tls.certFile, d.tls.key, d.tls.keyFile),
        ]);
      },
    },
    {
      name: 'message-keys',
      run() {
        return checkKeyWindows(
          d.ownKeys(),
          d.fiu,
          ['sig', 'enc', 'ledger'],
          d.clock(),
          d.warnDays,
          'generate new keys, register their public parts with every partner, and add them to keys.*',
        );
      },
    },
    {
      name: 'partner-keys',
      async run() {
        const results: CheckResult[] = [];
        for (const p of d.partners()) {
          results.push(
            checkKeyWindows(
              await d.partnerKeys(p),
              p,
              ['sig', 'enc'],
              d.clock(),
              d.warnDays,
              `ask ${p} for its new public keys and add them to the partners file`,
            ),
          );
        }
        return results.length === 0 ? ok('no partners registered') : combine(results);
      },
    },
  ];
}
