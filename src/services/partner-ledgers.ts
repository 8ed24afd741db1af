/**
 * Cross-checking partners' ledgers. Every receipt carries the partner's latest checkpoint; we verify
 * it with the partner's registered ledger key, and check it against the last checkpoint we saw from
 * that partner: same size, same root; different sizes, a consistency proof that the partner must give
 * (peer RPC). A partner that shows two different histories (a fork, or a rollback to a tree that is
 * not a prefix of what it showed before) raises an alarm: a `partner.alarm` ledger entry, an error in
 * the log, and a result the operator sees.
 */
import { KeyedSerial } from './serial.js';
import { publicKeyObject, ledgerOrigin, type KeyRecord, type KeyRing } from '../crypto/index.js';
import { GatewayError, isGatewayError } from '../errors.js';
import {
  leafHash,
  makeEntry,
  parseCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type Checkpoint,
  type LedgerEntry,
} from '../ledger/index.js';
import type { Logger } from '../log.js';
import type { PartnerCheckpointRow, Store } from '../store/index.js';
import type { LedgerSequencer } from './ledger-sequencer.js';
import type { PartnerDirectory } from './partners.js';

/** What we ask a partner's gateway about its ledger (the peer client in production). */
export interface LedgerPeer {
  consistencyProof(partner: string, address: string, size1: number, size2: number): Promise<Buffer[]>;
  inclusionProof(
    partner: string,
    address: string,
    digest: string,
  ): Promise<{ index: number; leaf: Buffer; treeSize: number; proof: Buffer[]; checkpoint: string }>;
}

/** What a partner proved about a message both sides hold. */
export interface PartnerInclusion {
  index: number;
  treeSize: number;
  alarm: LedgerAlarm | null;
}

/** A detected misbehaviour of a partner's ledger. */
export interface LedgerAlarm {
  partner: string;
  reason: string;
  detail: string;
}

export interface PartnerLedgersDeps {
  store: Store;
  ring: KeyRing;
  sequencer: LedgerSequencer;
  partners: PartnerDirectory;
  peer: LedgerPeer;
  clock: () => Date;
  log: Logger;
}

export class PartnerLedgers {
  /** The cross-check running per partner (see {@link crossCheck}). */
  private readonly checking = new KeyedSerial();
  /**
   * The last checkpoint verified per partner (read from the store once, then kept here as each newer
   * one is accepted): with many receipts in flight, most carry the checkpoint already checked, and
   * comparing them needs neither a read nor a write.
   */
  private readonly verified = new Map<string, PartnerCheckpointRow | null>();
  /** Per partner, the last note whose signature was verified here, and the ledger keys it was verified with. */
  private readonly signed = new Map<string, { note: string; keys: KeyRecord[] }>();

  constructor(private readonly d: PartnerLedgersDeps) {}

  /** Verifies a partner's signed checkpoint with its registered ledger keys (`ledger.bad_checkpoint`). */
  verifyNote(partner: string, note: string): Checkpoint {
    const name = ledgerOrigin(partner);
    const keys = this.d.ring.partnerLedgerKeys(partner).map((k) => ({ name, publicKey: publicKeyObject(k) }));
    if (keys.length === 0)
      throw new GatewayError('ledger.bad_checkpoint', `no registered ledger key of ${partner}`);
    return parseCheckpoint(note, keys);
  }

  /**
   * Checks the checkpoint a partner's receipt carries (covering its entry `about.index`) against what
   * we saw before. Resolves to null when all is well, or to the alarm that was raised.
   */
  async crossCheck(partner: string, note: string, about: { index: number }): Promise<LedgerAlarm | null> {
    const { alarm, accepted } = await this.check(partner, note, about);
    if (alarm) await this.d.sequencer.append({ entries: [this.alarmEntry(alarm)] });
    if (accepted)
      await this.d.sequencer.append({ entries: [], work: (tx) => tx.putPartnerCheckpoint(accepted) });
    return alarm;
  }

  /**
   * The check of {@link crossCheck}, leaving the caller to record the alarm (with {@link alarmEntry})
   * and to store the checkpoint it accepted (`accepted`: a larger tree than the last one, proven
   * consistent with it), e.g. in the commit of the receipt that carried it. From here on, later checks
   * compare with `accepted`.
   */
  check(
    partner: string,
    note: string,
    about: { index: number },
  ): Promise<{ alarm: LedgerAlarm | null; accepted: PartnerCheckpointRow | null }> {
    // One check per partner at a time: receipts of one batch carry the same checkpoint, so after the
    // first accepted it, the others compare equal without a proof or a write.
    return this.checking.run(partner, () => this.checkNow(partner, note, about));
  }

  private async checkNow(
    partner: string,
    note: string,
    about: { index: number },
  ): Promise<{ alarm: LedgerAlarm | null; accepted: PartnerCheckpointRow | null }> {
    const alarm = (reason: string, detail: string) => ({
      alarm: { partner, reason, detail },
      accepted: null,
    });
    try {
      const seen = await this.lastVerified(partner);
      if (seen && note === seen.note && this.signedWithSameKeys(partner, note)) {
        // The very note accepted last, its signature verified here with the keys still registered:
        // verifying it again, or comparing it with itself, would find nothing new.
        if (seen.size <= about.index) return alarm('checkpoint_too_small', tooSmall(seen.size, about.index));
        return { alarm: null, accepted: null };
      }
      const cp = this.verifyNote(partner, note);
      this.signed.set(partner, { note, keys: this.d.ring.partnerLedgerKeys(partner) });
      if (cp.size <= about.index) {
        return alarm('checkpoint_too_small', tooSmall(cp.size, about.index));
      }
      const root = cp.root.toString('base64url');
      if (seen) {
        const problem = await this.compare(partner, seen, cp);
        if (problem) return alarm('fork', problem);
      }
      if (seen && cp.size <= seen.size) return { alarm: null, accepted: null };
      const row = { partner, size: cp.size, root, note, seenAt: this.d.clock().toISOString() };
      // Proven consistent with the last one: later checks compare with it, stored or not yet.
      this.verified.set(partner, row);
      return { alarm: null, accepted: row };
    } catch (err) {
      if (isGatewayError(err, 'ledger.bad_checkpoint')) return alarm('bad_checkpoint', err.message);
      throw err;
    }
  }

  /** True when `note` is the last note verified here, with the ledger keys of `partner` registered now. */
  private signedWithSameKeys(partner: string, note: string): boolean {
    const last = this.signed.get(partner);
    if (!last || last.note !== note) return false;
    const now = this.d.ring.partnerLedgerKeys(partner);
    return now.length === last.keys.length && now.every((k, i) => k === last.keys[i]);
  }

  private async lastVerified(partner: string): Promise<PartnerCheckpointRow | null> {
    const known = this.verified.get(partner);
    if (known !== undefined) return known;
    const stored = await this.d.store.latestPartnerCheckpoint(partner);
    this.verified.set(partner, stored);
    return stored;
  }

  /**
   * Asks a partner to prove that its ledger records the message with `digest` (one exchanged between
   * us): verifies its signed checkpoint, that the entry names the digest, the inclusion proof, and
   * cross-checks the checkpoint with what the partner showed before.
   */
  async verifyDigestInclusion(partner: string, digest: string): Promise<PartnerInclusion> {
    const r = await this.d.peer.inclusionProof(partner, this.d.partners.address(partner), digest);
    const cp = this.verifyNote(partner, r.checkpoint);
    if (cp.size !== r.treeSize) {
      throw new GatewayError(
        'ledger.invalid_proof',
        `proof for size ${r.treeSize}, checkpoint of size ${cp.size}`,
      );
    }
    let entry: { message?: { digest?: unknown } };
    try {
      entry = JSON.parse(r.leaf.toString('utf8')) as typeof entry;
    } catch (err) {
      throw new GatewayError('ledger.invalid_proof', 'the partner entry is not JSON', { cause: err });
    }
    if (entry.message?.digest !== digest) {
      throw new GatewayError(
        'ledger.invalid_proof',
        `the partner entry ${r.index} does not record digest ${digest}`,
      );
    }
    verifyInclusion(leafHash(r.leaf), r.index, r.treeSize, r.proof, cp.root);
    const alarm = await this.crossCheck(partner, r.checkpoint, { index: r.index });
    return { index: r.index, treeSize: r.treeSize, alarm };
  }

  /** Null when `cp` and the checkpoint seen before describe one history; else what is wrong. */
  private async compare(partner: string, seen: PartnerCheckpointRow, cp: Checkpoint): Promise<string | null> {
    const seenRoot = Buffer.from(seen.root, 'base64url');
    if (seen.size === cp.size) {
      return seenRoot.equals(cp.root) ? null : `two different roots for size ${cp.size}`;
    }
    const [small, big] =
      seen.size < cp.size
        ? [{ size: seen.size, root: seenRoot }, cp]
        : [cp, { size: seen.size, root: seenRoot }];
    let proof: Buffer[];
    try {
      proof = await this.d.peer.consistencyProof(
        partner,
        this.d.partners.address(partner),
        small.size,
        big.size,
      );
    } catch (err) {
      // Only an unreachable partner is asked again later. An honest partner can always prove sizes it
      // has signed, so any refusal (bad sizes, not served, not allowed) is treated as a rollback.
      if (isGatewayError(err, 'transport.partner_unreachable')) throw err;
      return `refused to prove its tree of size ${small.size} -> ${big.size}: ${err instanceof Error ? err.message : String(err)}`;
    }
    try {
      verifyConsistency(small.size, big.size, proof, small.root, big.root);
      return null;
    } catch (err) {
      if (isGatewayError(err, 'ledger.invalid_proof')) {
        return `the tree of size ${small.size} is not a prefix of the tree of size ${big.size} (${err.message})`;
      }
      throw err;
    }
  }

  /** The `partner.alarm` entry of `alarm`, to append; logs the alarm as an error. */
  alarmEntry({ partner, reason, detail }: LedgerAlarm): LedgerEntry {
    this.d.log.error('ALARM: partner ledger inconsistent', { partner, reason, detail });
    return makeEntry(this.d.clock(), { kind: 'system' }, { event: 'partner.alarm', partner, reason });
  }
}

function tooSmall(size: number, index: number): string {
  return `checkpoint of size ${size} does not cover entry ${index}`;
}
