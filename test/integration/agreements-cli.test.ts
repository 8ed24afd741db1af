/**
 * `fiugw agreements apply|list|show|suspend` against live gateways that start with no agreement at all:
 * nothing is exchanged until both sides have applied theirs, every change is in the ledger with its
 * actor, and bad documents, wrong roles and conflicting versions are refused with clear errors.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { devAgreementId } from '../../src/pki/index.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { adminOf, startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';

const AB = devAgreementId('FIU-A', 'FIU-B');

describe('fiugw agreements', function () {
  this.timeout(30_000);
  let net: Network;
  /** The agreement file `pki init` wrote for each side. */
  const file = (fiu: string, partner: string) => net.pki.fius[fiu]!.agreements[partner]!;
  const as = (fiu: string, role: string) => ['--profile', net.profileFile(fiu, role)];
  const submit = () => net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    net = await startNetwork(['FIU-A', 'FIU-B'], { agreements: false });
  });
  after(() => net?.stop());

  describe('before any agreement is applied', () => {
    it('FIU-A refuses to send with policy.no_agreement', async () => {
      const err = await submit().then(
        () => null,
        (e: { code?: string }) => e,
      );
      expect(err?.code).to.equal('policy.no_agreement');
    });

    it('`agreements list` says there are none', async () => {
      const r = await fiugw('agreements', 'list', ...as('FIU-A', 'auditor'));
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.out).to.include('no agreements');
    });
  });

  describe('when only FIU-A has applied its copy', () => {
    it('`agreements apply` by admin@FIU-A stores version 1 and logs it with the actor', async () => {
      const before = await net.gw['FIU-A']!.store.ledgerSize();
      const r = await fiugw('agreements', 'apply', file('FIU-A', 'FIU-B'), ...as('FIU-A', 'admin'));
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.out).to.include(`applied agreement ${AB} version 1 with FIU-B: now active`);
      const added = await ledgerEntries(net.gw['FIU-A']!.store, before);
      expect(added.map((e) => e.event)).to.deep.equal(['agreement.changed']);
      expect(added[0]).to.deep.include({
        change: 'applied',
        agreement: { id: AB, version: 1 },
        partner: 'FIU-B',
        status: 'active',
      });
      expect(added[0]!.actor).to.deep.equal({ kind: 'operator', id: 'admin@FIU-A', roles: ['admin'] });
    });

    it('applying the same file again changes nothing and logs nothing', async () => {
      const before = await net.gw['FIU-A']!.store.ledgerSize();
      const r = await fiugw('agreements', 'apply', file('FIU-A', 'FIU-B'), ...as('FIU-A', 'admin'));
      expect(r.code, showRun(r)).to.equal(0);
      expect(r.out).to.include('unchanged');
      expect(await net.gw['FIU-A']!.store.ledgerSize()).to.equal(before);
    });

    it('FIU-B refuses FIU-A’s request with policy.no_agreement, and FIU-A reports it', async () => {
      const sent = await submit();
      expect([sent.status, sent.errorCode]).to.deep.equal(['failed', 'policy.no_agreement']);
      const b = await ledgerEntries(net.gw['FIU-B']!.store);
      expect(b.map((e) => `${e.event} ${e.reason ?? ''}`.trim())).to.deep.equal([
        'policy.decision',
        'message.refused policy.no_agreement',
      ]);
      expect(b[0]).to.deep.include({ allow: false, agreement: null, reasons: ['policy.no_agreement'] });
    });
  });

  describe('once both sides have applied their copies', () => {
    before(async () => {
      const r = await fiugw('agreements', 'apply', file('FIU-B', 'FIU-A'), ...as('FIU-B', 'admin'));
      expect(r.code, showRun(r)).to.equal(0);
    });

    it('the request goes through', async () => {
      const sent = await submit();
      expect(sent.status, sent.errorCode).to.equal('delivered');
    });

    it('`agreements list` shows it to any role, as a table and as JSON', async () => {
      const t = await fiugw('agreements', 'list', ...as('FIU-B', 'liaison'));
      expect(t.code, showRun(t)).to.equal(0);
      expect(t.out).to.match(new RegExp(`${AB}\\s+1\\s+FIU-A\\s+active`));
      const j = await fiugw('agreements', 'list', '--json', ...as('FIU-B', 'auditor'));
      const list = JSON.parse(j.out) as Array<{ agreementId: string; document: { partner: string } }>;
      expect(list.map((a) => [a.agreementId, a.document.partner])).to.deep.equal([[AB, 'FIU-A']]);
    });
  });

  describe('`agreements suspend` and `show`', () => {
    it('suspends with a reason, refuses exchanges, and `show` lists the history', async () => {
      const s = await fiugw(
        'agreements',
        'suspend',
        AB,
        '--reason',
        'annual review',
        ...as('FIU-B', 'admin'),
      );
      expect(s.code, showRun(s)).to.equal(0);
      expect(s.out).to.include(`suspended agreement ${AB} version 1 with FIU-A: now suspended`);
      expect((await submit()).errorCode).to.equal('policy.agreement_suspended');

      const shown = await fiugw('agreements', 'show', AB, ...as('FIU-B', 'supervisor'));
      expect(shown.code, showRun(shown)).to.equal(0);
      expect(shown.out).to.match(/1\s+active\s+\S+\s+admin@FIU-B/);
      expect(shown.out).to.match(/1\s+suspended\s+\S+\s+admin@FIU-B\s+\d+\s+annual review/);
      expect(shown.out).to.include('status: suspended');

      const again = await fiugw('agreements', 'apply', file('FIU-B', 'FIU-A'), ...as('FIU-B', 'admin'));
      expect(again.out).to.include('now active');
      expect((await submit()).status).to.equal('delivered');
    });

    it('refuses to show an unknown agreement (exit 1, NOT_FOUND code)', async () => {
      const r = await fiugw('agreements', 'show', 'MOU-NOPE', ...as('FIU-B', 'admin'));
      expect(r.code, showRun(r)).to.equal(1);
      expect(r.err).to.include('[policy.agreement_not_found]');
    });
  });

  describe('`request submit` at the sender’s command line', () => {
    const rfi = (name: string, change: Record<string, unknown>) => {
      const f = path.join(net.dir, name);
      writeFileSync(f, JSON.stringify({ ...sampleInput(), ...change }));
      return f;
    };

    it('prints the reason code of a refusal by the sender’s own copy and exits 1', async () => {
      const f = rfi('secret.json', { classification: 'secret' });
      const r = await fiugw('request', 'submit', '--to', 'FIU-B', '--file', f, ...as('FIU-A', 'analyst'));
      expect(r.code, showRun(r)).to.equal(1);
      expect(r.err).to.include('classification secret is above the agreed maximum confidential');
      expect(r.err).to.include('[policy.classification_too_high]');
    });

    it('prints the reason code of a refusal by the receiver and exits 1', async () => {
      const b = net.gw['FIU-B']!;
      const current = (await b.agreements.inForce('FIU-A'))!.agreement;
      await b.agreements.apply(adminOf('FIU-B'), {
        ...current,
        version: current.version + 1,
        purposes: ['terrorist_financing'],
      });
      const f = rfi('ml.json', {});
      const r = await fiugw('request', 'submit', '--to', 'FIU-B', '--file', f, ...as('FIU-A', 'analyst'));
      expect(r.code, showRun(r)).to.equal(1);
      expect(r.out).to.match(/status:\s+failed/);
      // FIU-A still sends under version 1, which FIU-B accepts during the grace period: refused by purpose.
      expect(r.out).to.include(
        'policy.purpose_not_allowed: agreement MOU-FIU-A-FIU-B version 2: purpose money_laundering is not covered',
      );
    });
  });

  describe('refusals', () => {
    const write = (name: string, doc: unknown) => {
      const f = path.join(net.dir, name);
      writeFileSync(f, stringify(doc));
      return f;
    };

    it('refuses apply to a non-admin role (exit 1, transport.operator_forbidden)', async () => {
      const r = await fiugw('agreements', 'apply', file('FIU-A', 'FIU-B'), ...as('FIU-A', 'supervisor'));
      expect(r.code, showRun(r)).to.equal(1);
      expect(r.err).to.include('[transport.operator_forbidden]');
    });

    it('refuses an invalid document naming every bad field (exit 2)', async () => {
      const f = write('bad.yaml', { id: 'MOU X', version: 0, partner: 'FIU-B' });
      const r = await fiugw('agreements', 'apply', f, ...as('FIU-A', 'admin'));
      expect(r.code, showRun(r)).to.equal(2);
      expect(r.err).to.include('[policy.invalid_agreement]');
      expect(r.err).to.include('id: expected an agreement id');
      expect(r.err).to.include('version: expected a whole number from 1');
      expect(r.err).to.include('status: required');
    });

    it('refuses a document that is not YAML (exit 2) and a missing file (exit 2)', async () => {
      const f = path.join(net.dir, 'broken.yaml');
      writeFileSync(f, 'id: [unclosed');
      const broken = await fiugw('agreements', 'apply', f, ...as('FIU-A', 'admin'));
      expect(broken.code, showRun(broken)).to.equal(2);
      const missing = await fiugw(
        'agreements',
        'apply',
        path.join(net.dir, 'nope.yaml'),
        ...as('FIU-A', 'admin'),
      );
      expect(missing.code, showRun(missing)).to.equal(2);
      expect(missing.err).to.include('[config.file_unreadable]');
    });

    it('refuses other terms under the same version, and an older version (exit 1, ALREADY_EXISTS code)', async () => {
      const current = (await net.gw['FIU-A']!.agreements.inForce('FIU-B'))!.agreement;
      const changed = await fiugw(
        'agreements',
        'apply',
        write('changed.yaml', { ...current, maxClassification: 'secret' }),
        ...as('FIU-A', 'admin'),
      );
      expect(changed.code, showRun(changed)).to.equal(1);
      expect(changed.err).to.include('a change needs a new version');
      expect(changed.err).to.include('[policy.agreement_conflict]');
      await fiugw(
        'agreements',
        'apply',
        write('v2.yaml', { ...current, version: 2 }),
        ...as('FIU-A', 'admin'),
      );
      const older = await fiugw('agreements', 'apply', file('FIU-A', 'FIU-B'), ...as('FIU-A', 'admin'));
      expect(older.code, showRun(older)).to.equal(1);
      expect(older.err).to.include(`agreement ${AB} is at version 2; version 1 is older`);
    });

    it('refuses an agreement with an FIU that is not a registered partner (exit 2)', async () => {
      const current = (await net.gw['FIU-A']!.agreements.inForce('FIU-B'))!.agreement;
      const f = write('stranger.yaml', { ...current, id: 'MOU-Z', partner: 'FIU-Z' });
      const r = await fiugw('agreements', 'apply', f, ...as('FIU-A', 'admin'));
      expect(r.code, showRun(r)).to.equal(2);
      expect(r.err).to.include('partner: FIU-Z is not a registered partner of FIU-A');
    });
  });
});
