/**
 * Certificate authorities and certificates of the development PKI, made with node-forge (RSA only; see
 * docs/OPERATIONS.md: production FIUs bring their own PKI).
 *
 * Two things are done with node:crypto instead of forge, for speed only: RSA key generation (forge's
 * own generator is pure JavaScript; node:crypto's runs on the libuv thread pool, so keys are made in
 * parallel) and the RSA signature over the TBSCertificate (forge's pure-JavaScript RSA costs ~30 ms
 * per signature). forge still builds and encodes every certificate.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import forge from 'node-forge';
import { GatewayError } from '../errors.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** The organisation named in every development certificate. */
export const DEV_ORGANIZATION = 'fiu-gateway dev';

/** The RSA modulus size of every development key. */
export const RSA_BITS = 2048;

/** A certificate and its private key, both PEM (the key as PKCS#8 `PRIVATE KEY`). */
export interface CertificateMaterial {
  certPem: string;
  keyPem: string;
}

/** A subject alternative name: a DNS name, an IP address or a URI (such as `urn:fiu:FIU-A`). */
export type SubjectAltName =
  { type: 'dns'; value: string } | { type: 'ip'; value: string } | { type: 'uri'; value: string };

/**
 * What a certificate may be used for. `server+client`: a gateway certificate, which serves the peer
 * and operator ports and is also the client certificate when the gateway calls a partner. `client`:
 * an operator certificate.
 */
export type CertificateUsage = 'server+client' | 'client';

/** A validity window; both ends default (see the functions that take it). */
export interface Validity {
  notBefore?: Date;
  notAfter?: Date;
}

/** Options of {@link createCa}. */
export interface CreateCaOptions extends Validity {
  /** The subject organisation; defaults to {@link DEV_ORGANIZATION}. */
  organization?: string;
  /** An existing RSA private key (PEM) to certify instead of a fresh one. */
  keyPem?: string;
}

/** Options of {@link issueCertificate}. */
export interface IssueCertificateOptions extends Validity {
  /** The issuing CA's certificate, PEM. */
  caCertPem: string;
  /** The issuing CA's private key, PEM (PKCS#1 or PKCS#8). */
  caKeyPem: string;
  /** The subject common name: the FIU id of a gateway, `role@FIU` of an operator. */
  commonName: string;
  /** The subject organisation; defaults to {@link DEV_ORGANIZATION}. */
  organization?: string;
  /**
   * Subject alternative names. Defaults to {@link gatewaySubjectAltNames}(commonName) for
   * `server+client` (so a test can change one thing of a good gateway certificate) and to none for
   * `client`.
   */
  sans?: SubjectAltName[];
  usage: CertificateUsage;
  /** An existing RSA private key (PEM) to certify instead of a fresh one. */
  keyPem?: string;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** The default validity: from an hour ago (clock skew between machines) to a year from now. */
function validity(v: Validity): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  const notBefore = v.notBefore ?? new Date(now - HOUR_MS);
  const notAfter = v.notAfter ?? new Date(now + 365 * DAY_MS);
  if (notBefore.getTime() >= notAfter.getTime()) {
    throw new GatewayError('pki.invalid_argument', 'notBefore must be earlier than notAfter');
  }
  return { notBefore, notAfter };
}

/** The SANs of a development gateway certificate: localhost, 127.0.0.1 and `urn:fiu:<id>`. */
export function gatewaySubjectAltNames(fiu: string): SubjectAltName[] {
  return [
    { type: 'dns', value: 'localhost' },
    { type: 'ip', value: '127.0.0.1' },
    { type: 'uri', value: `urn:fiu:${fiu}` },
  ];
}

/** Generates an RSA key pair on the thread pool; both PEM (SPKI and PKCS#8). */
export async function generateRsaKey(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', {
    modulusLength: RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** The key to certify: the given one, or a fresh one. */
async function subjectKey(
  keyPem: string | undefined,
): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  if (keyPem === undefined) return generateRsaKey();
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (err) {
    throw new GatewayError('pki.invalid_argument', 'the subject key is not a valid PEM private key', {
      cause: err,
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new GatewayError('pki.invalid_argument', 'the development PKI certifies RSA keys only');
  }
  return {
    publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A positive 128-bit serial number, hex, whose first byte needs no DER sign padding. */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}

function subjectAttributes(commonName: string, organization: string): forge.pki.CertificateField[] {
  return [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: organization },
  ];
}

function altNameToForge(san: SubjectAltName): Record<string, unknown> {
  switch (san.type) {
    case 'dns':
      return { type: 2, value: san.value };
    case 'uri':
      return { type: 6, value: san.value };
    case 'ip':
      if (isIP(san.value) === 0)
        throw new GatewayError('pki.invalid_argument', `not an IP address: ${san.value}`);
      return { type: 7, ip: san.value };
  }
}

/**
 * Signs `cert` with sha256WithRSAEncryption. forge's `cert.sign` computes the TBSCertificate and
 * hands it to a message digest and then to `key.sign(md)`; we record the bytes it digests and sign
 * them with node:crypto, which gives the same PKCS#1 v1.5 signature in a fraction of the time.
 */
function signCertificate(cert: forge.pki.Certificate, issuerKey: KeyObject): void {
  const md = forge.md.sha256.create();
  let tbs = '';
  const recorder = {
    algorithm: md.algorithm,
    update(bytes: string) {
      tbs += bytes;
      md.update(bytes);
      return recorder;
    },
    digest: () => md.digest(),
  };
  const signer = { sign: () => sign('sha256', Buffer.from(tbs, 'binary'), issuerKey).toString('binary') };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, recorder as unknown as forge.md.MessageDigest);
  cert.md = md;
}

function newCertificate(publicKeyPem: string, v: { notBefore: Date; notAfter: Date }): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = v.notBefore;
  cert.validity.notAfter = v.notAfter;
  return cert;
}

/**
 * Creates a self-signed certificate authority: basicConstraints cA (path length 0: it issues end
 * entities only), keyUsage keyCertSign and cRLSign. Validity defaults to an hour ago .. a year from now.
 */
export async function createCa(
  commonName: string,
  options: CreateCaOptions = {},
): Promise<CertificateMaterial> {
  const v = validity(options);
  const key = await subjectKey(options.keyPem);
  const cert = newCertificate(key.publicKeyPem, v);
  const subject = subjectAttributes(commonName, options.organization ?? DEV_ORGANIZATION);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, createPrivateKey(key.privateKeyPem));
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.privateKeyPem };
}

/**
 * Issues an end-entity certificate from a CA. `server+client` gives keyUsage digitalSignature and
 * keyEncipherment and extKeyUsage serverAuth and clientAuth; `client` gives digitalSignature and
 * clientAuth. Validity defaults to an hour ago .. a year from now; nothing stops a caller from making
 * an expired certificate or one outside its CA's validity (tests need both).
 */
export async function issueCertificate(options: IssueCertificateOptions): Promise<CertificateMaterial> {
  const v = validity(options);
  let caCert: forge.pki.Certificate;
  let caKey: KeyObject;
  try {
    caCert = forge.pki.certificateFromPem(options.caCertPem);
    caKey = createPrivateKey(options.caKeyPem);
  } catch (err) {
    throw new GatewayError('pki.invalid_argument', 'the CA certificate or key is not a valid PEM', {
      cause: err,
    });
  }
  const key = await subjectKey(options.keyPem);
  const cert = newCertificate(key.publicKeyPem, v);
  cert.setSubject(subjectAttributes(options.commonName, options.organization ?? DEV_ORGANIZATION));
  cert.setIssuer(caCert.subject.attributes);
  const server = options.usage === 'server+client';
  const sans = options.sans ?? (server ? gatewaySubjectAltNames(options.commonName) : []);
  const extensions: Record<string, unknown>[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: server, critical: true },
    { name: 'extKeyUsage', serverAuth: server, clientAuth: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ];
  if (sans.length > 0) extensions.push({ name: 'subjectAltName', altNames: sans.map(altNameToForge) });
  cert.setExtensions(extensions);
  signCertificate(cert, caKey);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.privateKeyPem };
}
