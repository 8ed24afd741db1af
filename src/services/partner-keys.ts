/**
 * Learning partners' rotated keys: fetch a partner's key set (peer RPC GetKeys), verify it with a
 * signing key already registered for that partner (never with a key from the set), then register the
 * keys not known before, in the store and in the live key ring, with one `key.registered` ledger entry
 * each, in one transaction.
 *
 * Replicas sharing one database each refresh: a refresh first takes into its ring the keys of the
 * partner that are already stored (another replica registered them; they are not logged again), and
 * the batch transaction, which holds the write lock, registers a key only if it is still not stored.
 * So each key gets exactly one `key.registered` entry whichever replicas refresh, and when.
 */
import { Serial } from './serial.js';
import { verifyKeySet, type KeyRecord, type KeyRing } from '../crypto/index.js';
import { GatewayError, isGatewayError } from '../errors.js';
import { makeEntry, type Actor } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { requireRole, type Operator } from './authorize.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PartnerDirectory } from './partners.js';
import type { Store } from '../store/index.js';

/** How a partner's key set is fetched (the peer client in production). */
export interface KeySetPeer {
  getKeys(partner: string, address: string): Promise<string>;
}

export interface PartnerKeysDeps {
  store: Pick<Store, 'keysOf'>;
  ring: KeyRing;
  sequencer: LedgerSequencer;
  partners: PartnerDirectory;
  peer: KeySetPeer;
  clock: () => Date;
  log: Logger;
  /** Told the outcome of every refresh of one partner (metrics). */
  observe?: (result: PartnerRefresh) => void;
}

/** The actor of keys registered on the gateway's own initiative (the periodic refresh). */
const SYSTEM: Actor = { kind: 'system' };

/** How often a registration that lost a race with another replica is tried again. */
const MAX_ATTEMPTS = 3;

/** A key registered by a refresh, with the index of its ledger entry. */
export interface LearnedKey {
  record: KeyRecord;
  ledgerIndex: number;
}

/** The outcome of refreshing one partner. */
export type PartnerRefresh =
  | { partner: string; ok: true; keysInSet: number; learned: LearnedKey[] }
  | { partner: string; ok: false; errorCode: string; learned: [] };

export class PartnerKeys {
  /** Refreshes run one at a time, so two never register (and log) the same key. */
  private readonly serial = new Serial();

  constructor(private readonly d: PartnerKeysDeps) {}

  /**
   * Refreshes the keys of `partner`, or of every partner when it is empty. Role: admin. A partner
   * that cannot be reached or whose key set does not verify gives `ok: false` with the error code
   * (and registers nothing); the others go on.
   */
  async refresh(op: Operator, partner: string): Promise<PartnerRefresh[]> {
    requireRole(op, ['admin'], 'refreshing partner keys');
    const targets = partner ? [partner] : this.d.partners.ids();
    if (partner) this.d.partners.address(partner); // transport.unknown_partner
    const actor: Actor = { kind: 'operator', id: op.id, roles: op.roles };
    const results: PartnerRefresh[] = [];
    for (const p of targets) results.push(await this.serial.run(() => this.refreshOne(actor, p)));
    return results;
  }

  /**
   * Refreshes the keys of one partner on the gateway's own initiative (the periodic refresh): queued
   * behind any refresh running, with the gateway (`system`) as the actor of what it registers.
   */
  refreshBySystem(partner: string): Promise<PartnerRefresh> {
    return this.serial.run(() => this.refreshOne(SYSTEM, partner));
  }

  /** Fetches, verifies and registers the key set of one partner. */
  async refreshOne(actor: Actor, partner: string): Promise<PartnerRefresh> {
    const result = await this.tryRefresh(actor, partner);
    this.d.observe?.(result);
    return result;
  }

  private async tryRefresh(actor: Actor, partner: string): Promise<PartnerRefresh> {
    let learned: LearnedKey[];
    let keysInSet: number;
    try {
      const address = this.d.partners.address(partner);
      // Keys another replica registered verify the set as well as our own would (and are not new).
      await this.loadStored(partner);
      const jws = await this.d.peer.getKeys(partner, address);
      const now = this.d.clock();
      const set = await verifyKeySet(jws, this.d.ring, partner, now);
      keysInSet = set.keys.length;
      learned = await this.registerNew(actor, partner, set.keys, now);
    } catch (err) {
      const code = isGatewayError(err) ? err.code : 'internal.unexpected';
      this.d.log.warn('partner key refresh failed', { partner, code });
      if (!isGatewayError(err)) this.d.log.error('unexpected error refreshing keys', { partner });
      return { partner, ok: false, errorCode: code, learned: [] };
    }
    if (learned.length > 0) {
      this.d.log.info('partner keys registered', {
        partner,
        kids: learned.map((l) => l.record.jwk.kid).join(','),
      });
    }
    return { partner, ok: true, keysInSet, learned };
  }

  /**
   * Adds to the ring the keys of `partner` that are stored but not in it yet (registered by another
   * replica sharing the database), without logging them: their `key.registered` entries exist.
   */
  private async loadStored(partner: string): Promise<void> {
    const stored = (await this.d.store.keysOf(partner)).map((k) => k.record);
    const added = await this.d.ring.addPartnerKeys(partner, stored);
    if (added.length > 0) {
      this.d.log.info('partner keys loaded from the store', {
        partner,
        kids: added.map((k) => k.jwk.kid).join(','),
      });
    }
  }

  /**
   * Registers the keys of `set` that the ring does not know. When another replica registered some of
   * them meanwhile (the batch transaction finds them stored and rolls back), loads them from the store
   * and tries again with what is still missing.
   */
  private async registerNew(
    actor: Actor,
    partner: string,
    set: readonly KeyRecord[],
    now: Date,
  ): Promise<LearnedKey[]> {
    for (let attempt = 1; ; attempt++) {
      const fresh = await this.d.ring.unknownPartnerKeys(partner, set);
      if (fresh.length === 0) return [];
      const raced = new GatewayError('store.failed', `keys of ${partner} were registered meanwhile`);
      try {
        return await this.register(actor, partner, fresh, now, raced);
      } catch (err) {
        if (err !== raced || attempt >= MAX_ATTEMPTS) throw err;
        await this.loadStored(partner);
      }
    }
  }

  private async register(
    actor: Actor,
    partner: string,
    keys: KeyRecord[],
    now: Date,
    raced: GatewayError,
  ): Promise<LearnedKey[]> {
    const entries = keys.map((k) =>
      makeEntry(now, actor, {
        event: 'key.registered',
        fiu: partner,
        kid: k.jwk.kid,
        use: k.use,
        notBefore: k.notBefore,
        notAfter: k.notAfter,
      }),
    );
    const { value } = await this.d.sequencer.append({
      entries,
      work: async (tx, indexes) => {
        // Under the write lock: a key stored by another replica since we looked rolls all this back.
        const stored = new Set((await tx.keysOf(partner)).map((k) => k.record.jwk.kid));
        if (keys.some((k) => stored.has(k.jwk.kid))) throw raced;
        await tx.registerKeys(keys);
        return indexes;
      },
    });
    const added = await this.d.ring.addPartnerKeys(partner, keys);
    if (added.length !== keys.length) {
      throw new GatewayError('internal.unexpected', `keys of ${partner} were registered twice`);
    }
    return keys.map((record, i) => ({ record, ledgerIndex: value[i]! }));
  }
}
