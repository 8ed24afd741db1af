/**
 * Closing cases through `fiugw case close` and the operator API, against live gateways: a received
 * spontaneous disclosure closed once assigned (refused before, and to the wrong roles), gone from the
 * inbox, in the ledger as case.closed, and the ledger still verifies; a request we sent closed while
 * waiting, made answered again by a late response, and closed again.
 */
import { expect } from 'chai';
import { exampleInput } from '../helpers/case-inputs.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { expectCode } from '../helpers/expect-code.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';

describe('closing cases', function () {
  this.timeout(60_000);
  let net: Network;
  const profile = (fiu: string, slot: string) => ['--profile', net.profileFile(fiu, slot)];
  const closeAt = (fiu: string, slot: string, caseId: string, ...more: string[]) =>
    fiugw('case', 'close', caseId, ...more, ...profile(fiu, slot));

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
  });
  after(() => net?.stop());

  describe('a spontaneous disclosure received', () => {
    let caseId: string;

    before(async () => {
      // FIU-A discloses to FIU-B; the development agreement asks for two approvals (four eyes).
      const d = await net
        .operator('FIU-A', 'liaison')
        .discloseSpontaneous('FIU-B', exampleInput('spontaneous-disclosure'));
      await net.operator('FIU-A', 'supervisor').approveCase(d.caseId);
      const sent = await net.operator('FIU-A', 'supervisor-2').approveCase(d.caseId);
      expect(sent.sent?.status).to.equal('delivered');
      caseId = (await net.gw['FIU-B']!.store.findInbound('FIU-A', sent.sent!.messageId))!.caseId;
    });

    it('cannot be closed before someone takes it (exit 1, case.not_assignee, case.invalid_state)', async () => {
      const liaison = await closeAt('FIU-B', 'liaison', caseId);
      expect(liaison.code, showRun(liaison)).to.equal(1);
      expect(liaison.err).to.include('is not assigned: assign it first [case.not_assignee]');
      const r = await closeAt('FIU-B', 'supervisor', caseId, '--reason', 'handled');
      expect(r.code, showRun(r)).to.equal(1);
      expect(r.err)
        .to.include(`case ${caseId} is open: it cannot be closed`)
        .and.to.include('[case.invalid_state]');
    });

    it('once assigned, is refused to an analyst and an auditor (exit 1), and to a reason that is no code (exit 2)', async () => {
      const assigned = await fiugw('case', 'assign', caseId, ...profile('FIU-B', 'liaison'));
      expect(assigned.code, showRun(assigned)).to.equal(0);
      for (const slot of ['analyst', 'auditor']) {
        const r = await closeAt('FIU-B', slot, caseId);
        expect(r.code, showRun(r)).to.equal(1);
        expect(r.err).to.include('[transport.operator_forbidden]');
      }
      const bad = await closeAt('FIU-B', 'liaison', caseId, '--reason', 'read it, nothing for us');
      expect(bad.code, showRun(bad)).to.equal(2);
      expect(bad.err).to.include('Allowed choices are handled, no_response, duplicate, other');
      // Past the CLI, the gateway refuses it too.
      await expectCode(net.operator('FIU-B', 'liaison').closeCase(caseId, 'free text'), 'message.invalid');
      expect((await net.gw['FIU-B']!.store.getCase(caseId))!.state).to.equal('assigned');
    });

    it('is closed by its assignee: closed, out of the inbox, shown as closed', async () => {
      const r = await closeAt('FIU-B', 'liaison', caseId, '--reason', 'handled');
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.out).to.match(new RegExp(`^case:\\s+${caseId}$`, 'm'));
      expect(r.out)
        .to.match(/^state:\s+closed$/m)
        .and.to.match(/^reason:\s+handled$/m);
      const inbox = await fiugw('inbox', '--json', ...profile('FIU-B', 'liaison'));
      expect((JSON.parse(inbox.out) as Array<{ caseId: string }>).map((c) => c.caseId)).not.to.include(
        caseId,
      );
      const closed = await fiugw('inbox', '--state', 'closed', '--json', ...profile('FIU-B', 'liaison'));
      expect((JSON.parse(closed.out) as Array<{ caseId: string }>).map((c) => c.caseId)).to.deep.equal([
        caseId,
      ]);
      const shown = await fiugw('case', 'show', caseId, ...profile('FIU-B', 'liaison'));
      expect(shown.code, showRun(shown)).to.equal(0);
      expect(shown.out).to.match(/^state:\s+closed$/m);
      const again = await closeAt('FIU-B', 'supervisor', caseId, '--json');
      expect(again.code, showRun(again)).to.equal(1);
      expect(again.err).to.include('[case.invalid_state]');
    });

    it('is in the ledger as case.closed by the assignee, and the ledger verifies', async () => {
      const closed = (await ledgerEntries(net.gw['FIU-B']!.store)).filter((e) => e.event === 'case.closed');
      expect(closed).to.have.length(1);
      expect(closed[0]).to.deep.include({ caseId, from: 'assigned', reason: 'handled' });
      expect(closed[0]!.actor).to.deep.equal({ kind: 'operator', id: 'liaison@FIU-B', roles: ['liaison'] });
      const verified = await fiugw('audit', 'verify', '--config', net.pki.fius['FIU-B']!.configFile);
      expect(verified.code, showRun(verified)).to.equal(0);
    });
  });

  describe('a request we sent', () => {
    it('is closed while waiting (no_response); a late response makes it answered, and it closes again', async () => {
      const analyst = net.operator('FIU-A', 'analyst');
      const sent = await analyst.submitRequest('FIU-B', sampleInput());
      expect(sent.status).to.equal('delivered');
      const gaveUp = await closeAt('FIU-A', 'analyst', sent.caseId, '--reason', 'no_response', '--json');
      expect(gaveUp.code, showRun(gaveUp)).to.equal(0);
      expect(JSON.parse(gaveUp.out)).to.deep.equal({
        caseId: sent.caseId,
        state: 'closed',
        reason: 'no_response',
      });

      // FIU-B answers after all (through the case-message service: drafting is not under test here).
      const atB = (await net.gw['FIU-B']!.store.findInbound('FIU-A', sent.messageId))!;
      const response = await net.gw['FIU-B']!.caseMessages.submitCaseMessage(
        { id: 'liaison@FIU-B', roles: ['liaison'] },
        {
          type: 'response',
          to: 'FIU-A',
          caseId: atB.caseId,
          inReplyTo: sent.messageId,
          input: exampleInput('response'),
        },
      );
      expect(response.status, response.error?.detail).to.equal('delivered');
      expect((await analyst.showCase(sent.caseId)).case?.state).to.equal('answered');

      const done = await analyst.closeCase(sent.caseId);
      expect(done).to.deep.equal({ caseId: sent.caseId, state: 'closed', reason: '' });
      const closed = (await ledgerEntries(net.gw['FIU-A']!.store)).filter(
        (e) => e.event === 'case.closed' && e.caseId === sent.caseId,
      );
      expect(closed.map((e) => [e.from, e.reason])).to.deep.equal([
        ['awaiting_response', 'no_response'],
        ['answered', undefined],
      ]);
      const summary = await net.operator('FIU-A', 'analyst').summariseCases();
      expect(summary.partners.find((p) => p.partner === 'FIU-B')).to.include({ requestsOut: 1 });
      const verified = await fiugw('audit', 'verify', '--config', net.pki.fius['FIU-A']!.configFile);
      expect(verified.code, showRun(verified)).to.equal(0);
    });
  });
});
