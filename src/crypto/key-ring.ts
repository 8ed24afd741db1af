/**
 * The keys one gateway works with: its own private keys and its partners' public keys, of three uses
 * (message signing `sig`, message encryption `enc`, audit-ledger checkpoint signing `ledger`). Lookups
 * by `kid` only ever select among registered keys (a `kid` from a peer is attacker-controlled), and
 * always check that the key found belongs to the expected FIU and use: a ledger key is never returned
 * as a signing key, nor a signing key as a ledger key.
 */
import { createPublicKey } from 'node:crypto';
import { FIU_ID } from '../config.js';
import { GatewayError } from '../errors.js';
import type { KeyRecord, KeyUse } from './key-file.js';
import { checkKeyRecord, isKeyValidAt, privateKeyObject } from './keys.js';

/** How errors name a key use. */
const USE_NAMES: Record<KeyUse, string> = { sig: 'signing', enc: 'encryption', ledger: 'ledger' };

/** The newest key (latest `notBefore`, then latest `notAfter`, then kid) of `keys` valid at `at`. */
function newestValid(keys: readonly KeyRecord[], at: Date): KeyRecord | undefined {
  let best: KeyRecord | undefined;
  for (const k of keys) {
    if (!isKeyValidAt(k, at)) continue;
    if (!best || compareNewness(k, best) > 0) best = k;
  }
  return best;
}

function compareNewness(a: KeyRecord, b: KeyRecord): number {
  return (
    Date.parse(a.notBefore) - Date.parse(b.notBefore) ||
    Date.parse(a.notAfter) - Date.parse(b.notAfter) ||
    (a.jwk.kid < b.jwk.kid ? -1 : a.jwk.kid > b.jwk.kid ? 1 : 0)
  );
}

/** The public part of a key record (without `d`). */
function publicPart(k: KeyRecord): KeyRecord {
  const { d: _d, ...jwk } = k.jwk;
  return { ...k, jwk };
}

/** True when two records hold the same key, owner, use and window. */
function sameRecord(a: KeyRecord, b: KeyRecord): boolean {
  return (
    a.fiu === b.fiu &&
    a.use === b.use &&
    a.jwk.x === b.jwk.x &&
    a.jwk.crv === b.jwk.crv &&
    Date.parse(a.notBefore) === Date.parse(b.notBefore) &&
    Date.parse(a.notAfter) === Date.parse(b.notAfter)
  );
}

/** The gateway's own keys and its partners' keys, checked once when the ring is built. */
export class KeyRing {
  private readonly byKid = new Map<string, KeyRecord>();

  private constructor(
    /** This gateway's FIU id. */
    readonly self: string,
    private readonly own: readonly KeyRecord[],
    private readonly partners: KeyRecord[],
  ) {
    for (const k of [...own, ...partners]) this.byKid.set(k.jwk.kid, k);
  }

  /**
   * Builds a ring. Every record is checked with {@link checkKeyRecord} (shape, kid = thumbprint); own
   * keys must belong to `self` and hold a private part matching the public one; partner keys must be
   * public and belong to another FIU; a kid may appear only once (so one key pair cannot serve as both
   * a signing and a ledger key). Keys of any use may be given; none is required here: a lookup of a
   * use without a valid key throws `crypto.no_valid_key` when it is made.
   *
   * @throws GatewayError `crypto.key_invalid` naming the bad key (by position and kid).
   */
  static async create(
    self: string,
    own: readonly KeyRecord[],
    partners: readonly KeyRecord[],
  ): Promise<KeyRing> {
    if (!FIU_ID.safeParse(self).success) {
      throw new GatewayError('crypto.key_invalid', `key ring: ${self} is not an FIU id`);
    }
    const ownChecked: KeyRecord[] = [];
    for (const [i, raw] of own.entries()) {
      const k = await checkKeyRecord(raw, `own key ${i}`);
      const where = `own key ${i} (${k.jwk.kid})`;
      if (k.fiu !== self)
        throw new GatewayError('crypto.key_invalid', `${where}: belongs to ${k.fiu}, not ${self}`);
      if (!k.jwk.d) throw new GatewayError('crypto.key_invalid', `${where}: has no private part`);
      const x = createPublicKey(privateKeyObject(k)).export({ format: 'jwk' }).x;
      if (x !== k.jwk.x)
        throw new GatewayError('crypto.key_invalid', `${where}: private part does not match x`);
      ownChecked.push(k);
    }
    const partnerChecked: KeyRecord[] = [];
    for (const [i, raw] of partners.entries()) {
      const k = await checkKeyRecord(raw, `partner key ${i}`);
      const where = `partner key ${i} (${k.jwk.kid})`;
      if (k.fiu === self)
        throw new GatewayError('crypto.key_invalid', `${where}: belongs to this gateway's FIU`);
      if (k.jwk.d !== undefined) {
        throw new GatewayError('crypto.key_invalid', `${where}: a partner key must be public (it has d)`);
      }
      partnerChecked.push(k);
    }
    const seen = new Set<string>();
    for (const k of [...ownChecked, ...partnerChecked]) {
      if (seen.has(k.jwk.kid))
        throw new GatewayError('crypto.key_invalid', `key ${k.jwk.kid} is listed twice`);
      seen.add(k.jwk.kid);
    }
    return new KeyRing(self, ownChecked, [...partnerChecked]);
  }

  /**
   * Own newest signing key valid at `at` (private).
   *
   * @throws GatewayError `crypto.no_valid_key`.
   */
  signingKey(at: Date): KeyRecord {
    return this.ownNewest('sig', at);
  }

  /**
   * Own newest encryption key valid at `at` (private).
   *
   * @throws GatewayError `crypto.no_valid_key`.
   */
  encryptionKey(at: Date): KeyRecord {
    return this.ownNewest('enc', at);
  }

  /**
   * Own newest ledger key valid at `at` (private): the key that signs this gateway's audit-ledger
   * checkpoints, under the key name `ledgerOrigin(self)`.
   *
   * @throws GatewayError `crypto.no_valid_key`.
   */
  ledgerKey(at: Date): KeyRecord {
    return this.ownNewest('ledger', at);
  }

  /**
   * Every registered ledger key of partner `fiu` (public), whatever its validity, in registration
   * order: the keys its checkpoints may be verified with. Empty when there is none (or `fiu` is this
   * gateway or unknown).
   */
  partnerLedgerKeys(fiu: string): KeyRecord[] {
    return this.partners.filter((k) => k.fiu === fiu && k.use === 'ledger');
  }

  /**
   * The newest encryption key of partner `fiu` valid at `at` (public): the key a sender encrypts to.
   *
   * @throws GatewayError `crypto.no_valid_key`.
   */
  partnerEncryptionKey(fiu: string, at: Date): KeyRecord {
    const key = newestValid(
      this.partners.filter((k) => k.fiu === fiu && k.use === 'enc'),
      at,
    );
    if (!key) {
      throw new GatewayError(
        'crypto.no_valid_key',
        `no encryption key of ${fiu} is valid at ${at.toISOString()}`,
      );
    }
    return key;
  }

  /** Own encryption key (private) with this kid, whatever its validity; undefined when there is none. */
  findOwnEncryptionKey(kid: string): KeyRecord | undefined {
    const k = this.byKid.get(kid);
    return k && k.fiu === this.self && k.use === 'enc' ? k : undefined;
  }

  /** One of this gateway's own keys of this use and kid, whatever its validity. */
  findOwnKey(use: KeyUse, kid: string): KeyRecord | undefined {
    const k = this.byKid.get(kid);
    return k && k.fiu === this.self && k.use === use ? k : undefined;
  }

  /** A partner's public key of this FIU, use and kid, whatever its validity; undefined when there is none. */
  findPartnerKey(fiu: string, use: KeyUse, kid: string): KeyRecord | undefined {
    const k = this.byKid.get(kid);
    return k && k.fiu === fiu && k.fiu !== this.self && k.use === use ? k : undefined;
  }

  /**
   * The keys among `keys` (public keys of partner `fiu`, e.g. from a verified key set) that this ring
   * does not know yet, each checked as in {@link create}. A key already known with the same content is
   * left out; a kid known with other content (or as another FIU's key) is refused. Changes nothing.
   *
   * @throws GatewayError `crypto.key_invalid`.
   */
  async unknownPartnerKeys(fiu: string, keys: readonly KeyRecord[]): Promise<KeyRecord[]> {
    const fresh: KeyRecord[] = [];
    const seen = new Set<string>();
    for (const [i, raw] of keys.entries()) {
      const k = await checkKeyRecord(raw, `${fiu} key ${i}`);
      const where = `${fiu} key ${i} (${k.jwk.kid})`;
      if (k.fiu !== fiu || fiu === this.self)
        throw new GatewayError('crypto.key_invalid', `${where}: belongs to ${k.fiu}, not partner ${fiu}`);
      if (k.jwk.d !== undefined)
        throw new GatewayError('crypto.key_invalid', `${where}: a partner key must be public (it has d)`);
      const known = this.byKid.get(k.jwk.kid);
      if (known) {
        if (!sameRecord(known, k))
          throw new GatewayError('crypto.key_invalid', `${where}: kid already known with other content`);
        continue;
      }
      if (seen.has(k.jwk.kid)) continue;
      seen.add(k.jwk.kid);
      fresh.push(k);
    }
    return fresh;
  }

  /**
   * Adds public keys of partner `fiu` learned after start-up; only those {@link unknownPartnerKeys}
   * returns are added. Returns the keys added.
   *
   * @throws GatewayError `crypto.key_invalid`.
   */
  async addPartnerKeys(fiu: string, keys: readonly KeyRecord[]): Promise<KeyRecord[]> {
    const added = await this.unknownPartnerKeys(fiu, keys);
    for (const k of added) {
      this.partners.push(k);
      this.byKid.set(k.jwk.kid, k);
    }
    return added;
  }

  /** Own keys, with their private parts. */
  ownKeys(): readonly KeyRecord[] {
    return this.own;
  }

  /** Own keys without their private parts: what partners register. */
  ownPublicKeys(): KeyRecord[] {
    return this.own.map(publicPart);
  }

  private ownNewest(use: KeyUse, at: Date): KeyRecord {
    const key = newestValid(
      this.own.filter((k) => k.use === use),
      at,
    );
    if (!key) {
      const what = USE_NAMES[use];
      throw new GatewayError(
        'crypto.no_valid_key',
        `no own ${what} key of ${this.self} is valid at ${at.toISOString()}`,
      );
    }
    return key;
  }
}
