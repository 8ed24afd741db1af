/**
 * Sharing agreements enforced at both ends of a live exchange (docs/AGREEMENTS.md): the sender refuses
 * before sealing, the receiver refuses with PERMISSION_DENIED and the reason code, and every decision,
 * allowed or refused, is in the ledgers with the agreement id and version used.
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { sealMessage } from '../../src/crypto/index.js';
import { GatewayError } from '../../src/errors.js';
import { devAgreementId } from '../../src/pki/index.js';
import { closedPort } from '../helpers/fake-partner.js';
import { adminOf, startNetwork, type Network } from '../helpers/gateways.js';
import { freshRequest, ledgerEntries, sampleInput, type ParsedEntry } from '../helpers/live-data.js';
import { expectServiceError, expectStatus } from '../helpers/refusals.js';

const AB = devAgreementId('FIU-A', 'FIU-B');

/** The new entries of a gateway's ledger since `from`, as `event` plus reason codes where there are any. */
const summary = (entries: ParsedEntry[]) =>
  entries.map((e) => {
    const x = e as ParsedEntry & { allow?: boolean; reasons?: string[] };
    if (e.event === 'policy.decision')
      return `policy.decision ${x.allow ? 'allow' : `refuse ${x.reasons!.join(',')}`}`;
    return e.reason ? `${e.event} ${e.reason}` : e.event;
  });

describe('sharing agreements enforced between live gateways', function () {
  this.timeout(30_000);
  let net: Network;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      // FIU-A's copy does not cover proliferation financing; FIU-B's does not cover tax information.
      agreements: (fiu, _partner, a) =>
        fiu === 'FIU-A'
          ? { ...a, purposes: a.purposes.filter((p) => p !== 'proliferation_financing') }
          : { ...a, dataCategories: a.dataCategories.filter((c) => c !== 'tax') },
    });
  });
  after(() => net?.stop());

  const sizes = async () => [
    await net.gw['FIU-A']!.store.ledgerSize(),
    await net.gw['FIU-B']!.store.ledgerSize(),
  ];
  const since = async (fiu: string, from: number) => ledgerEntries(net.gw[fiu]!.store, from);

  describe('a request the agreement covers', () => {
    let a: ParsedEntry[];
    let b: ParsedEntry[];
    let messageId: string;
    let receivedAt: string;

    before(async () => {
      const [a0, b0] = await sizes();
      const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(sent.status, `${sent.errorCode} ${sent.errorDetail}`).to.equal('delivered');
      messageId = sent.messageId;
      receivedAt = sent.receipt!.receivedAt;
      a = await since('FIU-A', a0!);
      b = await since('FIU-B', b0!);
    });

    it('is logged by FIU-A as an allowed decision under the agreement, then sent', () => {
      expect(summary(a)).to.deep.equal(['policy.decision allow', 'message.sent', 'delivery.receipt']);
      expect(a[0]).to.deep.include({
        direction: 'outgoing',
        partner: 'FIU-B',
        agreement: { id: AB, version: 1 },
        allow: true,
        reasons: [],
      });
      expect(a[0]!.message).to.deep.equal(a[1]!.message);
    });

    it('is logged by FIU-B as an allowed decision under the same agreement, then received', () => {
      expect(summary(b)).to.deep.equal(['policy.decision allow', 'message.received']);
      expect(b[0]).to.deep.include({
        direction: 'incoming',
        partner: 'FIU-A',
        agreement: { id: AB, version: 1 },
      });
      const obligations = (b[0] as unknown as { obligations: Array<{ kind: string; at?: string }> })
        .obligations;
      expect(obligations.map((o) => o.kind)).to.deep.equal(['deadline', 'retain_until']);
    });

    it('carries the agreement id and version in its header', async () => {
      const inbox = await net.operator('FIU-B', 'liaison').listInbox();
      const c = inbox.cases.find((x) => x.messageId === messageId)!;
      const shown = await net.operator('FIU-B', 'liaison').showCase(c.caseId);
      const header = (JSON.parse(shown.messages[0]!.messageJson) as { header: Record<string, unknown> })
        .header;
      expect(header.agreement).to.deep.equal({ id: AB, version: 1 });
    });

    it('opens a case at FIU-B due by the agreement’s deadline for a normal request (30 days)', async () => {
      const inbox = await net.operator('FIU-B', 'liaison').listInbox();
      const c = inbox.cases.find((x) => x.messageId === messageId)!;
      expect(c.deadline).to.equal(new Date(Date.parse(receivedAt) + 30 * 86_400_000).toISOString());
    });
  });

  describe('a request outside FIU-A’s copy (purpose proliferation_financing)', () => {
    const input = () => ({ ...sampleInput(), purpose: 'proliferation_financing' });

    it('is refused to the analyst with PERMISSION_DENIED policy.purpose_not_allowed, before sealing', async () => {
      const [a0, b0] = await sizes();
      const messagesBefore = (await net.snapshot('FIU-A')).messages;
      const err = await expectServiceError(
        net
          .rawOperator('FIU-A', 'analyst')
          .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(input()) }),
      );
      expectStatus(err, {
        status: grpc.status.PERMISSION_DENIED,
        reason: 'policy.purpose_not_allowed',
        detail: `agreement ${AB} version 1: purpose proliferation_financing is not covered`,
      });
      const added = await since('FIU-A', a0!);
      expect(summary(added)).to.deep.equal(['policy.decision refuse policy.purpose_not_allowed']);
      expect(added[0]!.message).to.include({ type: 'request', from: 'FIU-A', to: 'FIU-B' });
      expect(added[0]!.message).to.not.have.property('digest');
      expect((await net.snapshot('FIU-A')).messages, 'nothing sealed or stored').to.equal(messagesBefore);
      expect(await net.gw['FIU-B']!.store.ledgerSize(), 'FIU-B never heard of it').to.equal(b0);
    });

    it('shows the reason code to the operator’s client', async () => {
      const err = await net
        .operator('FIU-A', 'analyst')
        .submitRequest('FIU-B', input())
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).to.be.instanceOf(GatewayError);
      expect((err as GatewayError).code).to.equal('policy.purpose_not_allowed');
    });

    it('refuses a classification above the agreed maximum with policy.classification_too_high', async () => {
      const err = await expectServiceError(
        net.rawOperator('FIU-A', 'analyst').submitRequest({
          to: 'FIU-B',
          requestJson: JSON.stringify({ ...sampleInput(), classification: 'secret' }),
        }),
      );
      expectStatus(err, { status: grpc.status.PERMISSION_DENIED, reason: 'policy.classification_too_high' });
    });
  });

  describe('a request FIU-A’s copy allows but FIU-B’s does not (data category tax)', () => {
    it('is refused by FIU-B, and both ledgers record the reason code', async () => {
      const [a0, b0] = await sizes();
      const before = await net.snapshot('FIU-B');
      const sent = await net
        .operator('FIU-A', 'analyst')
        .submitRequest('FIU-B', { ...sampleInput(), dataCategories: ['identity', 'tax'] });
      expect(sent.status).to.equal('failed');
      expect(sent.errorCode).to.equal('policy.category_not_allowed');
      expect(sent.errorDetail).to.include(`agreement ${AB} version 1: data categories not covered: tax`);
      expect(summary(await since('FIU-A', a0!))).to.deep.equal([
        'policy.decision allow',
        'message.sent',
        'delivery.failed policy.category_not_allowed',
      ]);
      const b = await since('FIU-B', b0!);
      expect(summary(b)).to.deep.equal([
        'policy.decision refuse policy.category_not_allowed',
        'message.refused policy.category_not_allowed',
      ]);
      expect(b[0]).to.deep.include({ direction: 'incoming', agreement: { id: AB, version: 1 } });
      const after = await net.snapshot('FIU-B');
      expect([after.messages, after.cases]).to.deep.equal([before.messages, before.cases]);
    });

    it('answers the partner PERMISSION_DENIED with the reason code in the trailer and the details', async () => {
      const message = freshRequest('FIU-A', 'FIU-B', { input: { dataCategories: ['tax'] } });
      const { sealed } = await sealMessage(message, net.gw['FIU-A']!.ring, new Date());
      const err = await expectServiceError(net.rawPeerClient('FIU-A', 'FIU-B')(sealed));
      expectStatus(err, {
        status: grpc.status.PERMISSION_DENIED,
        reason: 'policy.category_not_allowed',
        detail: 'tax',
        secrets: ['Jane', 'Example'],
      });
    });

    it('refuses a message that names another version of the agreement with policy.agreement_mismatch', async () => {
      const message = freshRequest('FIU-A', 'FIU-B');
      message.header.agreement = { id: AB, version: 7 };
      const { sealed } = await sealMessage(message, net.gw['FIU-A']!.ring, new Date());
      const err = await expectServiceError(net.rawPeerClient('FIU-A', 'FIU-B')(sealed));
      expectStatus(err, {
        status: grpc.status.PERMISSION_DENIED,
        reason: 'policy.agreement_mismatch',
        detail: `names agreement ${AB} version 7; in force is ${AB} version 1`,
      });
    });
  });

  describe('when FIU-B suspends the agreement', () => {
    after(async () => {
      const b = net.gw['FIU-B']!;
      const current = await b.agreements.inForce('FIU-A');
      await b.agreements.apply(adminOf('FIU-B'), { ...current!.agreement, status: 'active' });
    });

    it('refuses FIU-A’s requests with policy.agreement_suspended until it is applied again', async () => {
      const b = net.gw['FIU-B']!;
      const b0 = await b.store.ledgerSize();
      await b.agreements.suspend(adminOf('FIU-B'), AB, 'partner audit pending');
      const suspended = await since('FIU-B', b0);
      expect(suspended.map((e) => e.event)).to.deep.equal(['agreement.changed']);
      expect(suspended[0]).to.deep.include({ change: 'suspended', status: 'suspended', partner: 'FIU-A' });
      expect(suspended[0]!.actor).to.deep.equal({ kind: 'operator', id: 'admin@FIU-B', roles: ['admin'] });

      const refused = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(refused.errorCode).to.equal('policy.agreement_suspended');

      const current = await b.agreements.inForce('FIU-A');
      const again = await b.agreements.apply(adminOf('FIU-B'), { ...current!.agreement, status: 'active' });
      expect(again.changed).to.equal(true);
      const delivered = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
      expect(delivered.status, delivered.errorCode).to.equal('delivered');
    });

    it('does not deliver a queued request once FIU-A’s own copy is suspended: delivery.failed with the code', async () => {
      const a = net.gw['FIU-A']!;
      a.partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      const b0 = await net.gw['FIU-B']!.store.ledgerSize();
      let queued: string;
      try {
        const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
        expect(sent.status).to.equal('queued');
        queued = sent.messageId;
        await a.agreements.suspend(adminOf('FIU-A'), AB, 'partner compromised');
      } finally {
        a.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      }
      try {
        const retried = await net.operator('FIU-A', 'admin').retryDelivery(queued);
        expect([retried.outcome, retried.errorCode]).to.deep.equal(['failed', 'policy.agreement_suspended']);
        const last = (await ledgerEntries(a.store)).at(-1)!;
        expect([last.event, last.reason]).to.deep.equal(['delivery.failed', 'policy.agreement_suspended']);
        expect(await net.gw['FIU-B']!.store.ledgerSize(), 'FIU-B heard nothing').to.equal(b0);
      } finally {
        const current = await a.agreements.inForce('FIU-B');
        await a.agreements.apply(adminOf('FIU-A'), { ...current!.agreement, status: 'active' });
      }
    });

    it('lets FIU-A refuse before sealing when FIU-A suspends its own copy', async () => {
      const a = net.gw['FIU-A']!;
      await a.agreements.suspend(adminOf('FIU-A'), AB, 'review');
      try {
        const err = await expectServiceError(
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(sampleInput()) }),
        );
        expectStatus(err, { status: grpc.status.PERMISSION_DENIED, reason: 'policy.agreement_suspended' });
      } finally {
        const current = await a.agreements.inForce('FIU-B');
        await a.agreements.apply(adminOf('FIU-A'), { ...current!.agreement, status: 'active' });
      }
    });
  });
});
