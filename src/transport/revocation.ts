/**
 * Certificate revocation (config `tls.crl`): X.509 CRLs, each verified at load against the network
 * trust anchors (`tls.ca`), checked on every peer call (the caller's certificate) and on every new
 * connection to a partner (its server certificate). gRPC (grpc-js) cannot take CRLs itself, so the
 * check is here: a certificate is revoked when a loaded CRL whose issuer issued it lists its serial.
 *
 * The files are read again when they change (`reloadIfChanged`, run on a timer by the gateway); a
 * changed file that does not load or verify leaves the lists in force as they were and is logged.
 * A CRL past its `nextUpdate` stays in force (failing closed would cut off every partner) and is
 * logged as a warning at each load.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { GatewayError } from '../errors.js';
import type { Logger } from '../log.js';
import { crlDer, normalSerial, pemCertificates, x509 } from '../pki/x509.js';

/** One loaded, verified CRL. */
interface LoadedCrl {
  file: string;
  /** The trust anchor that signed it. */
  issuer: X509Certificate;
  serials: Set<string>;
  nextUpdate?: Date;
}

/** What can be checked: a TLS peer certificate as node:tls gives it. */
export interface CheckedCertificate {
  raw: Buffer;
  fingerprint256?: string;
}

function invalid(file: string, what: string, cause?: unknown): GatewayError {
  return new GatewayError('config.invalid', `tls.crl: ${file}: ${what}`, { cause });
}

/** Reads, parses and verifies one CRL file against the trust anchors. */
async function loadCrl(file: string, anchors: readonly X509Certificate[]): Promise<LoadedCrl> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `tls.crl: cannot read ${file}`, { cause: err });
  }
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(crlDer(bytes));
  } catch (err) {
    throw invalid(file, 'not an X.509 CRL (PEM or DER)', err);
  }
  const candidates = anchors.filter((a) => new x509.X509Certificate(a.raw).subject === crl.issuer);
  if (candidates.length === 0) {
    throw invalid(file, `its issuer "${crl.issuer}" is not one of the trust anchors in tls.ca`);
  }
  for (const anchor of candidates) {
    const ok = await crl.verify({ publicKey: new x509.X509Certificate(anchor.raw) }).catch(() => false);
    if (ok) {
      return {
        file,
        issuer: anchor,
        serials: new Set(crl.entries.map((e) => normalSerial(e.serialNumber))),
        ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}),
      };
    }
  }
  throw invalid(file, `its signature does not verify with the trust anchor "${crl.issuer}"`);
}

/** The revocation lists in force; see the module comment. */
export class Revocation {
  private crls: LoadedCrl[] = [];
  private mtimes = new Map<string, number>();
  /** Verdicts by certificate fingerprint, cleared on every reload. */
  private verdicts = new Map<string, boolean>();
  private lastLogged = new Map<string, number>();

  private constructor(
    private readonly files: readonly string[],
    private readonly anchors: readonly X509Certificate[],
    private readonly log: Logger,
    private readonly clock: () => Date,
  ) {}

  /** Loads every file of `files`, verified against the PEM bundle `caPem`. Throws `config.invalid`. */
  static async load(
    files: readonly string[],
    caPem: Buffer,
    log: Logger,
    clock: () => Date = () => new Date(),
  ): Promise<Revocation> {
    const anchors = pemCertificates(caPem.toString('utf8')).map((der) => new X509Certificate(der));
    const r = new Revocation(files, anchors, log, clock);
    await r.loadAll();
    return r;
  }

  /** How many CRLs and revoked serials are in force. */
  get size(): { crls: number; revoked: number } {
    return { crls: this.crls.length, revoked: this.crls.reduce((n, c) => n + c.serials.size, 0) };
  }

  /** True when a loaded CRL of the certificate's issuer lists its serial. */
  isRevoked(cert: CheckedCertificate): boolean {
    if (this.crls.length === 0) return false;
    const key = cert.fingerprint256;
    const known = key === undefined ? undefined : this.verdicts.get(key);
    if (known !== undefined) return known;
    const verdict = this.lookUp(cert.raw);
    if (key !== undefined) {
      if (this.verdicts.size > 10_000) this.verdicts.clear();
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }

  private lookUp(raw: Buffer): boolean {
    try {
      const c = new X509Certificate(raw);
      const serial = normalSerial(c.serialNumber);
      return this.crls.some((crl) => crl.serials.has(serial) && c.checkIssued(crl.issuer));
    } catch {
      // An unparsable certificate never passed the TLS handshake; count it as revoked to fail closed.
      return true;
    }
  }

  /**
   * Throws `transport.certificate_revoked` (UNAUTHENTICATED) when `cert` of `who` is revoked, and logs
   * it (at most once a minute per certificate).
   */
  check(cert: CheckedCertificate | undefined, who: string): void {
    if (!cert || !this.isRevoked(cert)) return;
    const serial = this.serialOf(cert);
    const now = this.clock().getTime();
    const key = cert.fingerprint256 ?? serial;
    if (now - (this.lastLogged.get(key) ?? -Infinity) >= 60_000) {
      this.lastLogged.set(key, now);
      this.log.warn('revoked certificate refused', { peer: who, serial });
    }
    throw new GatewayError(
      'transport.certificate_revoked',
      `the certificate of ${who} (serial ${serial}) is revoked`,
      {
        publicDetail: 'the client certificate is revoked',
      },
    );
  }

  /** Reloads when a file's modification time changed; resolves to true when the lists changed. */
  async reloadIfChanged(): Promise<boolean> {
    const changed = this.files.some((f) => this.mtimeOf(f) !== this.mtimes.get(f));
    if (!changed) return false;
    try {
      await this.loadAll();
      this.log.info('revocation lists reloaded', this.size);
      return true;
    } catch (err) {
      // Keep what is in force; remember the times so that one bad file is logged once, not forever.
      for (const f of this.files) this.mtimes.set(f, this.mtimeOf(f));
      this.log.error('revocation lists not reloaded; the previous ones stay in force', {
        reason: err instanceof Error ? err.message : String(err),
      });
      return false;
    }
  }

  private async loadAll(): Promise<void> {
    const mtimes = new Map(this.files.map((f) => [f, this.mtimeOf(f)] as const));
    const crls: LoadedCrl[] = [];
    for (const file of this.files) crls.push(await loadCrl(file, this.anchors));
    this.crls = crls;
    this.mtimes = mtimes;
    this.verdicts.clear();
    const now = this.clock();
    for (const crl of crls) {
      if (crl.nextUpdate && crl.nextUpdate < now) {
        this.log.warn('revocation list is past its next update; it stays in force', {
          file: crl.file,
          nextUpdate: crl.nextUpdate.toISOString(),
        });
      }
    }
  }

  private mtimeOf(file: string): number {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return -1;
    }
  }

  private serialOf(cert: CheckedCertificate): string {
    try {
      return normalSerial(new X509Certificate(cert.raw).serialNumber);
    } catch {
      return 'unreadable';
    }
  }
}
