/**
 * The freshness window of header.createdAt (docs/PROTOCOL.md section 5, step 15) against a live FIU-B
 * that accepts messages up to an hour old and a minute ahead: stale and future messages are refused
 * and logged; a message accepted while fresh is answered with its original receipt however late it
 * is delivered again, and its id cannot be reused with other content.
 */
import { devAgreementId } from '../../src/pki/index.js';
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sealMessage } from '../../src/crypto/index.js';
import { buildRequest } from '../../src/messages/index.js';
import { startNetwork, type Deliver, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';
import { expectPeerRefusal } from '../helpers/refusals.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('the freshness window of a live gateway', function () {
  this.timeout(30_000);
  let net: Network;
  let asA: Deliver;
  /** How far FIU-B's clock is ahead of the real time. */
  let offsetB = 0;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      configure: (fiu, config) => {
        if (fiu === 'FIU-B') config.peer.freshness = { maxAgeMs: HOUR, maxFutureMs: MINUTE };
      },
      clocks: { 'FIU-B': () => new Date(Date.now() + offsetB) },
    });
    asA = net.rawPeerClient('FIU-A', 'FIU-B');
  });
  afterEach(() => {
    offsetB = 0;
  });
  after(() => net?.stop());

  /** A request of FIU-A created `ageMs` ago (negative: in the future), sealed by FIU-A's ring. */
  const sealAged = async (ageMs: number, id = randomUUID()) => {
    const createdAt = new Date(Date.now() - ageMs).toISOString();
    const agreement = { id: devAgreementId('FIU-A', 'FIU-B'), version: 1 };
    const message = buildRequest(sampleInput(), { id, from: 'FIU-A', to: 'FIU-B', createdAt, agreement });
    return { id, ...(await sealMessage(message, net.gw['FIU-A']!.ring, new Date())) };
  };

  it('accepts a message created 30 minutes ago', async () => {
    const { sealed } = await sealAged(30 * MINUTE);
    expect((await asA(sealed)).receipt).to.be.a('string');
  });

  it('accepts a message created 30 seconds ahead of its clock', async () => {
    const { sealed } = await sealAged(-30_000);
    expect((await asA(sealed)).receipt).to.be.a('string');
  });

  it('refuses a message created two hours ago: INVALID_ARGUMENT message.stale, logged', async () => {
    const { sealed, id } = await sealAged(2 * HOUR);
    await expectPeerRefusal(net, {
      receiver: 'FIU-B',
      deliver: asA,
      sealed,
      tlsPeer: 'FIU-A',
      claimed: { id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
      status: grpc.status.INVALID_ARGUMENT,
      reason: 'message.stale',
      detail: `older than the ${HOUR} ms`,
    });
  });

  it('refuses a message created ten minutes ahead: INVALID_ARGUMENT message.not_yet_valid, logged', async () => {
    const { sealed, id } = await sealAged(-10 * MINUTE);
    await expectPeerRefusal(net, {
      receiver: 'FIU-B',
      deliver: asA,
      sealed,
      tlsPeer: 'FIU-A',
      claimed: { id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
      status: grpc.status.INVALID_ARGUMENT,
      reason: 'message.not_yet_valid',
      detail: `more than ${MINUTE} ms ahead`,
    });
  });

  describe('when a message accepted while fresh is delivered again after the window', () => {
    it('answers the original receipt, and logs nothing new', async () => {
      const { sealed } = await sealAged(0);
      const first = await asA(sealed);
      offsetB = 3 * HOUR;
      const before = await net.snapshot('FIU-B');
      const again = await asA(sealed);
      expect(again.receipt).to.equal(first.receipt);
      expect(await net.snapshot('FIU-B')).to.deep.equal(before);
    });

    it('refuses other content under the same id: ALREADY_EXISTS exchange.duplicate_id, logged', async () => {
      const { sealed, id } = await sealAged(0);
      await asA(sealed);
      offsetB = 3 * HOUR;
      const other = await sealAged(0, id);
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver: asA,
        sealed: other.sealed,
        tlsPeer: 'FIU-A',
        claimed: { id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
        status: grpc.status.ALREADY_EXISTS,
        reason: 'exchange.duplicate_id',
      });
    });
  });
});
