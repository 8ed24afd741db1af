/**
 * The one entry to `@peculiar/x509` (CRLs: node-forge cannot write them, and node:crypto cannot read
 * them). tsyringe, which it uses, needs the `reflect-metadata` polyfill loaded first; it works on the
 * platform's WebCrypto.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509 };

/** The signature algorithm of the dev CA (RSA, PKCS #1 v1.5 with SHA-256), as WebCrypto names it. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A certificate serial number in one form: upper-case hex without leading zeros. */
export function normalSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+(?=.)/, '');
}

/** Splits a PEM bundle into its certificates (DER). */
export function pemCertificates(pem: string): Buffer[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) =>
    Buffer.from(b.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64'),
  );
}

/** The DER bytes of a CRL file: PEM (`X509 CRL`, or `CRL` as some tools write) or DER as it is. */
export function crlDer(bytes: Buffer): Uint8Array {
  const text = bytes.toString('latin1');
  const m = /-----BEGIN (?:X509 )?CRL-----([A-Za-z0-9+/=\s]+)-----END (?:X509 )?CRL-----/.exec(text);
  return new Uint8Array(m ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64') : bytes);
}

/** PEM of a CRL with the label OpenSSL and others read (RFC 7468 section 5: `X509 CRL`). */
export function crlPem(der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN X509 CRL-----\n${b64}\n-----END X509 CRL-----\n`;
}
