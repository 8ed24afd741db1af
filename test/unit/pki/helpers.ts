/** Test helpers of the PKI tests. */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Reads a PEM certificate file. */
export function readCert(file: string): X509Certificate {
  return new X509Certificate(readFileSync(file));
}

/** True when `cert` was issued by `ca`: names match and the signature verifies with the CA's key. */
export function chainsTo(cert: X509Certificate, ca: X509Certificate): boolean {
  return cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

/** The common name of a certificate subject ("CN=FIU-A\nO=..." in Node's format). */
export function commonName(cert: X509Certificate): string | undefined {
  return /^CN=(.*)$/m.exec(cert.subject)?.[1];
}
