/**
 * The `fiugw` command as a user runs it: `node bin/fiugw.js ...` in a child process, on the built
 * dist/ (`npm test` builds first; alone, run `npm run build`). The demo runs its own gateways; the
 * operator commands talk to gateways started here, through operator profiles rewritten to the ports
 * they bound.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { loadOperatorProfile } from '../../src/transport/operator-client.js';
import { closedPort } from '../helpers/fake-partner.js';
import { startNetwork, type Network } from '../helpers/gateways.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'fiugw.js');
const RFI = path.join(ROOT, 'docs', 'examples', 'rfi.json');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `fiugw args...` and resolves to its exit code and output (never rejects on a non-zero exit). */
function fiugw(args: string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.FIUGW_PROFILE;
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env, timeout: timeoutMs },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const show = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

describe('the fiugw command', function () {
  this.timeout(60_000);

  /** `fiugw demo`, started first and checked last: it runs alongside the other tests. */
  let demo: Promise<Run>;

  before(function () {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
      throw new Error('dist/ is missing: run `npm run build` before the CLI tests (`npm test` does)');
    }
    demo = fiugw(['demo'], 120_000);
    demo.catch(() => undefined); // awaited (and reported) by its test
  });

  describe('operator commands against running gateways', () => {
    let net: Network;
    /** Operator profile files with absolute paths and the real operator ports. */
    const profiles: Record<string, string> = {};

    before(async function () {
      this.timeout(120_000);
      // No background retries: the outbox test below acts on a queued item by hand.
      net = await startNetwork(['FIU-A', 'FIU-B'], {
        configure: (_fiu, config) => {
          config.delivery.retry = { ...config.delivery.retry, initialMs: 600_000, maxMs: 600_000 };
        },
      });
      for (const fiu of ['FIU-A', 'FIU-B']) {
        for (const role of ['analyst', 'liaison', 'auditor', 'admin']) {
          const profile = loadOperatorProfile(net.pki.fius[fiu]!.profiles[role]!);
          const file = path.join(net.dir, `${fiu}-${role}.profile.json`);
          writeFileSync(
            file,
            JSON.stringify({ ...profile, address: `127.0.0.1:${net.ports[fiu]!.operatorPort}` }),
          );
          profiles[`${role}@${fiu}`] = file;
        }
      }
    });
    after(() => net?.stop());

    it('submits docs/examples/rfi.json, lists it in FIU-B’s inbox and shows the case', async () => {
      const submitted = await fiugw([
        'request',
        'submit',
        '--profile',
        profiles['analyst@FIU-A']!,
        '--to',
        'FIU-B',
        '--file',
        RFI,
      ]);
      expect(submitted.code, show(submitted)).to.equal(0);
      expect(submitted.stdout).to.match(/^status:\s+delivered$/m);
      const messageId = /^message:\s+(\S+)$/m.exec(submitted.stdout)?.[1];
      expect(messageId, submitted.stdout).to.match(/^[0-9a-f-]{36}$/);
      const digest = /^digest:\s+(\S+)$/m.exec(submitted.stdout)?.[1];
      expect(digest, submitted.stdout).to.match(/^[A-Za-z0-9_-]{43}$/);

      const inbox = await fiugw(['inbox', '--profile', profiles['liaison@FIU-B']!, '--json']);
      expect(inbox.code, show(inbox)).to.equal(0);
      const cases = JSON.parse(inbox.stdout) as Array<{ caseId: string; messageId: string; partner: string }>;
      const c = cases.find((x) => x.messageId === messageId);
      expect(c, inbox.stdout).to.include({ partner: 'FIU-A' });

      const shown = await fiugw([
        'case',
        'show',
        c!.caseId,
        '--profile',
        profiles['liaison@FIU-B']!,
        '--json',
      ]);
      expect(shown.code, show(shown)).to.equal(0);
      const view = JSON.parse(shown.stdout) as {
        case: { caseId: string; direction: string };
        messages: Array<{
          messageId: string;
          digest: string;
          message: { header: { from: string }; body: unknown };
        }>;
      };
      expect(view.case).to.include({ caseId: c!.caseId, direction: 'in' });
      expect(view.messages).to.have.length(1);
      expect(view.messages[0]).to.include({ messageId, digest });
      const rfi = JSON.parse(readFileSync(RFI, 'utf8')) as { body: unknown };
      expect(view.messages[0]!.message.header.from).to.equal('FIU-A');
      expect(view.messages[0]!.message.body).to.deep.equal(rfi.body);
    });

    it('exits non-zero with the reason code when the operator may not submit, and nothing is sent', async () => {
      const before = await net.snapshot('FIU-A');
      const r = await fiugw([
        'request',
        'submit',
        '--profile',
        profiles['auditor@FIU-A']!,
        '--to',
        'FIU-B',
        '--file',
        RFI,
      ]);
      expect(r.code, show(r)).to.equal(1);
      expect(r.stderr).to.include('[transport.operator_forbidden]');
      expect(await net.snapshot('FIU-A')).to.deep.equal(before);
    });

    it('reports queued with the next attempt when FIU-B is down; outbox list, cancel and retry', async () => {
      const a = net.gw['FIU-A']!;
      a.partners.setAddress('FIU-B', `127.0.0.1:${await closedPort()}`);
      let messageId: string;
      try {
        const submitted = await fiugw([
          'request',
          'submit',
          '--profile',
          profiles['analyst@FIU-A']!,
          '--to',
          'FIU-B',
          '--file',
          RFI,
        ]);
        expect(submitted.code, show(submitted)).to.equal(0);
        expect(submitted.stdout).to.match(/^status:\s+queued$/m);
        expect(submitted.stdout).to.match(/^error:\s+transport\.partner_unreachable: /m);
        expect(submitted.stdout).to.match(/^next attempt:\s+\d{4}-\d\d-\d\dT/m);
        expect(submitted.stderr).to.include('fiugw outbox list');
        messageId = /^message:\s+(\S+)$/m.exec(submitted.stdout)![1]!;

        const listed = await fiugw(['outbox', 'list', '--profile', profiles['auditor@FIU-A']!, '--json']);
        expect(listed.code, show(listed)).to.equal(0);
        const items = JSON.parse(listed.stdout) as Array<{
          messageId: string;
          state: string;
          lastError: string;
        }>;
        expect(items.find((i) => i.messageId === messageId)).to.include({
          state: 'queued',
          lastError: 'transport.partner_unreachable',
        });
        const table = await fiugw(['outbox', 'list', '--profile', profiles['analyst@FIU-A']!]);
        expect(table.stdout).to.match(new RegExp(`^${messageId}\\s+FIU-B\\s+queued\\s+1\\s`, 'm'));

        const cancelled = await fiugw([
          'outbox',
          'cancel',
          messageId,
          '--profile',
          profiles['analyst@FIU-A']!,
        ]);
        expect(cancelled.code, show(cancelled)).to.equal(0);
        expect(cancelled.stdout).to.match(/^state:\s+cancelled$/m);
        const again = await fiugw(['outbox', 'cancel', messageId, '--profile', profiles['analyst@FIU-A']!]);
        expect(again.code, show(again)).to.equal(1);
        expect(again.stderr).to.include('[exchange.invalid_state]');
        const denied = await fiugw(['outbox', 'retry', messageId, '--profile', profiles['auditor@FIU-A']!]);
        expect(denied.code, show(denied)).to.equal(1);
        expect(denied.stderr).to.include('[transport.operator_forbidden]');
      } finally {
        a.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
      }
      const retried = await fiugw(['outbox', 'retry', messageId, '--profile', profiles['admin@FIU-A']!]);
      expect(retried.code, show(retried)).to.equal(0);
      expect(retried.stdout).to.match(/^state:\s+delivered$/m);
      expect(retried.stdout).to.match(/^attempt:\s+delivered$/m);
    });

    it('exits 1 and shows the case as missing for an unknown case id', async () => {
      const r = await fiugw([
        'case',
        'show',
        'd3b07384-d113-4ec6-a3b2-8a1f0b7c5e9d',
        '--profile',
        profiles['liaison@FIU-B']!,
        '--json',
      ]);
      expect(r.code, show(r)).to.equal(1);
      expect(r.stderr).to.include('[exchange.not_found]');
    });
  });

  describe('fiugw demo', () => {
    it('runs a whole exchange with consent, export and feedback, exits 0 and reports the receipt', async function () {
      this.timeout(120_000);
      const r = await demo;
      expect(r.code, show(r)).to.equal(0);
      expect(r.stdout).to.match(/receipt came back and FIU-A verified it/);
      expect(r.stdout).to.match(/FIU-B ledger entry #\d+/);
      expect(r.stdout).to.match(/FIU-A #\d+ delivery\.receipt/);
      expect(r.stdout).to.include('[case.self_approval]');
      expect(r.stdout).to.match(/FIU-B #\d+ case\.approved case \S+ \(response draft, approval 2 of 2\)/);
      expect(r.stdout).to.match(/answered; request, response/);
      expect(r.stdout).to.match(/consent \S+ asked; delivered, FIU-B ledger entry #\d+/);
      expect(r.stdout).to.match(/FIU-B #\d+ consent\.recorded consent \S+ granted_with_conditions/);
      expect(r.stdout).to.match(/exported to the police under consent \S+: 1 message/);
      expect(r.stdout).to.match(/FIU-A #\d+ case\.exported case \S+ allowed \(consent\)/);
      expect(r.stdout).to.include('[onward.consent_required]');
      expect(r.stdout).to.match(/FIU-A #\d+ case\.exported case \S+ refused \(onward\.consent_required\)/);
      expect(r.stdout).to.include('request, response, consent_request, consent_decision, feedback');
      expect(r.stdout).to.include('feedback: used for analysis, dissemination_to_authority; very_useful');
      expect(r.stdout).to.include('Demo finished');
    });
  });
});
