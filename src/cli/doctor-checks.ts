/**
 * The checks of `fiugw doctor`, in order. Each names the file, the name and the date it is about,
 * and says how to fix what it finds. Nothing is changed: the database is opened without migrating.
 */
import type { X509Certificate } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import type { GatewayConfig } from '../config.js';
import { checkKeyRecord, ledgerOrigin, privateKeyObject, type KeyRecord } from '../crypto/index.js';
import { loadOwnKeys } from '../gateway.js';
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
import { checkPartnerHandshake } from '../observability/partner-handshake.js';
import { loadPartnerRegistry, type PartnerRegistry } from '../partner-registry.js';
import { LedgerSequencer } from '../services/ledger-sequencer.js';
import { inspectStore } from '../store/inspect.js';

/** Options of the doctor checks. */
export interface DoctorOptions {
  now: Date;
  /** Certificates and keys that end within this many days warn (default: the config's health setting). */
  warnDays: number;
  /** Deadline of each partner handshake. */
  timeoutMs: number;
}

/** Every file the configuration names, with what it is and whether it holds a private key. */
export function configuredFiles(c: GatewayConfig): Array<{ field: string; file: string; secret: boolean }> {
  return [
    ...c.tls.ca.map((file, i) => ({ field: `tls.ca[${i}]`, file, secret: false })),
    { field: 'tls.cert', file: c.tls.cert, secret: false },
    { field: 'tls.key', file: c.tls.key, secret: true },
    ...c.operatorTls.ca.map((file, i) => ({ field: `operatorTls.ca[${i}]`, file, secret: false })),
    ...c.keys.signing.map((file, i) => ({ field: `keys.signing[${i}]`, file, secret: true })),
    ...c.keys.encryption.map((file, i) => ({ field: `keys.encryption[${i}]`, file, secret: true })),
    ...c.keys.ledger.map((file, i) => ({ field: `keys.ledger[${i}]`, file, secret: true })),
    { field: 'partnersFile', file: c.partnersFile, secret: false },
  ];
}

/** Private key files must not be readable or writable by group or others (mode 0600 or 0400). */
export function checkKeyPermissions(c: GatewayConfig): CheckResult {
  if (process.platform === 'win32') return ok('file modes are not checked on Windows: use ACLs');
  const loose: string[] = [];
  for (const f of configuredFiles(c).filter((x) => x.secret)) {
    let mode: number;
    try {
      mode = statSync(f.file).mode & 0o777;
    } catch {
      continue; // reported by `files`
    }
    if ((mode & 0o077) !== 0)
      loose.push(`${f.file} (${f.field}) has mode ${mode.toString(8).padStart(4, '0')}`);
  }
  if (loose.length === 0) return ok('every private key file is readable by its owner only');
  return fail(
    `private key files readable by others: ${loose.join('; ')}`,
    `chmod 600 ${configuredFiles(c)
      .filter((x) => x.secret && loose.some((l) => l.startsWith(`${x.file} `)))
      .map((x) => x.file)
      .join(' ')}`,
  );
}

function readAnchors(files: string[]): Array<{ file: string; cert: X509Certificate }> {
  return files.flatMap((file) => parseCertificates(readFileSync(file)).map((cert) => ({ file, cert })));
}

/** The doctor's checks for a parsed configuration. */
export function doctorChecks(c: GatewayConfig, o: DoctorOptions): NamedCheck[] {
  let registry: PartnerRegistry | undefined;
  let own: KeyRecord[] | undefined;
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
      async run() {
        const found = await inspectStore(c.databaseUrl);
        if (found.kind !== 'ready') return warn('not checked: the database is not ready (see database)', '');
        try {
          own ??= await loadOwnKeys(c);
          const ledgerKey = own
            .filter((k) => k.use === 'ledger')
            .sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
          if (!ledgerKey) return fail('no ledger key configured', 'add a ledger key file under keys.ledger');
          await new LedgerSequencer({
            store: found.store,
            origin: ledgerOrigin(c.fiu),
            ledgerKey: privateKeyObject(ledgerKey),
            clock: () => o.now,
            log: silentLogger,
          }).init();
          const latest = await found.store.latestCheckpoint();
          return ok(
            latest
              ? `the tail matches the checkpoint of size ${latest.size}, signed ${latest.createdAt}`
              : 'the ledger is empty',
          );
        } catch (err) {
          return fail(
            (err as Error).message,
            'the ledger may have been altered: run `fiugw audit verify --config FILE` to find where',
          );
        } finally {
          await found.store.close();
        }
      },
    },
  ];
  return checks;
}
