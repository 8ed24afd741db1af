/**
 * Certificate and key checks, with messages that name the file, the subject, the issuer and the
 * dates, because certificate trouble is where operators lose most time.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { KeyRecord, KeyUse } from '../crypto/index.js';
import { fail, ok, warn, type CheckResult } from './check.js';

const DAY_MS = 86_400_000;

/** Every certificate in a PEM bundle. */
export function parseCertificates(pem: Buffer | string): X509Certificate[] {
  const text = pem.toString();
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/** `CN=FIU-A, O=...` on one line, from node's multi-line subject or issuer text. */
export function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/** The common name of a certificate's subject. */
export function commonName(cert: X509Certificate): string | undefined {
  return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
}

function day(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** Validity of `cert` (read from `file`) at `now`: expired or not yet valid fails, expiring soon warns. */
export function checkValidity(
  cert: X509Certificate,
  file: string,
  now: Date,
  warnDays: number,
  renew: string,
): CheckResult {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const who = `${file} (${oneLineName(cert.subject)})`;
  if (now < from) {
    return fail(`${who} is not valid before ${day(from)}`, `check the host clock, or ${renew}`);
  }
  if (now > to) {
    return fail(`${who} expired on ${day(to)}`, renew);
  }
  const days = Math.floor((to.getTime() - now.getTime()) / DAY_MS);
  if (days < warnDays) {
    return warn(`${who} expires on ${day(to)}, in ${days} days`, renew);
  }
  return ok(`${who} valid until ${day(to)} (${days} days)`);
}

/** `cert` must be signed by one of `anchors` (the configured CA files); names the issuer when not. */
export function checkIssuedBy(
  cert: X509Certificate,
  file: string,
  anchors: Array<{ file: string; cert: X509Certificate }>,
): CheckResult {
  const signer = anchors.find((a) => cert.checkIssued(a.cert) && cert.verify(a.cert.publicKey));
  const who = `${file} (${oneLineName(cert.subject)})`;
  if (signer) return ok(`${who} is signed by ${oneLineName(signer.cert.subject)} (${signer.file})`);
  const list = anchors.map((a) => `${oneLineName(a.cert.subject)} (${a.file})`).join('; ');
  return fail(
    `${who} is signed by ${oneLineName(cert.issuer)}, which is none of the configured CAs: ${list || 'none'}`,
    'configure the CA that issued this certificate under tls.ca, or get a certificate from the configured CA',
  );
}

/** The private key in `keyPem` must be the key of `cert`. */
export function checkKeyMatches(
  cert: X509Certificate,
  certFile: string,
  keyPem: Buffer,
  keyFile: string,
): CheckResult {
  let key;
  try {
    key = createPrivateKey(keyPem);
  } catch (err) {
    return fail(
      `${keyFile} is not a readable PEM private key (${(err as Error).message})`,
      'point tls.key at the PEM private key of the certificate',
    );
  }
  if (!cert.checkPrivateKey(key)) {
    return fail(
      `${keyFile} is not the private key of ${certFile} (${oneLineName(cert.subject)})`,
      'point tls.key at the key the certificate was issued for, or tls.cert at the matching certificate',
    );
  }
  return ok(`${keyFile} matches ${certFile}`);
}

/**
 * For each use, the newest key of `fiu` valid at `now` must exist; one that ends within `warnDays`
 * with no successor already registered warns.
 */
export function checkKeyWindows(
  records: readonly KeyRecord[],
  fiu: string,
  uses: readonly KeyUse[],
  now: Date,
  warnDays: number,
  fix: string,
): CheckResult {
  const notes: string[] = [];
  let status: CheckResult['status'] = 'ok';
  for (const use of uses) {
    const mine = records.filter((k) => k.fiu === fiu && k.use === use);
    const valid = mine
      .filter((k) => Date.parse(k.notBefore) <= now.getTime() && now.getTime() < Date.parse(k.notAfter))
      .sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter));
    const best = valid[0];
    if (!best) {
      const last = [...mine].sort((a, b) => Date.parse(b.notAfter) - Date.parse(a.notAfter))[0];
      notes.push(
        last
          ? `no ${use} key of ${fiu} is valid now (kid ${last.jwk.kid}: ${last.notBefore} to ${last.notAfter})`
          : `no ${use} key of ${fiu} is registered`,
      );
      status = 'fail';
      continue;
    }
    const days = Math.floor((Date.parse(best.notAfter) - now.getTime()) / DAY_MS);
    if (days < warnDays) {
      notes.push(`${use} key ${best.jwk.kid} of ${fiu} ends on ${best.notAfter}, in ${days} days`);
      if (status === 'ok') status = 'warn';
    } else {
      notes.push(`${use} key of ${fiu} valid until ${best.notAfter}`);
    }
  }
  const detail = notes.join('; ');
  return status === 'ok' ? ok(detail) : status === 'warn' ? warn(detail, fix) : fail(detail, fix);
}
