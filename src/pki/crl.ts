/**
 * `fiugw pki revoke`: the development network CA's certificate revocation list. DEVELOPMENT ONLY,
 * like the rest of the dev PKI: production FIUs publish CRLs from their own CA.
 *
 * The list is `DIR/ca/network-ca.crl` (PEM). Revoking adds the certificate's serial to the entries
 * already there (after checking the old list's signature) and signs a new list with the CA key.
 */
import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayError } from '../errors.js';
import { CA_DIR } from './layout.js';
import { crlDer, crlPem, normalSerial, RSA_SHA256, x509 } from './x509.js';

/** The reasons of RFC 5280 section 5.3.1 that `pki revoke` offers. */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** Options of {@link revokeCertificate}. */
export interface RevokeOptions {
  /** The dev PKI folder (`pki init --out`). */
  out: string;
  /** The certificate to revoke (PEM), issued by the network CA. */
  cert: string;
  reason?: RevocationReason;
  /** Days until the list's nextUpdate. */
  days?: number;
  now?: Date;
}

/** The result of {@link revokeCertificate}. */
export interface RevokeResult {
  crlFile: string;
  /** The revoked serial, upper-case hex. */
  serial: string;
  /** False when the list already named this serial (the list is signed again anyway). */
  added: boolean;
  /** How many serials the list names now. */
  entries: number;
}

function bad(message: string, cause?: unknown): GatewayError {
  return new GatewayError('pki.invalid_argument', message, { cause });
}

/** The path of the network CA's CRL in a dev PKI folder. */
export function networkCrlFile(out: string): string {
  return path.join(path.resolve(out), CA_DIR, 'network-ca.crl');
}

function readCertificate(file: string, what: string): X509Certificate {
  try {
    return new X509Certificate(readFileSync(file));
  } catch (err) {
    throw bad(`${what}: cannot read a certificate from ${file}`, err);
  }
}

/** Adds `options.cert` to the network CA's CRL (creating it) and writes the newly signed list. */
export async function revokeCertificate(options: RevokeOptions): Promise<RevokeResult> {
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw bad('--days: expected 1 to 3650');
  const caDir = path.join(path.resolve(options.out), CA_DIR);
  const caCert = readCertificate(path.join(caDir, 'network-ca.crt'), '--out');
  const cert = readCertificate(options.cert, '--cert');
  if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) {
    throw bad(`--cert: ${options.cert} was not issued by the network CA of ${options.out}`);
  }
  let keyPem: string;
  try {
    keyPem = readFileSync(path.join(caDir, 'network-ca.key'), 'utf8');
  } catch (err) {
    throw bad(`--out: cannot read the network CA key in ${caDir}`, err);
  }
  const ca = new x509.X509Certificate(caCert.raw);
  const crlFile = networkCrlFile(options.out);
  const entries: x509.X509CrlEntryParams[] = [];
  if (existsSync(crlFile)) {
    const old = new x509.X509Crl(crlDer(readFileSync(crlFile)));
    if (!(await old.verify({ publicKey: ca }))) {
      throw bad(
        `${crlFile}: its signature does not verify with the network CA; remove it to start a new list`,
      );
    }
    for (const e of old.entries) {
      entries.push({
        serialNumber: e.serialNumber,
        revocationDate: e.revocationDate,
        ...(e.reason === undefined ? {} : { reason: e.reason }),
      });
    }
  }
  const serial = normalSerial(cert.serialNumber);
  const added = !entries.some((e) => normalSerial(e.serialNumber) === serial);
  if (added) {
    entries.push({
      serialNumber: cert.serialNumber,
      revocationDate: now,
      reason: x509.X509CrlReason[options.reason ?? 'unspecified'],
    });
  }
  const pkcs8 = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_SHA256, false, ['sign']);
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.subject,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + days * 86_400_000),
    entries,
    signingAlgorithm: RSA_SHA256,
    signingKey: signingKey as unknown as CryptoKeyLike,
  });
  writeFileSync(crlFile, crlPem(crl.rawData));
  return { crlFile, serial, added, entries: entries.length };
}

type CryptoKeyLike = Parameters<typeof x509.X509CrlGenerator.create>[0]['signingKey'];
