/**
 * Learning partners' rotated keys: fetch a partner's key set (peer RPC GetKeys), verify it with a
 * signing key already registered for that partner (never with a key from the set), then register the
 * keys not known before, in the store and in the live key ring, with one `key.registered` ledger entry
 * each, in one transaction.
 */
import { Serial } from './serial.js';
import { verifyKeySet, type KeyRecord, type KeyRing } from '../crypto/index.js';
import { GatewayError, isGatewayError } from '../errors.js';
import { makeEntry, type Actor } from '../ledger/index.js';
import type { Logger } from '../log.js';
import { requireRole, type Operator } from './authorize.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PartnerDirectory } from './partners.js';

/** How a partner's key set is fetched (the peer client in production). */
export interface KeySetPeer {
  getKeys(partner: string, address: string): Promise<string>;
}

export interface PartnerKeysDeps {
  ring: KeyRing;
  sequencer: LedgerSequencer;
  partners: PartnerDirectory;
  peer: KeySetPeer;
  clock: () => Date;
  log: Logger;
}

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

  /** Fetches, verifies and registers the key set of one partner. */
  async refreshOne(actor: Actor, partner: string): Promise<PartnerRefresh> {
    let learned: LearnedKey[];
    let keysInSet: number;
    try {
      const jws = await this.d.peer.getKeys(partner, this.d.partners.address(partner));
      const now = this.d.clock();
      const set = await verifyKeySet(jws, this.d.ring, partner, now);
      keysInSet = set.keys.length;
      const fresh = await this.d.ring.unknownPartnerKeys(partner, set.keys);
      learned = fresh.length === 0 ? [] : await this.register(actor, partner, fresh, now);
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

  private async register(actor: Actor, partner: string, keys: KeyRecord[], now: Date): Promise<LearnedKey[]> {
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
