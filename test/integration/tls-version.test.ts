/**
 * TLS 1.3 is the minimum on every gRPC port of a gateway: a client limited to TLS 1.2 is refused
 * during the handshake on the peer port and on the operator port, while a TLS 1.3 client with the
 * same certificate gets through.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { loadOperatorProfile } from '../../src/transport/operator-client.js';
import { startNetwork, type Network } from '../helpers/gateways.js';

type Outcome = { ok: true; protocol: string | null } | { ok: false; error: string };

/** Opens a TLS connection and reports whether the handshake succeeded (and with which version). */
function handshake(
  port: number,
  tls: { ca: Buffer; cert: Buffer; key: Buffer },
  servername: string,
  maxVersion: 'TLSv1.2' | 'TLSv1.3',
): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ...tls,
      servername,
      maxVersion,
      ALPNProtocols: ['h2'],
      checkServerIdentity: () => undefined,
    });
    socket.once('secureConnect', () => {
      resolve({ ok: true, protocol: socket.getProtocol() });
      socket.destroy();
    });
    socket.once('error', (err) => resolve({ ok: false, error: err.message }));
  });
}

describe('TLS versions on the gateway ports', function () {
  this.timeout(30_000);
  let net: Network;

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
  });
  after(() => net?.stop());

  const peerTls = () => net.gatewayTls('FIU-A');
  const operatorTls = () => {
    const p = loadOperatorProfile(net.pki.fius['FIU-B']!.profiles.admin!);
    return { ca: readFileSync(p.ca), cert: readFileSync(p.cert), key: readFileSync(p.key) };
  };

  for (const [name, port, tls] of [
    ['peer', () => net.ports['FIU-B']!.peerPort, peerTls],
    ['operator', () => net.ports['FIU-B']!.operatorPort, operatorTls],
  ] as const) {
    describe(`the ${name} port`, () => {
      it('refuses a TLS 1.2 client in the handshake', async () => {
        const r = await handshake(port(), tls(), 'FIU-B', 'TLSv1.2');
        expect(r.ok, JSON.stringify(r)).to.equal(false);
        expect((r as { error: string }).error).to.match(/protocol version|unsupported protocol/i);
      });

      it('accepts the same client over TLS 1.3', async () => {
        expect(await handshake(port(), tls(), 'FIU-B', 'TLSv1.3')).to.deep.equal({
          ok: true,
          protocol: 'TLSv1.3',
        });
      });
    });
  }
});
