/**
 * Production mode (config `mode: production`): the gateway refuses to start with the development
 * PKI or with private key files that others can read, unless the config names the override in
 * `allowInsecure` (docs/OPERATIONS.md, "Production mode").
 *
 * The development PKI is recognised two ways: by the subject organisation that `fiugw pki init`
 * writes into every certificate ({@link DEV_ORGANIZATION}), and by the SHA-256 fingerprints of the CA
 * certificates committed under certs-dev/ (in case a certificate is re-issued under another name).
 */
import { readFileSync, statSync } from 'node:fs';
import type { GatewayConfig } from '../config.js';
import { GatewayError } from '../errors.js';
import { DEV_ORGANIZATION } from '../pki/ca.js';
import { oneLineName, parseCertificates } from './cert-checks.js';

/** SHA-256 fingerprints of the CA certificates in certs-dev/ (network CA, then FIU-A..C operator CAs). */
export const DEV_CA_FINGERPRINTS: ReadonlySet<string> = new Set([
  '94:4A:0C:58:B3:91:1D:DC:B5:7E:21:F0:55:71:53:E7:BB:E0:0B:D8:CD:99:BD:F4:D7:59:A0:D7:95:B6:02:21',
  '22:19:E6:C6:61:F2:EB:33:7B:A7:E4:62:3D:45:37:47:B8:80:57:8F:28:EC:66:B7:B7:7D:49:F8:5E:3A:03:52',
  'CD:7C:CC:47:64:52:AD:C8:F3:24:B5:B1:CF:14:39:E0:02:78:BF:90:39:4C:F5:33:FD:4D:F0:CC:76:B5:85:3C',
  'B3:B1:26:C2:02:BA:6A:BA:A5:7E:4E:7E:5B:C8:50:11:2A:7B:B4:4A:33:9D:89:CB:4F:71:2E:E1:B0:9B:EA:01',
]);

/** The overrides `allowInsecure` may name. */
export const INSECURE_OVERRIDES = ['dev-pki', 'key-permissions'] as const;
export type InsecureOverride = (typeof INSECURE_OVERRIDES)[number];

/** Every file the configuration names, with its config field and whether it holds a private key. */
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

/** Private key files that group or others may read or write: `file (field) has mode 0644`. */
export function looseKeyFiles(c: GatewayConfig): Array<{ file: string; field: string; mode: number }> {
  if (process.platform === 'win32') return [];
  const out: Array<{ file: string; field: string; mode: number }> = [];
  for (const f of configuredFiles(c).filter((x) => x.secret)) {
    let mode: number;
    try {
      mode = statSync(f.file).mode & 0o777;
    } catch {
      continue; // a missing file is reported where it is read
    }
    if ((mode & 0o077) !== 0) out.push({ file: f.file, field: f.field, mode });
  }
  return out;
}

/** Certificates of the configured trust anchors and the gateway certificate that belong to a dev PKI. */
export function devPkiCertificates(c: GatewayConfig): string[] {
  const files = [
    ...c.tls.ca.map((file) => ({ field: 'tls.ca', file })),
    ...c.operatorTls.ca.map((file) => ({ field: 'operatorTls.ca', file })),
    { field: 'tls.cert', file: c.tls.cert },
  ];
  const found: string[] = [];
  for (const f of files) {
    let pem: Buffer;
    try {
      pem = readFileSync(f.file);
    } catch {
      continue;
    }
    for (const cert of parseCertificates(pem)) {
      const dev =
        DEV_CA_FINGERPRINTS.has(cert.fingerprint256) ||
        [cert.subject, cert.issuer].some((n) => n.split('\n').includes(`O=${DEV_ORGANIZATION}`));
      if (dev) found.push(`${f.file} (${f.field}: ${oneLineName(cert.subject)})`);
    }
  }
  return found;
}

/** What production mode refuses in this configuration, with the override that would allow each. */
export function productionProblems(c: GatewayConfig): Array<{ override: InsecureOverride; detail: string }> {
  const problems: Array<{ override: InsecureOverride; detail: string }> = [];
  const dev = devPkiCertificates(c);
  if (dev.length > 0) {
    problems.push({ override: 'dev-pki', detail: `the development PKI is configured: ${dev.join('; ')}` });
  }
  const loose = looseKeyFiles(c);
  if (loose.length > 0) {
    problems.push({
      override: 'key-permissions',
      detail: `private key files readable by others: ${loose
        .map((l) => `${l.file} (${l.field}) has mode ${l.mode.toString(8).padStart(4, '0')}`)
        .join('; ')}`,
    });
  }
  return problems;
}

/**
 * In production mode, throws `config.insecure` for each problem not named in `allowInsecure`, and
 * returns the overridden ones (the caller logs them as warnings). In development mode returns [].
 */
export function enforceProductionMode(c: GatewayConfig): string[] {
  if (c.mode !== 'production') return [];
  const problems = productionProblems(c);
  const refused = problems.filter((p) => !c.allowInsecure.includes(p.override));
  if (refused.length > 0) {
    throw new GatewayError(
      'config.insecure',
      `production mode refuses to start: ${refused
        .map((p) => `${p.detail} (fix it, or accept the risk with allowInsecure: [${p.override}])`)
        .join('; ')}`,
    );
  }
  return problems.map((p) => `allowed by allowInsecure [${p.override}]: ${p.detail}`);
}
