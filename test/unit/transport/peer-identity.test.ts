import { expect } from 'chai';
import type { PeerCertificate } from 'node:tls';
import { authContext, peerCommonName } from '../../../src/transport/peer-identity.js';
import { expectCode } from '../../helpers/expect-code.js';

/** A call whose auth context counts how often it was read (grpc-js decodes the certificate each time). */
function callWith(ctx: ReturnType<Parameters<typeof authContext>[0]['getAuthContext']>) {
  const call = { reads: 0, getAuthContext: () => (call.reads++, ctx) };
  return call;
}
const cert = (CN: unknown) => ({ subject: { CN } }) as unknown as PeerCertificate;

describe('peer identity', () => {
  it('names the caller by the common name of its TLS client certificate, read once per call', () => {
    const call = callWith({ transportSecurityType: 'ssl', sslPeerCertificate: cert('FIU-B') });
    expect(peerCommonName(call)).to.equal('FIU-B');
    expect(peerCommonName(call)).to.equal('FIU-B');
    expect(authContext(call)?.sslPeerCertificate?.subject.CN).to.equal('FIU-B');
    expect(call.reads).to.equal(1);
    const other = callWith({ transportSecurityType: 'ssl', sslPeerCertificate: cert('FIU-C') });
    expect(peerCommonName(other), 'each call its own').to.equal('FIU-C');
  });

  it('refuses a call without TLS, without a certificate or without a name (transport.no_peer_identity)', async () => {
    for (const ctx of [
      null,
      {},
      { transportSecurityType: 'insecure', sslPeerCertificate: cert('FIU-B') },
      { transportSecurityType: 'ssl' },
      { transportSecurityType: 'ssl', sslPeerCertificate: cert('') },
      { transportSecurityType: 'ssl', sslPeerCertificate: cert(['FIU-B', 'FIU-C']) },
    ]) {
      const call = callWith(ctx);
      await expectCode(async () => peerCommonName(call), 'transport.no_peer_identity');
    }
  });
});
