/**
 * The checks of `fiugw doctor`, in order. Each names the file, the name and the date it is about,
 * and says how to fix what it finds. Nothing is changed: the database is opened without migrating.
 */
import type { X509Certificate } from 'node:crypto';
import { accessSync, constants, readFileSync } from 'node:fs';
import type { GatewayConfig } from '../config.js';
import { checkKeyRecord, ledgerOrigin, privateKeyObject, type KeyRecord } from '../crypto/index.js';
import { loadOwnKeys } from '../gateway-material.js';
import { silentLogger } from '../log.js';
import {
  checkIssuedBy,
  checkKeyMatches,
  checkKeyWindows,
  checkValidity,
  parseCertificates,
} from '../observability/cert-checks.js';
import { fail, ok, warn, type CheckResult, type NamedCheck } from '../observability/check.js';
import { combine } from '../observability/gateway-checks.js';
import { outboxCheck, outboxLimits } from '../observability/outbox-check.js';
import { checkPartnerHandshake } from '../observability/partner-handshake.js';
import { loadPartnerRegistry, type PartnerRegistry } from '../partner-registry.js';
import { configuredFiles, looseKeyFiles, productionProblems } from '../observability/production.js';
import { LedgerSequencer } from '../services/ledger-sequencer.js';
import type { Store } from '../store/index.js';
import { inspectStore } from '../store/inspect.js';

/** Options of the doctor checks. */
export interface DoctorOptions {
  now: Date;
  /** Certificates and keys that end within this many days warn (default: the config's health setting). */
  warnDays: number;
  /** Deadline of each partner handshake. */
  timeoutMs: number;
}

/** Private key files must not be readable or writable by group or others (mode 0600 or 0400). */
export function checkKeyPermissions(c: GatewayConfig): CheckResult {
  if (process.platform === 'win32') return ok('file modes are not checked on Windows: use ACLs');
  const loose = looseKeyFiles(c);
  if (loose.length === 0) return ok('every private key file is readable by its owner only');
  return fail(
    `private key files readable by others: ${loose
      .map((l) => `${l.file} (${l.field}) has mode ${l.mode.toString(8).padStart(4, '0')}`)
      .join('; ')}`,
    `chmod 600 ${loose.map((l) => l.file).join(' ')}`,
  );
}

/** Production mode: what it would refuse; in development mode, a dev PKI is worth a warning. */
export function checkProductionMode(c: GatewayConfig): CheckResult {
  const problems = productionProblems(c);
  const dev = problems.find((p) => p.override === 'dev-pki');
  if (c.mode === 'development') {
    return dev
      ? warn(
          `development mode with ${dev.detail}`,
          'fine for tests and demos; for real exchanges use your network CA and set mode: production',
        )
      : ok('development mode');
  }
  const refused = problems.filter((p) => !c.allowInsecure.includes(p.override));
  if (refused.length > 0) {
    return fail(
      `production mode would refuse to start: ${refused.map((p) => p.detail).join('; ')}`,
      refused
        .map((p) =>
          p.override === 'dev-pki' ? 'use the certificates of your network CA' : 'chmod 600 the key files',
        )
        .join('; '),
    );
  }
  if (problems.length > 0) {
    return warn(
      `production mode, with allowInsecure overriding: ${problems.map((p) => p.detail).join('; ')}`,
      'remove the overrides once the cause is fixed',
    );
  }
  return ok('production mode: no development PKI, private keys readable by their owner only');
}

function readAnchors(files: string[]): Array<{ file: string; cert: X509Certificate }> {
  return files.flatMap((file) => parseCertificates(readFileSync(file)).map((cert) => ({ file, cert })));
}

/**
 * Runs `check` on the configured database when it exists with every migration applied (else a warning
 * that the `database` check explains), and closes it afterwards.
 */
async function withReadyStore(
  c: GatewayConfig,
  check: (store: Store) => Promise<CheckResult> | CheckResult,
): Promise<CheckResult> {
  const found = await inspectStore(c.databaseUrl);
  if (found.kind !== 'ready') return warn('not checked: the database is not ready (see database)', '');
  try {
    return await check(found.store);
  } finally {
    await found.store.close();
  }
}

/** The doctor's checks for a parsed configuration. */
export function doctorChecks(c: GatewayConfig, o: DoctorOptions): NamedCheck[] {
  let registry: PartnerRegistry | undefined;
  let own: KeyRecord[] | undefined;
  /** The ledger's tail against its last checkpoint, as at start-up, and the leaf index's coverage. */
  const checkLedger = async (store: Store): Promise<CheckResult> => {
    try {
      own ??= await loadOwnKeys(c);
      const ledgerKey = own
        .filter((k) => k.use === 'ledger')
        .sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
      if (!ledgerKey) return fail('no ledger key configured', 'add a ledger key file under keys.ledger');
      await new LedgerSequencer({
        store,
        origin: ledgerOrigin(c.fiu),
        ledgerKey: privateKeyObject(ledgerKey),
        clock: () => o.now,
        log: silentLogger,
      }).init();
      const latest = await store.latestCheckpoint();
      const tail = latest
        ? `the tail matches the checkpoint of size ${latest.size}, signed ${latest.createdAt}`
        : 'the ledger is empty';
      const { expected, indexed } = await store.leafIndexCoverage();
      if (expected !== indexed) {
        return warn(
          `${tail}; but the leaf index holds ${indexed} rows for the ${expected} leaves it should (ledger_leaf_index was changed): inclusion proofs by leaf hash may miss entries`,
          'restart the gateway: it puts the leaf index back at start-up',
        );
      }
      return ok(tail);
    } catch (err) {
      return fail(
        (err as Error).message,
        'the ledger may have been altered: run `fiugw audit verify --config FILE` to find where',
      );
    }
  };
  const checks: NamedCheck[] = [
    {
      name: 'files',
      run() {
        const bad: string[] = [];
        for (const f of configuredFiles(c)) {
          try {
            accessSync(f.file, constants.R_OK);
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            bad.push(
              `${f.field}: ${f.file} ${code === 'ENOENT' ? 'does not exist' : `is not readable (${code})`}`,
            );
          }
        }
        return bad.length === 0
          ? ok(`${configuredFiles(c).length} files exist and are readable`)
          : fail(
              bad.join('; '),
              'fix the paths in the config (relative paths are relative to the config file) or the file owners',
            );
      },
    },
    { name: 'key-permissions', run: () => checkKeyPermissions(c) },
    { name: 'production-mode', run: () => checkProductionMode(c) },
    {
      name: 'tls-certificate',
      run() {
        const certs = parseCertificates(readFileSync(c.tls.cert));
        if (certs.length === 0)
          return fail(
            `${c.tls.cert} holds no PEM certificate`,
            'point tls.cert at the gateway certificate (PEM)',
          );
        const cert = certs[0]!;
        const results = [
          checkValidity(cert, c.tls.cert, o.now, o.warnDays, `renew the gateway certificate ${c.tls.cert}`),
          checkIssuedBy(cert, c.tls.cert, readAnchors(c.tls.ca)),
          checkKeyMatches(cert, c.tls.cert, readFileSync(c.tls.key), c.tls.key),
        ];
        const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
        results.push(
          cn === c.fiu
            ? ok(`it names ${c.fiu}`)
            : fail(
                `${c.tls.cert} names CN=${cn}, but this gateway is ${c.fiu}: partners will refuse it`,
                `get a certificate whose subject CN is ${c.fiu}`,
              ),
        );
        return combine(results);
      },
    },
    {
      name: 'ca-certificates',
      run() {
        const all = [...readAnchors(c.tls.ca), ...readAnchors(c.operatorTls.ca)];
        if (all.length === 0)
          return fail(
            'tls.ca and operatorTls.ca hold no PEM certificate',
            'point them at CA certificates (PEM)',
          );
        return combine(
          all.map((a) =>
            checkValidity(a.cert, a.file, o.now, o.warnDays, `replace the CA certificate ${a.file}`),
          ),
        );
      },
    },
    {
      name: 'message-keys',
      async run() {
        own = await loadOwnKeys(c);
        return checkKeyWindows(
          own,
          c.fiu,
          ['sig', 'enc', 'ledger'],
          o.now,
          o.warnDays,
          'generate new keys, register their public parts with every partner, and add them to keys.*',
        );
      },
    },
    {
      name: 'partners',
      async run() {
        registry = loadPartnerRegistry(c.partnersFile);
        if (registry.partners.length === 0)
          return warn(`${c.partnersFile} lists no partners`, 'add the partners this FIU exchanges with');
        const results: CheckResult[] = [];
        for (const p of registry.partners) {
          const keys: KeyRecord[] = [];
          for (const [i, k] of p.keys.entries())
            keys.push(await checkKeyRecord(k, `${c.partnersFile}: ${p.id}.keys.${i}`));
          results.push(
            checkKeyWindows(
              keys,
              p.id,
              ['sig', 'enc', 'ledger'],
              o.now,
              o.warnDays,
              `ask ${p.id} for its new public keys and add them to ${c.partnersFile}`,
            ),
          );
        }
        return combine(results);
      },
    },
    {
      name: 'partner-connections',
      async run() {
        registry ??= loadPartnerRegistry(c.partnersFile);
        const tls = {
          ca: Buffer.concat(c.tls.ca.map((f) => readFileSync(f))),
          cert: readFileSync(c.tls.cert),
          key: readFileSync(c.tls.key),
        };
        const results = await Promise.all(
          registry.partners.map((p) =>
            checkPartnerHandshake({
              partner: p.id,
              address: p.address,
              ...tls,
              now: o.now,
              warnDays: o.warnDays,
              timeoutMs: o.timeoutMs,
            }),
          ),
        );
        return results.length === 0 ? ok('no partners to connect to') : combine(results);
      },
    },
    {
      name: 'database',
      async run() {
        const found = await inspectStore(c.databaseUrl);
        if (found.kind === 'missing')
          return warn(
            `${found.where} does not exist yet`,
            'it is created when the gateway first starts (`fiugw serve`)',
          );
        if (found.kind === 'pending_migrations')
          return warn(
            `${found.where} has migrations to apply`,
            'start the gateway once: `fiugw serve` applies them',
          );
        const size = await found.store.ledgerSize().finally(() => found.store.close());
        return ok(`${found.where} opens, migrations applied, ${size} ledger entries`);
      },
    },
    {
      name: 'ledger',
      run: () => withReadyStore(c, checkLedger),
    },
    {
      // The gateway's own health check, on the database as it is now (any replica's items).
      name: 'outbox',
      run: () =>
        withReadyStore(c, (store) =>
          outboxCheck({ store, clock: () => o.now, limits: outboxLimits(c) }).run(),
        ),
    },
  ];
  return checks;
}
