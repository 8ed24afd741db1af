import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { ledgerOrigin, privateKeyObject, type KeyRing } from '../../../src/crypto/index.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  MemorySubtreeHashes,
  signCheckpoint,
  treeRoot,
} from '../../../src/ledger/index.js';
import { silentLogger } from '../../../src/log.js';
import { PartnerLedgers, type LedgerPeer } from '../../../src/services/partner-ledgers.js';
import { PartnerDirectory } from '../../../src/services/partners.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { testDatabaseUrl } from '../../helpers/database.js';
import { makeFius, NOW, ringFor, type FiuKeys } from '../../helpers/keys.js';
import { startSequencer } from '../../helpers/sequencer.js';

const leaves = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    Buffer.from(
      JSON.stringify({
        i,
        tag,
        message: { digest: createHash('sha256').update(`${tag}${i}`).digest('base64url') },
      }),
    ),
  );

/** A partner ledger in memory: its leaves, and checkpoints signed with its ledger key. */
class FakeLedger implements LedgerPeer {
  constructor(
    private readonly key: FiuKeys,
    public leaves: Buffer[],
  ) {}
  tree() {
    return new MemorySubtreeHashes(this.leaves.map((l) => leafHash(l)));
  }
  async checkpoint(size = this.leaves.length): Promise<string> {
    const root = await treeRoot(this.tree(), size);
    const origin = ledgerOrigin('FIU-B');
    return signCheckpoint(
      { origin, size, root },
      { name: origin, privateKey: privateKeyObject(this.key.ledger.private) },
    );
  }
  consistencyProof(_p: string, _a: string, size1: number, size2: number) {
    return consistencyProof(this.tree(), size1, size2);
  }
  async inclusionProof(_p: string, _a: string, digest: string) {
    const index = this.leaves.findIndex((l) => l.toString().includes(digest));
    const size = this.leaves.length;
    return {
      index,
      leaf: this.leaves[index]!,
      treeSize: size,
      proof: await inclusionProof(this.tree(), index, size),
      checkpoint: await this.checkpoint(),
    };
  }
}

describe('PartnerLedgers', () => {
  let fius: Record<string, FiuKeys>;
  let ring: KeyRing;
  let store: Store;
  let fake: FakeLedger;
  let ledgers: PartnerLedgers;
  let deps: ConstructorParameters<typeof PartnerLedgers>[0];

  before(async () => {
    fius = await makeFius(['FIU-A', 'FIU-B']);
    ring = await ringFor('FIU-A', fius);
  });

  beforeEach(async () => {
    store = await openStore(await testDatabaseUrl('sqlite::memory:'));
    const sequencer = await startSequencer(store, fius['FIU-A']!);
    fake = new FakeLedger(fius['FIU-B']!, leaves('b', 10));
    deps = {
      store,
      ring,
      sequencer,
      partners: new PartnerDirectory({
        partners: [{ id: 'FIU-B', address: '127.0.0.1:1', keys: [] }],
      } as never),
      peer: fake,
      clock: () => NOW,
      log: silentLogger,
    };
    ledgers = new PartnerLedgers(deps);
  });
  afterEach(() => store.close());

  const alarms = async () =>
    (await store.ledgerRange(0, await store.ledgerSize())).filter((r) => r.entry.includes('partner.alarm'));

  it('accepts a first checkpoint and remembers it', async () => {
    expect(await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 })).to.equal(null);
    expect((await store.latestPartnerCheckpoint('FIU-B'))!.size).to.equal(5);
  });

  it('accepts a grown tree with a valid consistency proof', async () => {
    await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
    expect(await ledgers.crossCheck('FIU-B', await fake.checkpoint(10), { index: 9 })).to.equal(null);
    expect((await store.latestPartnerCheckpoint('FIU-B'))!.size).to.equal(10);
    expect(await alarms()).to.have.length(0);
  });

  describe('check (the receipt path: the caller records the alarm and stores the checkpoint)', () => {
    it('accepts a grown tree without storing it, and compares later checkpoints with it at once', async () => {
      await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
      const before = await store.ledgerSize();
      const r = await ledgers.check('FIU-B', await fake.checkpoint(8), { index: 7 });
      expect(r.alarm).to.equal(null);
      expect(r.accepted).to.include({ partner: 'FIU-B', size: 8 });
      expect((await store.latestPartnerCheckpoint('FIU-B'))!.size, 'stored by the caller').to.equal(5);
      const proofs: Array<[number, number]> = [];
      const honest = fake.consistencyProof.bind(fake);
      fake.consistencyProof = (p, a, s1, s2) => (proofs.push([s1, s2]), honest(p, a, s1, s2));
      expect(await ledgers.check('FIU-B', await fake.checkpoint(8), { index: 7 })).to.deep.equal({
        alarm: null,
        accepted: null,
      });
      expect(proofs, 'same checkpoint: no proof').to.deep.equal([]);
      await ledgers.check('FIU-B', await fake.checkpoint(10), { index: 9 });
      expect(proofs, 'proven from the last accepted, not the last stored').to.deep.equal([[8, 10]]);
      expect(await store.ledgerSize(), 'nothing appended').to.equal(before);
    });

    it('returns a fork alarm without recording it, and keeps the last accepted checkpoint', async () => {
      await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
      const before = await store.ledgerSize();
      fake.leaves = leaves('forked', 10);
      const r = await ledgers.check('FIU-B', await fake.checkpoint(10), { index: 9 });
      expect(r.accepted).to.equal(null);
      expect(r.alarm).to.include({ partner: 'FIU-B', reason: 'fork' });
      expect(await store.ledgerSize()).to.equal(before);
      const entry = JSON.parse(JSON.stringify(ledgers.alarmEntry(r.alarm!))) as Record<string, unknown>;
      expect(entry).to.include({ event: 'partner.alarm', partner: 'FIU-B', reason: 'fork' });
    });
  });

  describe('when a receipt carries the very note accepted last', () => {
    /** Counts the signature checks of notes while `fn` runs on `target`. */
    async function countingVerifies(target: PartnerLedgers, fn: () => Promise<void>): Promise<number> {
      const real = target.verifyNote.bind(target);
      let n = 0;
      target.verifyNote = (partner, note) => (n++, real(partner, note));
      try {
        await fn();
      } finally {
        target.verifyNote = real;
      }
      return n;
    }

    it('does not verify its signature again, and it compares equal', async () => {
      const note = await fake.checkpoint(5);
      const n = await countingVerifies(ledgers, async () => {
        await ledgers.crossCheck('FIU-B', note, { index: 4 });
        for (let i = 0; i < 3; i++) {
          expect(await ledgers.check('FIU-B', note, { index: 4 })).to.deep.equal({
            alarm: null,
            accepted: null,
          });
        }
      });
      expect(n, 'verified once, when it was accepted').to.equal(1);
    });

    it('still checks that it covers the receipt entry', async () => {
      const note = await fake.checkpoint(5);
      await ledgers.crossCheck('FIU-B', note, { index: 4 });
      const r = await ledgers.check('FIU-B', note, { index: 5 });
      expect(r.accepted).to.equal(null);
      expect(r.alarm).to.include({ partner: 'FIU-B', reason: 'checkpoint_too_small' });
    });

    it('verifies a note read from the store (after a restart) once before trusting it', async () => {
      const note = await fake.checkpoint(5);
      await ledgers.crossCheck('FIU-B', note, { index: 4 });
      const restarted = new PartnerLedgers(deps);
      const n = await countingVerifies(restarted, async () => {
        await restarted.check('FIU-B', note, { index: 4 });
        await restarted.check('FIU-B', note, { index: 4 });
      });
      expect(n).to.equal(1);
    });

    it('verifies it again once the partner ledger keys changed: a removed key raises the alarm', async () => {
      const note = await fake.checkpoint(5);
      await ledgers.crossCheck('FIU-B', note, { index: 4 });
      const real = ring.partnerLedgerKeys.bind(ring);
      ring.partnerLedgerKeys = () => [];
      try {
        const r = await ledgers.check('FIU-B', note, { index: 4 });
        expect(r.alarm).to.include({ partner: 'FIU-B', reason: 'bad_checkpoint' });
      } finally {
        ring.partnerLedgerKeys = real;
      }
      const n = await countingVerifies(ledgers, async () => {
        ring.partnerLedgerKeys = (fiu) => real(fiu).map((k) => ({ ...k }));
        try {
          expect((await ledgers.check('FIU-B', note, { index: 4 })).alarm).to.equal(null);
        } finally {
          ring.partnerLedgerKeys = real;
        }
      });
      expect(n, 'other key records: verified again').to.equal(1);
    });
  });

  describe('when the receipts of one partner batch arrive together', () => {
    it('checks them one at a time: one consistency proof and one stored checkpoint for them all', async () => {
      await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
      let proofs = 0;
      const honest = fake.consistencyProof.bind(fake);
      fake.consistencyProof = (p, a, s1, s2) => {
        proofs += 1;
        return honest(p, a, s1, s2);
      };
      const note = await fake.checkpoint(10);
      const results = await Promise.all(
        [5, 6, 7, 8, 9].map((index) => ledgers.crossCheck('FIU-B', note, { index })),
      );
      expect(results).to.deep.equal([null, null, null, null, null]);
      expect(proofs).to.equal(1);
      expect((await store.latestPartnerCheckpoint('FIU-B'))!.size).to.equal(10);
    });

    it('still raises the alarm for a forked checkpoint among them', async () => {
      await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
      const good = await fake.checkpoint(5);
      fake.leaves = leaves('forged', 5);
      const forked = await fake.checkpoint(5);
      const [a, b] = await Promise.all([
        ledgers.crossCheck('FIU-B', good, { index: 4 }),
        ledgers.crossCheck('FIU-B', forked, { index: 4 }),
      ]);
      expect(a).to.equal(null);
      expect(b).to.include({ reason: 'fork' });
    });
  });

  it('raises an alarm when the partner forks its log (a rewritten history)', async () => {
    await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
    fake.leaves = [...fake.leaves.slice(0, 3), ...leaves('forged', 7)];
    const alarm = await ledgers.crossCheck('FIU-B', await fake.checkpoint(10), { index: 9 });
    expect(alarm).to.include({ partner: 'FIU-B', reason: 'fork' });
    expect(await alarms()).to.have.length(1);
    expect((await store.latestPartnerCheckpoint('FIU-B'))!.size, 'the forked view is not adopted').to.equal(
      5,
    );
  });

  it('raises an alarm for two roots at the same size', async () => {
    await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
    fake.leaves = leaves('other', 5);
    const alarm = await ledgers.crossCheck('FIU-B', await fake.checkpoint(5), { index: 4 });
    expect(alarm).to.include({ reason: 'fork' });
  });

  it('raises an alarm for a rollback: the partner cannot prove its earlier, larger tree', async () => {
    await ledgers.crossCheck('FIU-B', await fake.checkpoint(10), { index: 9 });
    fake.leaves = leaves('rolled', 6);
    expect(await ledgers.crossCheck('FIU-B', await fake.checkpoint(6), { index: 5 })).to.include({
      reason: 'fork',
    });
  });

  it('raises an alarm for a checkpoint not signed by the partner ledger key', async () => {
    const origin = ledgerOrigin('FIU-B');
    const forged = signCheckpoint(
      { origin, size: 3, root: await treeRoot(fake.tree(), 3) },
      { name: origin, privateKey: privateKeyObject(fius['FIU-A']!.ledger.private) },
    );
    expect(await ledgers.crossCheck('FIU-B', forged, { index: 1 })).to.include({ reason: 'bad_checkpoint' });
  });

  it('raises an alarm for a checkpoint that does not cover the receipt entry', async () => {
    expect(await ledgers.crossCheck('FIU-B', await fake.checkpoint(3), { index: 3 })).to.include({
      reason: 'checkpoint_too_small',
    });
  });

  it('verifies a partner inclusion proof of a digest both sides hold', async () => {
    const digest = JSON.parse(fake.leaves[7]!.toString()).message.digest as string;
    const r = await ledgers.verifyDigestInclusion('FIU-B', digest);
    expect(r).to.deep.equal({ index: 7, treeSize: 10, alarm: null });
  });

  it('refuses an inclusion answer whose entry does not name the digest', async () => {
    const digest = createHash('sha256').update('never exchanged').digest('base64url');
    const digest3 = JSON.parse(fake.leaves[3]!.toString()).message.digest as string;
    const honest = fake.inclusionProof.bind(fake);
    fake.inclusionProof = (p, a) => honest(p, a, digest3);
    let err: unknown;
    await ledgers.verifyDigestInclusion('FIU-B', digest).catch((e: unknown) => (err = e));
    expect(String(err)).to.match(/does not record digest/);
  });
});
