/**
 * The development certificates in real TLS handshakes (node:tls, TLS 1.3, mutual): gateways
 * authenticate each other through the network CA, operators through their FIU's operator CA, and a
 * partner's gateway certificate is refused by the operator port.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createCa, initPki, issueCertificate, type PkiLayout } from '../../../src/pki/index.js';

interface Side {
  ca: string;
  cert: string;
  key: string;
}

/**
 * Runs one mutual-TLS handshake on loopback and returns the server's verdict on the client certificate:
 * its CN when it chains to the server's trust anchors, else OpenSSL's verification error. (The server
 * does not reject by itself, so that the reason can be read instead of a bare connection reset.)
 */
async function handshake(server: Side, client: Side): Promise<{ peer?: string; error?: string }> {
  const srv = tls.createServer({ ...server, requestCert: true, rejectUnauthorized: false });
  try {
    const outcome = new Promise<{ peer?: string; error?: string }>((resolve) => {
      srv.on('secureConnection', (s) => {
        const error = s.authorizationError;
        resolve(
          s.authorized ? { peer: String(s.getPeerCertificate().subject?.CN) } : { error: String(error) },
        );
        s.end();
      });
      srv.on('tlsClientError', (err) => resolve({ error: err.message }));
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const { port } = srv.address() as AddressInfo;
    const socket = tls.connect({ host: '127.0.0.1', port, ...client });
    socket.on('error', () => undefined); // the server's verdict is what counts
    const result = await outcome;
    socket.destroy();
    return result;
  } finally {
    await new Promise((resolve) => srv.close(resolve));
  }
}

/** OpenSSL's verdicts for a chain that does not reach a trust anchor (whether the CA was sent along or not). */
function isUntrusted(result: { peer?: string; error?: string }): boolean {
  return (
    result.peer === undefined &&
    /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)$/.test(result.error ?? '')
  );
}

describe('pki certificates in TLS handshakes', function () {
  this.timeout(60_000); // RSA key generation is slow on a loaded machine
  let tmp: string;
  let layout: PkiLayout;
  const read = (f: string) => readFileSync(f, 'utf8');
  const gateway = (id: string, ca = layout.networkCa.cert): Side => ({
    ca: read(ca),
    cert: read(layout.fius[id]!.tls.cert),
    key: read(layout.fius[id]!.tls.key),
  });

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'fiugw-pki-tls-'));
    layout = await initPki({ out: tmp, fius: ['FIU-A', 'FIU-B'] });
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('lets a partner gateway call the peer port, named by its CN', async () => {
    expect(await handshake(gateway('FIU-A'), gateway('FIU-B'))).to.deep.equal({ peer: 'FIU-B' });
  });

  it("lets an operator call its own gateway's operator port", async () => {
    const a = layout.fius['FIU-A']!;
    const server = gateway('FIU-A', a.operatorCa.cert);
    const client = {
      ca: read(layout.networkCa.cert),
      cert: read(a.operators.analyst.cert),
      key: read(a.operators.analyst.key),
    };
    expect(await handshake(server, client)).to.deep.equal({ peer: 'analyst@FIU-A' });
  });

  it("refuses a partner gateway's certificate on the operator port", async () => {
    const server = gateway('FIU-A', layout.fius['FIU-A']!.operatorCa.cert);
    expect(await handshake(server, gateway('FIU-B'))).to.satisfy(isUntrusted);
  });

  it("refuses another FIU's operator on the operator port", async () => {
    const b = layout.fius['FIU-B']!;
    const server = gateway('FIU-A', layout.fius['FIU-A']!.operatorCa.cert);
    const client = {
      ca: read(layout.networkCa.cert),
      cert: read(b.operators.admin.cert),
      key: read(b.operators.admin.key),
    };
    expect(await handshake(server, client)).to.satisfy(isUntrusted);
  });

  it('refuses a gateway certificate from another CA on the peer port', async () => {
    const rogueCa = await createCa('rogue CA');
    const rogue = await issueCertificate({
      caCertPem: rogueCa.certPem,
      caKeyPem: rogueCa.keyPem,
      commonName: 'FIU-B',
      usage: 'server+client',
    });
    const client = { ca: read(layout.networkCa.cert), cert: rogue.certPem, key: rogue.keyPem };
    expect(await handshake(gateway('FIU-A'), client)).to.satisfy(isUntrusted);
  });

  it('refuses an expired gateway certificate on the peer port', async () => {
    const expired = await issueCertificate({
      caCertPem: read(layout.networkCa.cert),
      caKeyPem: read(layout.networkCa.key),
      commonName: 'FIU-B',
      usage: 'server+client',
      notBefore: new Date(Date.now() - 10 * 86400_000),
      notAfter: new Date(Date.now() - 86400_000),
    });
    const client = { ca: read(layout.networkCa.cert), cert: expired.certPem, key: expired.keyPem };
    expect(await handshake(gateway('FIU-A'), client)).to.deep.equal({ error: 'CERT_HAS_EXPIRED' });
  });
});
