/**
 * `fiugw case consent ask|decide`, `case feedback` and `case export` against two live gateways, in
 * process: tables and --json, exit codes, the export file (written only when allowed, never over an
 * existing file) and the refusals as the operator sees them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { answeredRequest } from '../helpers/case-inputs.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { startNetwork, type Network } from '../helpers/gateways.js';

const RECIPIENT = 'Example Public Prosecution Service (fictional)';
const PURPOSE = 'criminal investigation into laundering the proceeds of fraud';

describe('fiugw case consent, feedback and export', function () {
  this.timeout(60_000);
  let net: Network;
  let caseAtA: string;
  let responseId: string;
  let consentId: string;
  const profile = (fiu: string, role: string) => ['--profile', net.profileFile(fiu, role)];
  const exportArgs = (out: string) => [
    'case',
    'export',
    caseAtA,
    '--recipient',
    RECIPIENT,
    '--purpose',
    PURPOSE,
    '--out',
    path.join(net.dir, out),
  ];

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
    ({ caseAtRequester: caseAtA, responseId } = await answeredRequest(net, 'FIU-A', 'FIU-B'));
  });
  after(() => net?.stop());

  it('export before consent: exit 1 with onward.consent_required, no file written', async () => {
    const r = await fiugw(...exportArgs('refused.json'), ...profile('FIU-A', 'analyst'));
    expect(r.code, showRun(r)).to.equal(1);
    expect(r.err).to.match(/\[onward\.consent_required\]$/);
    expect(existsSync(path.join(net.dir, 'refused.json'))).to.equal(false);
  });

  it('consent ask: prints the consent id and the delivery', async () => {
    const r = await fiugw(
      'case',
      'consent',
      'ask',
      caseAtA,
      '--message',
      responseId,
      '--description',
      'the account details named in the response',
      '--recipient',
      RECIPIENT,
      '--kind',
      'prosecutor',
      '--purpose',
      PURPOSE,
      ...profile('FIU-A', 'liaison'),
    );
    expect(r.code, showRun(r)).to.equal(0);
    consentId = /^consent:\s+(\S+)$/m.exec(r.out)![1]!;
    expect(r.out).to.match(/^status:\s+delivered$/m);
  });

  it('consent decide by analyst@FIU-B: exit 1 with transport.operator_forbidden', async () => {
    const r = await fiugw(
      'case',
      'consent',
      'decide',
      consentId,
      '--decision',
      'granted',
      ...profile('FIU-B', 'analyst'),
    );
    expect(r.code, showRun(r)).to.equal(1);
    expect(r.err).to.include('[transport.operator_forbidden]');
  });

  it('consent decide --json by supervisor@FIU-B: granted with a condition', async () => {
    const r = await fiugw(
      'case',
      'consent',
      'decide',
      consentId,
      '--decision',
      'granted_with_conditions',
      '--condition',
      'intelligence only',
      '--json',
      ...profile('FIU-B', 'supervisor'),
    );
    expect(r.code, showRun(r)).to.equal(0);
    expect(JSON.parse(r.out)).to.include({ status: 'delivered' });
  });

  it('export after consent: writes the file (mode 0600) with the condition; refuses to overwrite it, before asking', async () => {
    const r = await fiugw(...exportArgs('allowed.json'), ...profile('FIU-A', 'analyst'));
    expect(r.code, showRun(r)).to.equal(0);
    expect(r.out).to.match(new RegExp(`^allowed by:\\s+consent ${consentId}$`, 'm'));
    const file = path.join(net.dir, 'allowed.json');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { basis: { conditions: string[] } };
    expect(doc.basis.conditions).to.deep.equal(['intelligence only']);
    const before = await net.snapshot('FIU-A');
    const again = await fiugw(...exportArgs('allowed.json'), ...profile('FIU-A', 'analyst'));
    expect(again.code, showRun(again)).to.not.equal(0);
    expect(again.err).to.include('exists already');
    expect(await net.snapshot('FIU-A')).to.deep.equal(before);
  });

  it('feedback --json: delivered', async () => {
    const r = await fiugw(
      'case',
      'feedback',
      caseAtA,
      '--message',
      responseId,
      '--use',
      'analysis, dissemination_to_authority',
      '--usefulness',
      'very_useful',
      '--json',
      ...profile('FIU-A', 'analyst'),
    );
    expect(r.code, showRun(r)).to.equal(0);
    expect(JSON.parse(r.out)).to.include({ status: 'delivered', caseId: caseAtA });
  });
});
