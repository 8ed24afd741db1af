/**
 * The case-work commands as an operator types them (in-process `fiugw`, against live gateways): tables,
 * `--json`, exit codes (0 done, 1 refused, 2 bad input), and options given after `inbox summary`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/examples');

describe('fiugw case and inbox commands', function () {
  this.timeout(60_000);
  let net: Network;
  let caseId: string;
  const profile = (fiu: string, slot: string) => ['--profile', net.profileFile(fiu, slot)];

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
    const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    expect(sent.status).to.equal('delivered');
    caseId = (await net.gw['FIU-B']!.store.findInbound('FIU-A', sent.messageId))!.caseId;
  });
  after(() => net?.stop());

  it('lists the inbox as a table with the assignee and the overdue flag columns', async () => {
    const r = await fiugw('inbox', ...profile('FIU-B', 'liaison'));
    expect(r.code, showRun(r)).to.equal(0);
    const [header, , line] = r.out.split('\n');
    expect(header).to.match(/^CASE\s+DIR\s+PARTNER\s+TYPE\s+STATE\s+ASSIGNEE\s+URGENCY\s+DEADLINE\s+FLAG$/);
    expect(line).to.match(new RegExp(`^${caseId}\\s+in\\s+FIU-A\\s+request\\s+open\\s+-\\s+normal`));
    const overdue = await fiugw('inbox', '--overdue', '--json', ...profile('FIU-B', 'liaison'));
    expect(JSON.parse(overdue.out)).to.deep.equal([]);
  });

  it('assigns, drafts, refuses a self-approval with exit 1, and sends on the second supervisor', async () => {
    const assigned = await fiugw('case', 'assign', caseId, '--json', ...profile('FIU-B', 'liaison'));
    expect(assigned.code, showRun(assigned)).to.equal(0);
    expect(JSON.parse(assigned.out)).to.deep.equal({ caseId, assignee: 'liaison@FIU-B', state: 'assigned' });
    const drafted = await fiugw(
      'case',
      'respond',
      caseId,
      '-f',
      path.join(EXAMPLES, 'response.json'),
      ...profile('FIU-B', 'liaison'),
    );
    expect(drafted.code, showRun(drafted)).to.equal(0);
    expect(drafted.out).to.match(/^approvals:\s+0 of 2$/m);
    const self = await fiugw('case', 'approve', caseId, ...profile('FIU-B', 'liaison'));
    expect(self.code, showRun(self)).to.equal(1);
    expect(self.err).to.include('[case.self_approval]');
    const first = await fiugw('case', 'approve', caseId, '-m', 'ok', ...profile('FIU-B', 'supervisor'));
    expect(first.code, showRun(first)).to.equal(0);
    expect(first.out).to.match(/^state:\s+awaiting_approval$/m);
    const second = await fiugw('case', 'approve', caseId, '--json', ...profile('FIU-B', 'supervisor-2'));
    expect(second.code, showRun(second)).to.equal(0);
    const out = JSON.parse(second.out) as { state: string; sent: { status: string } };
    expect(out.state).to.equal('responded');
    expect(out.sent.status).to.equal('delivered');
  });

  it('answers a file that is not a disclosure with exit 2 and a wrong role with exit 1', async () => {
    const bad = await fiugw(
      'case',
      'disclose',
      '--to',
      'FIU-A',
      '-f',
      path.join(EXAMPLES, 'rfi.json'),
      ...profile('FIU-B', 'liaison'),
    );
    expect(bad.code, showRun(bad)).to.equal(2);
    expect(bad.err).to.include('[message.invalid]');
    const wrong = await fiugw('case', 'assign', caseId, ...profile('FIU-B', 'analyst'));
    expect(wrong.code, showRun(wrong)).to.equal(1);
    expect(wrong.err).to.include('[transport.operator_forbidden]');
  });

  it('prints the per-partner summary, options given after the subcommand', async () => {
    const r = await fiugw('inbox', 'summary', ...profile('FIU-B', 'auditor'));
    expect(r.code, showRun(r)).to.equal(0);
    expect(r.out).to.match(/^PARTNER\s+REQUESTS IN\s+REQUESTS OUT\s+OUR MEDIAN\s+THEIR MEDIAN\s+OVERDUE$/m);
    expect(r.out).to.match(/^FIU-A\s+1\s+0\s+\S+\s+-\s+0$/m);
    const json = await fiugw('inbox', 'summary', '--json', ...profile('FIU-A', 'analyst'));
    const [line, ...others] = JSON.parse(json.out) as Array<Record<string, unknown>>;
    expect(others).to.deep.equal([]);
    expect(line).to.deep.include({ partner: 'FIU-B', requestsIn: 0, requestsOut: 1, overdue: 0 });
    expect(line!.medianResponseMs).to.equal(null);
    expect(line!.partnerMedianResponseMs).to.be.a('number');
  });

  it('has --help on every new command', async () => {
    for (const args of [
      ['inbox', 'summary'],
      ['case', 'assign'],
      ['case', 'respond'],
      ['case', 'approve'],
      ['case', 'reject'],
      ['case', 'disclose'],
    ]) {
      const r = await fiugw(...args, '--help');
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.out).to.include(`Usage: fiugw ${args.join(' ')}`);
    }
  });
});
