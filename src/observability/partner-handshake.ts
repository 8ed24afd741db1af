/**
 * A mutual-TLS handshake with a partner's peer port, as the gateway makes it, reported in words an
 * operator can act on: nothing listening, wrong name, unknown CA, expired certificate, or our own
 * certificate refused by the partner.
 */
import { X509Certificate } from 'node:crypto';
import { connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { fail, ok, warn, type CheckResult } from './check.js';
import { oneLineName } from './cert-checks.js';

/** What the handshake needs: our TLS material and the partner's id and address. */
export interface HandshakeTarget {
  partner: string;
  address: string;
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
  now: Date;
  warnDays: number;
  timeoutMs?: number;
}

function splitAddress(address: string): { host: string; port: number } {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: address, port: 443 };
}

const DAY_MS = 86_400_000;

/**
 * Connects to `address` with our certificate, checks that the partner's certificate chains to our
 * trust anchors and names `partner`, and waits for the partner's first HTTP/2 frame: a partner that
 * refuses our certificate (TLS 1.3 tells the client only after the handshake) sends an alert instead.
 */
export function checkPartnerHandshake(t: HandshakeTarget): Promise<CheckResult> {
  const { host, port } = splitAddress(t.address);
  const where = `${t.partner} at ${t.address}`;
  return new Promise((resolve) => {
    let settled = false;
    let peer: PeerCertificate | undefined;
    const done = (r: CheckResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    let socket: TLSSocket;
    try {
      socket = connect({
        host,
        port,
        ca: t.ca,
        cert: t.cert,
        key: t.key,
        servername: t.partner,
        ALPNProtocols: ['h2'],
        minVersion: 'TLSv1.3',
        checkServerIdentity: (_h, cert) =>
          cert.subject?.CN === t.partner
            ? undefined
            : new Error(`the partner certificate names CN=${cert.subject?.CN}, expected ${t.partner}`),
      });
    } catch (err) {
      // Our own material is unusable (a key that is not the certificate's, say).
      resolve(
        fail(
          `${where}: cannot use our TLS material: ${(err as Error).message}`,
          'fix tls.cert and tls.key (see tls-certificate)',
        ),
      );
      return;
    }
    const timer = setTimeout(
      () =>
        done(
          fail(
            `${where}: no answer within ${t.timeoutMs ?? 5000} ms`,
            'check the partner address in the partners file, firewalls, and that the partner gateway runs',
          ),
        ),
      t.timeoutMs ?? 5000,
    );
    socket.once('secureConnect', () => {
      peer = socket.getPeerCertificate();
    });
    socket.once('data', () => {
      const cert = peer?.raw ? new X509Certificate(peer.raw) : undefined;
      if (!cert) return done(fail(`${where}: no certificate received`, 'check the partner address'));
      const days = Math.floor((Date.parse(cert.validTo) - t.now.getTime()) / DAY_MS);
      const what = `${where}: mutual TLS (${socket.getProtocol()}) ok; its certificate ${oneLineName(cert.subject)}, issued by ${oneLineName(cert.issuer)}, valid until ${cert.validTo}`;
      if (days < t.warnDays) {
        return done(
          warn(`${what}: expires in ${days} days`, `ask ${t.partner} to renew its gateway certificate`),
        );
      }
      done(ok(what));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done(describe(err, where, t.partner)));
    socket.once('close', () => {
      if (!peer) {
        return done(
          fail(
            `${where}: the connection closed during the TLS handshake`,
            'check that the address is the partner gateway peer port',
          ),
        );
      }
      // TLS 1.3: the client finishes its handshake before the server checks the client certificate,
      // so a refusal shows as a close right after it, without a frame.
      const ours = new X509Certificate(t.cert);
      done(
        fail(
          `${where}: the partner refused our certificate (it closed the connection right after the handshake); ours is ${oneLineName(ours.subject)}, issued by ${oneLineName(ours.issuer)}`,
          `ask ${t.partner} to trust the CA that issued our certificate, and check that our certificate is valid and meant for client authentication`,
        ),
      );
    });
  });
}

/** Turns a connection or TLS error into a check result with a concrete fix. */
function describe(err: NodeJS.ErrnoException, where: string, partner: string): CheckResult {
  const code = err.code ?? '';
  const msg = err.message;
  if (code === 'ECONNREFUSED') {
    return fail(
      `${where}: connection refused (nothing listens there)`,
      'check the address and port in the partners file, and that the partner gateway runs',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return fail(`${where}: the host name does not resolve`, 'check the address in the partners file and DNS');
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return fail(
      `${where}: the partner certificate has expired`,
      `ask ${partner} to renew its gateway certificate`,
    );
  }
  if (
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  ) {
    return fail(
      `${where}: the partner certificate is not signed by a CA in tls.ca (${code})`,
      `add the CA that issued ${partner}'s certificate to tls.ca, or ask ${partner} for a certificate from the network CA`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /expected/.test(msg)) {
    return fail(
      `${where}: ${msg}`,
      `the address may point at another gateway: check ${partner}'s address in the partners file`,
    );
  }
  if (/alert|certificate required|unknown ca|bad certificate|certificate unknown/i.test(msg)) {
    return fail(
      `${where}: the partner refused our certificate (${msg.trim()})`,
      `ask ${partner} to trust the CA that issued our certificate, and check that our certificate is valid`,
    );
  }
  if (/protocol version|wrong version/i.test(msg)) {
    return fail(`${where}: no TLS 1.3 (${msg.trim()})`, `${partner} must accept TLS 1.3`);
  }
  return fail(
    `${where}: ${code ? `${code}: ` : ''}${msg}`,
    'check the address, the certificates and the partner gateway',
  );
}
