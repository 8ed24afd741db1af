/**
 * The operator API of a live gateway (docs/PROTOCOL.md section 8): who may call it at all (TLS, the
 * operator CA), who may do what (roles from the configuration), and what a refused request leaves
 * behind (nothing).
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { issueCertificate } from '../../src/pki/index.js';
import { startNetwork, type Network, type StoreSnapshot } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';
import {
  expectHandshakeRefusal,
  expectServiceError,
  expectStatus,
  type ExpectedStatus,
} from '../helpers/refusals.js';

describe('the operator API of a live gateway', function () {
  this.timeout(30_000);
  let net: Network;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B']);
  });
  after(() => net?.stop());

  /**
   * Expects `call` to be refused with `expected`, and neither FIU-A nor FIU-B to have stored or logged
   * anything (no message sent, no case, no ledger entry).
   */
  const expectRefused = async (call: () => Promise<unknown>, expected: ExpectedStatus) => {
    const before = [await net.snapshot('FIU-A'), await net.snapshot('FIU-B')];
    const err = await expectServiceError(call());
    expectStatus(err, expected);
    expect([await net.snapshot('FIU-A'), await net.snapshot('FIU-B')]).to.deep.equal(before);
    return err;
  };

  describe('who can connect', () => {
    it('refuses FIU-B’s gateway certificate (network CA) in the TLS handshake', async () => {
      await expectHandshakeRefusal(net, 'FIU-A', () =>
        net.rawOperator('FIU-A', net.gatewayTls('FIU-B')).listInbox(),
      );
    });

    it('refuses FIU-A’s own gateway certificate in the TLS handshake', async () => {
      await expectHandshakeRefusal(net, 'FIU-A', () =>
        net.rawOperator('FIU-A', net.gatewayTls('FIU-A')).listInbox(),
      );
    });

    it('refuses an operator certificate of FIU-B (another operator CA) in the TLS handshake', async () => {
      const b = net.pki.fius['FIU-B']!.operators.analyst;
      const tls = { ca: net.gatewayTls('FIU-A').ca, cert: readFileSync(b.cert), key: readFileSync(b.key) };
      await expectHandshakeRefusal(net, 'FIU-A', () =>
        net
          .rawOperator('FIU-A', tls)
          .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(sampleInput()) }),
      );
    });

    it('does not serve the operator API on the peer port (UNIMPLEMENTED for a partner there)', async () => {
      const before = await net.snapshot('FIU-A');
      const err = await expectServiceError(
        net.rawOperator('FIU-A', net.gatewayTls('FIU-B'), 'peer').listInbox(),
      );
      expect(grpc.status[err.code], err.details).to.equal('UNIMPLEMENTED');
      expect(await net.snapshot('FIU-A')).to.deep.equal(before);
    });

    it('refuses an operator certificate of its own CA whose name is not configured: PERMISSION_DENIED transport.operator_forbidden', async () => {
      const a = net.pki.fius['FIU-A']!;
      const intruder = await issueCertificate({
        caCertPem: readFileSync(a.operatorCa.cert, 'utf8'),
        caKeyPem: readFileSync(a.operatorCa.key, 'utf8'),
        commonName: 'intruder@FIU-A',
        usage: 'client',
      });
      const tls = {
        ca: net.gatewayTls('FIU-A').ca,
        cert: Buffer.from(intruder.certPem),
        key: Buffer.from(intruder.keyPem),
      };
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', tls)
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(sampleInput()) }),
        {
          status: grpc.status.PERMISSION_DENIED,
          reason: 'transport.operator_forbidden',
          detail: 'intruder@FIU-A',
        },
      );
    });
  });

  describe('roles', () => {
    it('refuses SubmitRequest by auditor@FIU-A: PERMISSION_DENIED transport.operator_forbidden, nothing sent', async () => {
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'auditor')
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(sampleInput()) }),
        { status: grpc.status.PERMISSION_DENIED, reason: 'transport.operator_forbidden', detail: 'analyst' },
      );
    });

    for (const role of ['liaison', 'supervisor', 'admin']) {
      it(`refuses SubmitRequest by ${role}@FIU-A`, async () => {
        await expectRefused(
          () =>
            net
              .rawOperator('FIU-A', role)
              .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(sampleInput()) }),
          { status: grpc.status.PERMISSION_DENIED, reason: 'transport.operator_forbidden' },
        );
      });
    }

    it('refuses ListInbox and ShowCase by auditor@FIU-A and admin@FIU-A', async () => {
      for (const role of ['auditor', 'admin']) {
        const op = net.rawOperator('FIU-A', role);
        const expected = {
          status: grpc.status.PERMISSION_DENIED,
          reason: 'transport.operator_forbidden',
        } as const;
        await expectRefused(() => op.listInbox(), expected);
        await expectRefused(() => op.showCase({ caseId: 'd3b07384-d113-4ec6-a3b2-8a1f0b7c5e9d' }), expected);
      }
    });
  });

  describe('SubmitRequest by analyst@FIU-A', () => {
    it('refuses an unknown partner: PERMISSION_DENIED transport.unknown_partner, nothing sent', async () => {
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-Z', requestJson: JSON.stringify(sampleInput()) }),
        { status: grpc.status.PERMISSION_DENIED, reason: 'transport.unknown_partner', detail: 'FIU-Z' },
      );
    });

    it('refuses a request to its own FIU as an unknown partner', async () => {
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-A', requestJson: JSON.stringify(sampleInput()) }),
        { status: grpc.status.PERMISSION_DENIED, reason: 'transport.unknown_partner' },
      );
    });

    it('refuses an invalid body, naming the field but not its value: INVALID_ARGUMENT message.invalid, nothing sent', async () => {
      const input = sampleInput();
      (input.body.subjects[0] as Record<string, unknown>).birthdate = '29/02/1980';
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(input) }),
        {
          status: grpc.status.INVALID_ARGUMENT,
          reason: 'message.invalid',
          detail: /^body\.subjects\.0\.birthdate: /,
          secrets: ['29/02/1980', 'Jane'],
        },
      );
    });

    it('refuses a missing purpose and an unknown field, naming each', async () => {
      const { purpose: _purpose, ...noPurpose } = sampleInput();
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(noPurpose) }),
        { status: grpc.status.INVALID_ARGUMENT, reason: 'message.invalid', detail: /^purpose: / },
      );
      const extra = { ...sampleInput(), from: 'FIU-C' };
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(extra) }),
        { status: grpc.status.INVALID_ARGUMENT, reason: 'message.invalid', detail: /^from: unknown field/ },
      );
    });

    it('refuses a deadline that is not later than the creation time, naming header.deadline', async () => {
      const input = { ...sampleInput(), deadline: '2020-01-01T00:00:00Z' };
      await expectRefused(
        () =>
          net
            .rawOperator('FIU-A', 'analyst')
            .submitRequest({ to: 'FIU-B', requestJson: JSON.stringify(input) }),
        { status: grpc.status.INVALID_ARGUMENT, reason: 'message.invalid', detail: /^header\.deadline: / },
      );
    });

    it('refuses request_json that is not JSON: INVALID_ARGUMENT message.invalid', async () => {
      await expectRefused(
        () => net.rawOperator('FIU-A', 'analyst').submitRequest({ to: 'FIU-B', requestJson: '{"purpose":' }),
        { status: grpc.status.INVALID_ARGUMENT, reason: 'message.invalid', detail: 'request_json' },
      );
    });
  });

  describe('ShowCase and ListInbox', () => {
    let sent: { messageId: string; caseId: string };
    let inboxBefore: StoreSnapshot;

    before(async () => {
      inboxBefore = await net.snapshot('FIU-B');
      sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    });

    it('answers NOT_FOUND exchange.not_found for an unknown case', async () => {
      await expectRefused(
        () =>
          net.rawOperator('FIU-A', 'analyst').showCase({ caseId: 'd3b07384-d113-4ec6-a3b2-8a1f0b7c5e9d' }),
        { status: grpc.status.NOT_FOUND, reason: 'exchange.not_found' },
      );
    });

    it('lets liaison and supervisor of FIU-B list the inbox, with filters', async () => {
      expect((await net.snapshot('FIU-B')).cases).to.have.length(inboxBefore.cases.length + 1);
      for (const role of ['liaison', 'supervisor', 'analyst']) {
        const op = net.rawOperator('FIU-B', role);
        const all = await op.listInbox();
        expect(
          all.cases.map((c) => c.messageId),
          role,
        ).to.include(sent.messageId);
        expect((await op.listInbox({ partner: 'FIU-A', state: 'open' })).cases).to.have.length(
          all.cases.length,
        );
        expect((await op.listInbox({ state: 'closed' })).cases).to.deep.equal([]);
        expect((await op.listInbox({ partner: 'FIU-Z' })).cases).to.deep.equal([]);
      }
    });

    it('does not list outbound cases in FIU-A’s inbox', async () => {
      const { cases } = await net.rawOperator('FIU-A', 'analyst').listInbox();
      expect(cases.map((c) => c.caseId)).to.not.include(sent.caseId);
    });

    it('does not show FIU-A’s outbound case at FIU-B', async () => {
      await expectRefused(() => net.rawOperator('FIU-B', 'liaison').showCase({ caseId: sent.caseId }), {
        status: grpc.status.NOT_FOUND,
        reason: 'exchange.not_found',
      });
    });
  });
});
