/**
 * Crash safety: gateways in child processes killed with SIGKILL at named fault points
 * (src/services/fault-points.ts, installed only by test/helpers/crash-entry.ts), sender and receiver,
 * then restarted. Afterwards every accepted message is at the receiver exactly once, every
 * unacknowledged one was delivered again by the outbox, and `fiugw audit verify --config` passes on
 * both ledgers. Each scenario's gateways first apply their sharing agreements through the CLI, which
 * is each gateway's first ledger batch (so `sequencer.in_batch@n` counts it).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { isGatewayError } from '../../src/errors.js';
import { initPki, type PkiLayout } from '../../src/pki/index.js';
import { openStore, type OutboxItem } from '../../src/store/index.js';
import {
  applyAgreements,
  requireDist,
  startChild,
  operatorOf,
  writeScenario,
  type ChildGateway,
  type ChildSetup,
} from '../helpers/child-gateway.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';
import { waitFor } from '../helpers/outbox.js';

/** Short leases and retries, so that a restarted sender takes over its dead claims quickly. */
const DELIVERY = {
  timeoutMs: 2000,
  leaseMs: 3000,
  pollMs: 100,
  drainMs: 5000,
  retry: { initialMs: 100, maxMs: 500, giveUpAfterMs: 600_000 },
};

/** What a gateway's database holds about one message, read after the gateway stopped. */
async function inspect(setup: ChildSetup, messageId: string) {
  const store = await openStore(loadConfig(setup.configFile, {}).databaseUrl);
  try {
    const entries = await ledgerEntries(store);
    return {
      inbound: await store.findInbound('FIU-A', messageId),
      outbound: await store.findMessage('out', messageId),
      item: await store.findOutboxItem(messageId),
      events: entries.filter((e) => e.message?.id === messageId).map((e) => e.event),
    };
  } finally {
    await store.close();
  }
}

async function expectLedgerVerifies(setup: ChildSetup): Promise<void> {
  const r = await fiugw('audit', 'verify', '--config', setup.configFile);
  expect(r.code, showRun(r)).to.equal(0);
}

/** Stops a child gracefully; it must exit 0. */
async function stopChild(child: ChildGateway): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const { code } = await child.exited;
  expect(code, child.stderr()).to.equal(0);
}

describe('crash safety (gateways killed with SIGKILL at fault points)', function () {
  this.timeout(120_000);
  let dir: string;
  let pki: PkiLayout;
  const running: ChildGateway[] = [];

  before(async function () {
    this.timeout(120_000);
    requireDist();
    dir = await mkdtemp(path.join(tmpdir(), 'fiugw-crash-'));
    pki = await initPki({ out: path.join(dir, 'pki'), fius: ['FIU-A', 'FIU-B'], basePort: 0 });
  });
  afterEach(async () => {
    for (const c of running.splice(0)) {
      if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
      await c.exited;
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const start = async (setup: ChildSetup, crashAt?: string) => {
    const child = await startChild(setup, crashAt);
    running.push(child);
    return child;
  };

  /**
   * Runs one scenario: FIU-B then FIU-A in children, `victim` with the fault point; their admins apply
   * the agreements (one ledger batch on each); analyst@FIU-A submits; the victim dies by SIGKILL and is restarted. Resolves to the message id (or null when the
   * sender died before committing) and the setups.
   */
  async function crashScenario(name: string, victim: 'FIU-A' | 'FIU-B', point: string) {
    const s = await writeScenario(pki, name, ['FIU-A', 'FIU-B'], DELIVERY);
    const children: Record<string, ChildGateway> = {};
    children['FIU-B'] = await start(s['FIU-B']!, victim === 'FIU-B' ? point : undefined);
    children['FIU-A'] = await start(s['FIU-A']!, victim === 'FIU-A' ? point : undefined);
    await applyAgreements(pki, s);
    const op = operatorOf(pki, s['FIU-A']!, 'analyst');
    let submitted: string | null = null;
    try {
      const r = await op.submitRequest('FIU-B', sampleInput());
      submitted = r.messageId;
    } catch (err) {
      // The sender died during the call: the operator sees the gateway as unreachable.
      expect(victim, String(err)).to.equal('FIU-A');
      expect(isGatewayError(err, 'transport.partner_unreachable'), String(err)).to.equal(true);
    } finally {
      op.close();
    }
    const died = await children[victim]!.exited;
    expect(died.signal, children[victim]!.stderr()).to.equal('SIGKILL');
    expect(children[victim]!.stderr()).to.include(`SIGKILL at ${point}`);
    children[victim] = await start(s[victim]!);
    // The sender's own view after the restart: what its outbox holds.
    const admin = operatorOf(pki, s['FIU-A']!, 'admin');
    let items: OutboxItem[] | { messageId: string; state: string }[];
    try {
      items = (await admin.listOutbox()).items;
    } finally {
      admin.close();
    }
    const messageId = submitted ?? items[0]?.messageId ?? null;
    return { s, children, messageId, items };
  }

  /** Waits until FIU-A's outbox shows the message delivered, then stops both gracefully. */
  async function deliverAndStop(
    s: Record<string, ChildSetup>,
    children: Record<string, ChildGateway>,
    messageId: string,
  ) {
    const op = operatorOf(pki, s['FIU-A']!, 'auditor');
    try {
      await waitFor(`${messageId} delivered`, async () => {
        const items = (await op.listOutbox()).items;
        return items.find((i) => i.messageId === messageId && i.state === 'delivered');
      });
    } finally {
      op.close();
    }
    await stopChild(children['FIU-A']!);
    await stopChild(children['FIU-B']!);
  }

  /** The receiver holds the message once, logged once; the sender holds that receipt; both ledgers verify. */
  async function expectExactlyOnce(s: Record<string, ChildSetup>, messageId: string) {
    const a = await inspect(s['FIU-A']!, messageId);
    const b = await inspect(s['FIU-B']!, messageId);
    expect(b.inbound, 'FIU-B holds the message').to.not.equal(null);
    expect(b.events).to.deep.equal(['policy.decision', 'message.received']);
    expect(a.item).to.include({ state: 'delivered' });
    expect(a.outbound).to.include({ status: 'delivered', digest: b.inbound!.digest });
    expect(a.outbound!.receipt, 'the receipt FIU-B issued').to.equal(b.inbound!.receipt);
    expect(a.events.filter((e) => e === 'policy.decision')).to.have.length(1);
    expect(a.events.filter((e) => e === 'message.sent')).to.have.length(1);
    expect(a.events.filter((e) => e === 'delivery.receipt')).to.have.length(1);
    await expectLedgerVerifies(s['FIU-A']!);
    await expectLedgerVerifies(s['FIU-B']!);
  }

  describe('the sender', () => {
    it('killed before the commit: nothing was accepted, nothing is queued or sent, both ledgers verify', async () => {
      const { s, children, messageId, items } = await crashScenario(
        'a-before-commit',
        'FIU-A',
        'outbound.before_commit',
      );
      expect(messageId).to.equal(null);
      expect(items).to.deep.equal([]);
      await stopChild(children['FIU-A']!);
      await stopChild(children['FIU-B']!);
      const store = await openStore(loadConfig(s['FIU-B']!.configFile, {}).databaseUrl);
      try {
        expect(await store.listCases({})).to.deep.equal([]);
      } finally {
        await store.close();
      }
      await expectLedgerVerifies(s['FIU-A']!);
      await expectLedgerVerifies(s['FIU-B']!);
    });

    it('killed after the commit, before the delivery call: the restarted outbox delivers it, once', async () => {
      const { s, children, messageId } = await crashScenario(
        'a-before-attempt',
        'FIU-A',
        'outbox.before_attempt',
      );
      expect(messageId).to.be.a('string');
      await deliverAndStop(s, children, messageId!);
      await expectExactlyOnce(s, messageId!);
    });

    it('killed after the receiver answered, before the receipt was recorded: delivered again, the original receipt, one copy', async () => {
      const { s, children, messageId } = await crashScenario(
        'a-after-receipt',
        'FIU-A',
        'outbox.after_receipt',
      );
      await deliverAndStop(s, children, messageId!);
      await expectExactlyOnce(s, messageId!);
    });

    it('killed in the middle of the ledger batch that records the receipt: rolled back, delivered again, once', async () => {
      // FIU-A's batches: the agreement, the submission, then the receipt.
      const { s, children, messageId } = await crashScenario('a-in-batch', 'FIU-A', 'sequencer.in_batch@3');
      await deliverAndStop(s, children, messageId!);
      await expectExactlyOnce(s, messageId!);
    });
  });

  describe('the receiver', () => {
    it('killed after its commit, before answering the receipt: the sender retries and gets the original receipt; one copy', async () => {
      const { s, children, messageId } = await crashScenario(
        'b-after-commit',
        'FIU-B',
        'inbound.after_commit',
      );
      await deliverAndStop(s, children, messageId!);
      await expectExactlyOnce(s, messageId!);
    });

    it('killed in the middle of the ledger batch that stores the message: rolled back, the retry stores it once', async () => {
      // FIU-B's batches: the agreement, then the message.
      const { s, children, messageId } = await crashScenario('b-in-batch', 'FIU-B', 'sequencer.in_batch@2');
      await deliverAndStop(s, children, messageId!);
      await expectExactlyOnce(s, messageId!);
    });
  });
});
