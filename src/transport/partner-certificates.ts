/**
 * The partners' TLS certificates as last seen (issue 9: "partners' certificates valid"). A gateway
 * only sees a partner's certificate during a connection: as a client when it delivers (the partner's
 * server certificate) and as a server on every peer call (the partner's client certificate). Both
 * places record here; the `partner-certificates` health check judges what was recorded.
 *
 * Only what the check reports is kept: names, serial, dates and fingerprint, never the certificate's
 * bytes.
 */
import type { PeerCertificate } from 'node:tls';

/** On which side of the connection the certificate was seen. */
export type SeenAs = 'server' | 'client';

/** What is kept of one partner's last seen certificate. */
export interface SeenCertificate {
  partner: string;
  /** The subject common name. */
  commonName: string;
  /** The issuer on one line, `CN=..., O=...`. */
  issuer: string;
  /** The serial number as node:tls gives it (upper-case hex). */
  serial: string;
  validFrom: Date;
  validTo: Date;
  fingerprint256: string;
  /** When it was seen, by the gateway clock. */
  seenAt: Date;
  /** `server`: the partner called us; `client`: we connected to the partner. */
  seenAs: SeenAs;
}

/** `CN=FIU-A, O=...` from node:tls's name object (a field may repeat, as an array). */
function oneLine(name: PeerCertificate['issuer'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${String(x)}`))
    .join(', ');
}

/** The last certificate seen from each partner; see the module comment. */
export class PartnerCertificates {
  private readonly seen = new Map<string, SeenCertificate>();

  constructor(
    private readonly clock: () => Date = () => new Date(),
    /** Only these FIUs are recorded (the registered partners), so other callers cannot fill the map. */
    private readonly isPartner: (fiu: string) => boolean = () => true,
  ) {}

  /**
   * Records `cert` as `partner`'s current certificate. A certificate without readable validity
   * dates (no certificate at all) is ignored.
   */
  record(partner: string, cert: PeerCertificate | undefined, seenAs: SeenAs): void {
    if (!cert || !this.isPartner(partner)) return;
    const validFrom = new Date(cert.valid_from);
    const validTo = new Date(cert.valid_to);
    if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validTo.getTime())) return;
    const cn = cert.subject?.CN;
    this.seen.set(partner, {
      partner,
      commonName: Array.isArray(cn) ? cn.join(', ') : String(cn ?? ''),
      issuer: oneLine(cert.issuer),
      serial: cert.serialNumber ?? '',
      validFrom,
      validTo,
      fingerprint256: cert.fingerprint256 ?? '',
      seenAt: this.clock(),
      seenAs,
    });
  }

  /** The last certificate seen from `partner`, if any. */
  get(partner: string): SeenCertificate | undefined {
    return this.seen.get(partner);
  }

  /** Every partner's last seen certificate, as copies. */
  snapshot(): Map<string, SeenCertificate> {
    return new Map([...this.seen].map(([k, v]) => [k, { ...v }]));
  }
}
