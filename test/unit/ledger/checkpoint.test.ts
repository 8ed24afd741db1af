import { createPublicKey } from 'node:crypto';
import { expect } from 'chai';
import {
  checkCheckpoint,
  checkpointText,
  claimedCheckpointSize,
  parseCheckpoint,
  signCheckpoint,
  signNote,
} from '../../../src/ledger/index.js';
import { ORIGIN, TEST_PUBLIC_HEX, exampleEntries, rootOf, testSigner, vkeyOf } from './audit-fixture.js';
import { expectGatewayError } from './expect-error.js';

// The worked example of docs/AUDIT.md: the RFC 8032 TEST 1 key, the three example entries.
const VKEY = 'fiu-gateway/FIU-A+5d54cb36+AddamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea';
const ROOT_3 = 'x6jxYLt2pDpM0cmCLolRG+w/6kkAoCvANNX1W9Gwe9Q=';
const NOTE_3 =
  'fiu-gateway/FIU-A\n3\nx6jxYLt2pDpM0cmCLolRG+w/6kkAoCvANNX1W9Gwe9Q=\n\n' +
  '— fiu-gateway/FIU-A XVTLNvBnzFXc/ZNJbKQ5kRCxw0bqGzsYcnTET8MYcVEntvnaoJWaLpXPEx9UGJivAitXTPa+XlOjlYInQTpz7H0m9Q4=\n';

const signer = testSigner();
const other = testSigner(ORIGIN, '11'.repeat(32));
const root = rootOf(exampleEntries());

/** Signs an arbitrary note text with the test key (to make malformed checkpoints). */
const signed = (text: string, key = signer) => signNote(text, key);

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  describe('the known answer', () => {
    it('uses the RFC 8032 TEST 1 key, whose vkey is fixed', () => {
      const publicKey = Buffer.from(
        createPublicKey(signer.privateKey).export({ format: 'jwk' }).x!,
        'base64url',
      );
      expect(publicKey.toString('hex')).to.equal(TEST_PUBLIC_HEX);
      expect(vkeyOf(signer)).to.equal(VKEY);
    });

    it('signs the three example entries into the fixed note', () => {
      expect(root.toString('base64')).to.equal(ROOT_3);
      expect(signCheckpoint({ origin: ORIGIN, size: 3, root }, signer)).to.equal(NOTE_3);
    });

    it('reads the fixed note back with the vkey alone', () => {
      const checkpoint = parseCheckpoint(NOTE_3, VKEY);
      expect(checkpoint).to.deep.equal({ origin: ORIGIN, size: 3, root });
    });
  });

  describe('checkpointText', () => {
    it('is the origin, the decimal size and the base64 root, each ending in a newline', () => {
      expect(checkpointText({ origin: ORIGIN, size: 0, root: Buffer.alloc(32) })).to.equal(
        `${ORIGIN}\n0\n${'A'.repeat(43)}=\n`,
      );
    });

    const bad: Array<[string, () => unknown]> = [
      ['an origin with a space', () => checkpointText({ origin: 'fiu gateway', size: 1, root })],
      ['an origin with a newline', () => checkpointText({ origin: 'a\nb', size: 1, root })],
      ['a negative size', () => checkpointText({ origin: ORIGIN, size: -1, root })],
      ['a fractional size', () => checkpointText({ origin: ORIGIN, size: 1.5, root })],
      ['a 31-byte root', () => checkpointText({ origin: ORIGIN, size: 1, root: Buffer.alloc(31) })],
      [
        'a key named other than the origin',
        () => signCheckpoint({ origin: 'fiu-gateway/FIU-B', size: 1, root }, signer),
      ],
    ];
    for (const [what, fn] of bad) {
      it(`refuses ${what}`, () => {
        expectGatewayError(fn, 'ledger.bad_input');
      });
    }
  });

  describe('parseCheckpoint', () => {
    const note = signCheckpoint({ origin: ORIGIN, size: 3, root }, signer);

    it('accepts the key as a vkey, a named public key, or a list of keys (rotation)', () => {
      const publicKey = createPublicKey(signer.privateKey);
      expect(parseCheckpoint(note, { name: ORIGIN, publicKey }).size).to.equal(3);
      expect(parseCheckpoint(note, [vkeyOf(other), VKEY]).size).to.equal(3);
      const older = signCheckpoint({ origin: ORIGIN, size: 2, root: rootOf(exampleEntries(), 2) }, other);
      expect(parseCheckpoint(older, [VKEY, vkeyOf(other)]).size).to.equal(2);
    });

    it('accepts a checkpoint of the empty tree', () => {
      const empty = signCheckpoint({ origin: ORIGIN, size: 0, root: rootOf([]) }, signer);
      expect(parseCheckpoint(empty, VKEY).size).to.equal(0);
    });

    const refusals: Array<[string, string, string]> = [
      ['a note by another key', signCheckpoint({ origin: ORIGIN, size: 3, root }, other), 'unknown_key'],
      ['a changed size', note.replace('\n3\n', '\n4\n'), 'bad_signature'],
      ['a changed root', note.replace('x6jx', 'x6jX'), 'bad_signature'],
      ['an origin other than the key name', signed(`fiu-gateway/FIU-B\n3\n${ROOT_3}\n`), 'origin_mismatch'],
      ['an extension line', signed(`${ORIGIN}\n3\n${ROOT_3}\nextension\n`), 'malformed'],
      ['only two lines', signed(`${ORIGIN}\n3\n`), 'malformed'],
      ['a size with a leading zero', signed(`${ORIGIN}\n03\n${ROOT_3}\n`), 'malformed'],
      ['a negative size', signed(`${ORIGIN}\n-3\n${ROOT_3}\n`), 'malformed'],
      ['a size beyond 2^53 - 1', signed(`${ORIGIN}\n9007199254740992\n${ROOT_3}\n`), 'malformed'],
      ['a root of 31 bytes', signed(`${ORIGIN}\n3\n${Buffer.alloc(31).toString('base64')}\n`), 'malformed'],
      ['a root in base64url', signed(`${ORIGIN}\n3\n${root.toString('base64url')}\n`), 'malformed'],
      ['an empty origin line', signed(`\n3\n${ROOT_3}\n`), 'malformed'],
      ['a text that is not a note', `${ORIGIN}\n3\n${ROOT_3}\n`, 'malformed'],
    ];
    for (const [what, bad, reason] of refusals) {
      it(`refuses ${what} (${reason})`, () => {
        const result = checkCheckpoint(bad, VKEY);
        expect(result).to.include({ ok: false, reason });
        expectGatewayError(() => parseCheckpoint(bad, VKEY), 'ledger.bad_checkpoint', new RegExp(reason));
      });
    }

    it('throws ledger.bad_input for a malformed trusted key', () => {
      expectGatewayError(() => parseCheckpoint(note, 'not a vkey'), 'ledger.bad_input');
    });
  });

  describe('claimedCheckpointSize', () => {
    it('reads the size line without verifying anything', () => {
      expect(claimedCheckpointSize(NOTE_3)).to.equal(3);
      expect(claimedCheckpointSize('origin\nx\n')).to.equal(undefined);
      expect(claimedCheckpointSize('no newline')).to.equal(undefined);
    });
  });
});
