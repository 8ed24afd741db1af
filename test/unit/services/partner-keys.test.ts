import { expect } from 'chai';
import { KeyRing, signKeySet, type KeyRecord } from '../../../src/crypto/index.js';
import { GatewayError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/log.js';
import { PartnerKeys, type KeySetPeer, type PartnerRefresh } from '../../../src/services/partner-keys.js';
import { PartnerDirectory } from '../../../src/services/partners.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { makeFius, makeKey, NOW, ringFor, type FiuKeys } from '../../helpers/keys.js';
import { startSequencer } from '../../helpers/sequencer.js';
import { freshStore, SHARED_BACKEND, type Fresh } from '../store/fixtures.js';

const ADMIN = { id: 'admin@FIU-A', roles: ['admin' as const] };

/** Answers GetKeys from a table of partners: a key set, or a failure. */
class FakePeer implements KeySetPeer {
  calls: string[] = [];
  answers = new Map<string, () => Promise<string>>();
  getKeys(partner: string): Promise<string> {
    this.calls.push(partner);
    const answer = this.answers.get(partner);
    return answer
      ? answer()
      : Promise.reject(new GatewayError('transport.partner_unreachable', `${partner} down`));
  }
}

/** One gateway of FIU-A (one replica): its own ring and sequencer on a store of the shared database. */
interface Replica {
  store: Store;
  ring: KeyRing;
  peer: FakePeer;
  keys: PartnerKeys;
  observed: PartnerRefresh[];
}

describe('PartnerKeys', function () {
  this.timeout(60_000);
  let fius: Record<string, FiuKeys>;
  /** FIU-B's rotated keys: a new signing and a new encryption key. */
  let rotatedB: { sig: KeyRecord; enc: KeyRecord };
  /** FIU-B's key set with its rotated keys, signed with the signing key FIU-A knows. */
  let keySetB: string;
  let keySetC: string;
  let db: Fresh;
  const opened: Store[] = [];

  before(async () => {
    fius = await makeFius(['FIU-A', 'FIU-B', 'FIU-C']);
    // Newer than FIU-B's first keys: the set is signed with the oldest valid signing key, the known one.
    const from = new Date(NOW.getTime() - 3_600_000);
    const sig = await makeKey('FIU-B', 'sig', from);
    const enc = await makeKey('FIU-B', 'enc', from);
    rotatedB = { sig: sig.public, enc: enc.public };
    const b = fius['FIU-B']!;
    const ringB = await KeyRing.create(
      'FIU-B',
      [b.sig.private, b.enc.private, b.ledger.private, sig.private, enc.private],
      [],
    );
    keySetB = signKeySet(ringB, NOW);
    const c = fius['FIU-C']!;
    keySetC = signKeySet(
      await KeyRing.create('FIU-C', [c.sig.private, c.enc.private, c.ledger.private], []),
      NOW,
    );
  });

  beforeEach(async () => {
    db = await freshStore(SHARED_BACKEND);
    // What Gateway.open does: the registry's keys are registered (not logged).
    const registry = Object.values(fius)
      .filter((k) => k.fiu !== 'FIU-A')
      .flatMap((k) => [k.sig.public, k.enc.public, k.ledger.public]);
    await db.store.registerKeys(registry);
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await db.dispose();
  });

  /** A replica of FIU-A on the shared database (a store of its own but for the first). */
  async function replica(first = false): Promise<Replica> {
    const store = first ? db.store : await openStore(db.url);
    if (!first) opened.push(store);
    const ring = await ringFor('FIU-A', fius);
    const sequencer = await startSequencer(store, fius['FIU-A']!);
    const peer = new FakePeer();
    peer.answers.set('FIU-B', () => Promise.resolve(keySetB));
    peer.answers.set('FIU-C', () => Promise.resolve(keySetC));
    const observed: PartnerRefresh[] = [];
    const keys = new PartnerKeys({
      store,
      ring,
      sequencer,
      partners: new PartnerDirectory({
        partners: [
          { id: 'FIU-B', address: '127.0.0.1:1', keys: [] },
          { id: 'FIU-C', address: '127.0.0.1:2', keys: [] },
        ],
      } as never),
      peer,
      clock: () => NOW,
      log: silentLogger,
      observe: (r) => observed.push(r),
    });
    return { store, ring, peer, keys, observed };
  }

  /** The `key.registered` entries of the shared ledger. */
  async function registered(): Promise<Array<{ kid: string; fiu: string; actor: { kind: string } }>> {
    const rows = await db.store.ledgerRange(0, await db.store.ledgerSize());
    return rows
      .map((r) => JSON.parse(r.entry) as { event: string; kid: string; fiu: string; actor: { kind: string } })
      .filter((e) => e.event === 'key.registered');
  }

  const kids = (r: PartnerRefresh) => r.learned.map((l) => l.record.jwk.kid).sort();
  const rotatedKids = () => [rotatedB.sig.jwk.kid, rotatedB.enc.jwk.kid].sort();
  const knows = (ring: KeyRing) =>
    Boolean(ring.findPartnerKey('FIU-B', 'sig', rotatedB.sig.jwk.kid)) &&
    Boolean(ring.findPartnerKey('FIU-B', 'enc', rotatedB.enc.jwk.kid));

  describe('refreshBySystem', () => {
    it('registers the new keys with one key.registered each, the gateway (system) as actor', async () => {
      const a = await replica(true);
      const r = await a.keys.refreshBySystem('FIU-B');
      expect(r.ok).to.equal(true);
      expect(kids(r)).to.deep.equal(rotatedKids());
      expect(knows(a.ring)).to.equal(true);
      const entries = await registered();
      expect(entries.map((e) => e.kid).sort()).to.deep.equal(rotatedKids());
      expect(entries.every((e) => e.actor.kind === 'system' && e.fiu === 'FIU-B')).to.equal(true);
      expect((await db.store.keysOf('FIU-B')).map((k) => k.record.jwk.kid)).to.include.members(rotatedKids());
      expect(a.observed).to.deep.equal([r]);
    });

    it('writes nothing when nothing changed', async () => {
      const a = await replica(true);
      await a.keys.refreshBySystem('FIU-B');
      const size = await db.store.ledgerSize();
      const again = await a.keys.refreshBySystem('FIU-B');
      expect(again).to.include({ ok: true, keysInSet: 5 });
      expect(again.learned).to.deep.equal([]);
      expect(await db.store.ledgerSize()).to.equal(size);
    });

    it('reports an unreachable partner, registers nothing, and learns its keys when it is back', async () => {
      const a = await replica(true);
      a.peer.answers.delete('FIU-B');
      const r = await a.keys.refreshBySystem('FIU-B');
      expect(r).to.deep.equal({
        partner: 'FIU-B',
        ok: false,
        errorCode: 'transport.partner_unreachable',
        learned: [],
      });
      expect(await db.store.ledgerSize()).to.equal(0);
      a.peer.answers.set('FIU-B', () => Promise.resolve(keySetB));
      expect(kids(await a.keys.refreshBySystem('FIU-B'))).to.deep.equal(rotatedKids());
    });

    it('refuses a key set signed by a key it does not hold, and registers nothing', async () => {
      const a = await replica(true);
      const stranger = await makeKey('FIU-B', 'sig');
      const forged = signKeySet(await KeyRing.create('FIU-B', [stranger.private], []), NOW);
      a.peer.answers.set('FIU-B', () => Promise.resolve(forged));
      const r = await a.keys.refreshBySystem('FIU-B');
      expect(r.ok).to.equal(false);
      expect(r.ok ? '' : r.errorCode).to.be.oneOf(['crypto.unknown_signing_key', 'crypto.bad_key_set']);
      expect(await registered()).to.deep.equal([]);
    });
  });

  describe('refresh (an admin)', () => {
    it('goes on with the other partners when one fails, with the operator as actor', async () => {
      const a = await replica(true);
      a.peer.answers.set('FIU-C', () =>
        Promise.reject(new GatewayError('transport.partner_unreachable', 'down')),
      );
      const results = await a.keys.refresh(ADMIN, '');
      expect(results.map((r) => [r.partner, r.ok])).to.deep.equal([
        ['FIU-B', true],
        ['FIU-C', false],
      ]);
      const entries = await registered();
      expect(entries).to.have.length(2);
      expect(entries.every((e) => e.actor.kind === 'operator')).to.equal(true);
    });
  });

  describe('with replicas on one database', () => {
    it('loads keys another replica registered from the store, without logging them again', async () => {
      const [a, b] = [await replica(true), await replica()];
      expect(kids(await a.keys.refreshBySystem('FIU-B'))).to.deep.equal(rotatedKids());
      expect(knows(b.ring)).to.equal(false);
      const r = await b.keys.refreshBySystem('FIU-B');
      expect(r.ok).to.equal(true);
      expect(r.learned, 'nothing learned: the other replica did').to.deep.equal([]);
      expect(knows(b.ring)).to.equal(true);
      expect((await registered()).map((e) => e.kid).sort()).to.deep.equal(rotatedKids());
    });

    it('loads them even when the partner cannot be reached', async () => {
      const [a, b] = [await replica(true), await replica()];
      await a.keys.refreshBySystem('FIU-B');
      b.peer.answers.delete('FIU-B');
      const r = await b.keys.refreshBySystem('FIU-B');
      expect(r.ok).to.equal(false);
      expect(knows(b.ring)).to.equal(true);
    });

    it('does not log a key twice when the other replica registers it between its look and its commit', async () => {
      const [a, b] = [await replica(true), await replica()];
      // B has read the store (nothing new), then A registers the keys while B's GetKeys is in flight.
      b.peer.answers.set('FIU-B', async () => {
        await a.keys.refreshBySystem('FIU-B');
        return keySetB;
      });
      const r = await b.keys.refreshBySystem('FIU-B');
      expect(r.ok).to.equal(true);
      expect(r.learned).to.deep.equal([]);
      expect(knows(b.ring)).to.equal(true);
      expect((await registered()).map((e) => e.kid).sort()).to.deep.equal(rotatedKids());
    });

    it('logs each key exactly once when both refresh at the same time, and both rings learn it', async () => {
      const [a, b] = [await replica(true), await replica()];
      const runs = [];
      for (let i = 0; i < 4; i++) runs.push(a.keys.refreshBySystem('FIU-B'), b.keys.refreshBySystem('FIU-B'));
      const results = await Promise.all(runs);
      expect(results.every((r) => r.ok)).to.equal(true);
      const learned = results.flatMap(kids).sort();
      expect(learned, 'each key learned by one refresh').to.deep.equal(rotatedKids());
      expect((await registered()).map((e) => e.kid).sort()).to.deep.equal(rotatedKids());
      expect(knows(a.ring) && knows(b.ring)).to.equal(true);
    });
  });
});
