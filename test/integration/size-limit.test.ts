/**
 * The size limit of a sealed message (docs/PROTOCOL.md section 9), against a live FIU-B whose
 * `peer.maxMessageBytes` is 8 KiB: larger sealed messages are refused with `message.too_large` and
 * logged; gRPC frames beyond the limit plus the frame slack are cut off by the transport.
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sealMessage } from '../../src/crypto/index.js';
import { FRAME_SLACK_BYTES } from '../../src/transport/servers.js';
import { ERROR_CODE_METADATA } from '../../src/transport/status.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { freshRequest, ledgerEntries, sampleInput } from '../helpers/live-data.js';
import { expectPeerRefusal, expectServiceError } from '../helpers/refusals.js';

const LIMIT = 8192;

/** The sample request with facts of `chars` characters. */
function inputWithFacts(chars: number) {
  const input = sampleInput();
  input.body.facts = 'Fictional facts of a large case. '.repeat(Math.ceil(chars / 33)).slice(0, chars);
  return input;
}

describe('the size limit of a live gateway', function () {
  this.timeout(30_000);
  let net: Network;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      configure: (fiu, config) => {
        if (fiu === 'FIU-B') config.peer.maxMessageBytes = LIMIT;
      },
    });
  });
  after(() => net?.stop());

  it('accepts a sealed message under the limit', async () => {
    const { sealed } = await sealMessage(freshRequest('FIU-A', 'FIU-B'), net.gw['FIU-A']!.ring, new Date());
    expect(sealed.length).to.be.below(LIMIT);
    const { receipt } = await net.rawPeerClient('FIU-A', 'FIU-B')(sealed);
    expect(receipt).to.be.a('string');
  });

  describe('when a valid sealed message is larger than the limit but fits a gRPC frame', () => {
    it('refuses it with RESOURCE_EXHAUSTED message.too_large, and logs the refusal', async () => {
      const message = freshRequest('FIU-A', 'FIU-B', { input: inputWithFacts(12_000) });
      const { sealed } = await sealMessage(message, net.gw['FIU-A']!.ring, new Date());
      expect(sealed.length)
        .to.be.above(LIMIT)
        .and.below(LIMIT + FRAME_SLACK_BYTES);
      const logged = net.logs['FIU-B']!.length;
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver: net.rawPeerClient('FIU-A', 'FIU-B'),
        sealed,
        tlsPeer: 'FIU-A',
        claimed: { id: message.header.id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
        status: grpc.status.RESOURCE_EXHAUSTED,
        reason: 'message.too_large',
        detail: `exceeds ${LIMIT} bytes`,
        secrets: ['Fictional facts'],
      });
      const lines = net.logs['FIU-B']!.slice(logged);
      expect(lines.some((l) => l.level === 'warn' && l.fields.code === 'message.too_large')).to.equal(true);
    });

    it('reports it to analyst@FIU-A as a failed delivery, logged on both sides', async () => {
      const beforeA = await net.snapshot('FIU-A');
      const beforeB = await net.snapshot('FIU-B');
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', inputWithFacts(12_000));
      expect(sent).to.include({ status: 'failed', errorCode: 'message.too_large' });
      const entriesA = await ledgerEntries(net.gw['FIU-A']!.store, beforeA.ledgerSize);
      expect(entriesA.map((e) => [e.event, e.reason])).to.deep.equal([
        ['policy.decision', undefined],
        ['message.sent', undefined],
        ['delivery.failed', 'message.too_large'],
      ]);
      // Refused for its size before the agreement is asked: the refusal alone, no decision.
      const entriesB = await ledgerEntries(net.gw['FIU-B']!.store, beforeB.ledgerSize);
      expect(entriesB.map((e) => [e.event, e.reason, e.message?.id])).to.deep.equal([
        ['message.refused', 'message.too_large', sent.messageId],
      ]);
      expect(entriesB[0]!.message!.digest).to.equal(entriesA[1]!.message!.digest);
      const afterB = await net.snapshot('FIU-B');
      expect([afterB.messages, afterB.cases]).to.deep.equal([beforeB.messages, beforeB.cases]);
    });
  });

  describe('when the gRPC frame is larger than the limit plus the frame slack', () => {
    it('is cut off by the transport (RESOURCE_EXHAUSTED, no reason code) and not logged in the ledger', async () => {
      const before = await net.snapshot('FIU-B');
      const junk = 'x'.repeat(LIMIT + FRAME_SLACK_BYTES + 1024);
      const err = await expectServiceError(net.rawPeerClient('FIU-A', 'FIU-B')(junk));
      expect(grpc.status[err.code]).to.equal('RESOURCE_EXHAUSTED');
      expect(err.metadata.get(ERROR_CODE_METADATA)).to.deep.equal([]);
      expect(await net.snapshot('FIU-B')).to.deep.equal(before);
    });
  });
});
