import { createPublicKey } from 'node:crypto';
import { expect } from 'chai';
import { checkNote, noteVerifier, openNote, signNote, type NoteCheck } from '../../../src/ledger/index.js';
import { keyFromSeed, testSigner, vkeyOf } from './audit-fixture.js';
import { expectGatewayError } from './expect-error.js';

// golang.org/x/mod/sumdb/note: the example of its documentation and tests (key "PeterNeumann").
const GO_SEED = Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64')
  .subarray(1)
  .toString('hex');
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const TEXT = 'fiu-gateway/FIU-A\n3\nx6jxYLt2pDpM0cmCLolRG+w/6kkAoCvANNX1W9Gwe9Q=\n';
const signer = testSigner();
const verifier = noteVerifier(vkeyOf(signer));
const other = testSigner('fiu-gateway/FIU-A', '00'.repeat(32));

/** A vkey's three parts (its base64 key may hold '+' itself). */
function vkeyParts(vkey: string): [name: string, id: string, key: string] {
  const [name, id] = vkey.split('+') as [string, string];
  return [name, id, vkey.slice(name.length + id.length + 2)];
}

/** Asserts that checking `note` with the test key fails for `reason`. */
function refused(note: string, reason: string, verifiers = [verifier]): NoteCheck {
  const result = checkNote(note, verifiers);
  expect(result.ok, JSON.stringify(result)).to.equal(false);
  if (!result.ok) expect(result.reason).to.equal(reason);
  return result;
}

describe('signed notes (C2SP signed-note)', () => {
  describe('against golang.org/x/mod/sumdb/note', () => {
    it('signs the Go example byte for byte', () => {
      expect(signNote(GO_TEXT, { name: 'PeterNeumann', privateKey: keyFromSeed(GO_SEED) })).to.equal(GO_NOTE);
    });

    it('derives the Go verifier key from the public key', () => {
      const publicKey = createPublicKey(keyFromSeed(GO_SEED));
      expect(noteVerifier({ name: 'PeterNeumann', publicKey }).vkey).to.equal(GO_VKEY);
    });

    it('opens the Go note with the Go verifier key', () => {
      const opened = openNote(GO_NOTE, [noteVerifier(GO_VKEY)]);
      expect(opened.text).to.equal(GO_TEXT);
      expect(opened.signedBy.map((v) => v.keyId)).to.deep.equal([0xc74f20a3]);
    });
  });

  describe('when the note is well formed and signed by a trusted key', () => {
    it('round-trips, the signature covering the text with its final newline', () => {
      const note = signNote(TEXT, signer);
      expect(note.startsWith(`${TEXT}\n— fiu-gateway/FIU-A `)).to.equal(true);
      expect(openNote(note, [verifier]).text).to.equal(TEXT);
    });

    it('ignores signatures of unknown keys, and repeats of a known one', () => {
      const both = signNote(TEXT, [other, signer]);
      const repeated = both + both.slice(both.lastIndexOf('—'));
      expect(checkNote(repeated, [verifier])).to.include({ ok: true });
    });

    it('splits at the last blank line, so the text may hold blank lines', () => {
      const text = 'first\n\nsecond\n';
      expect(openNote(signNote(text, signer), [verifier]).text).to.equal(text);
    });

    it('accepts an upper-case key ID in a verifier key, as Go does', () => {
      const [name, id, key] = vkeyParts(verifier.vkey);
      expect(key).to.include('+');
      expect(noteVerifier(`${name}+${id.toUpperCase()}+${key}`).keyId).to.equal(verifier.keyId);
    });
  });

  describe('when the note is refused', () => {
    const note = signNote(TEXT, signer);
    const [text, line] = [note.slice(0, TEXT.length), note.slice(TEXT.length + 1)];

    it('refuses a bad signature', () => {
      const forged = note.replace('\n3\n', '\n4\n');
      expect(refused(forged, 'bad_signature'))
        .to.have.property('detail')
        .that.match(/does not verify/);
    });

    it('refuses a signature made by another key under the same name and key ID', () => {
      const theirs = signNote(TEXT, other);
      const sig = Buffer.from(theirs.slice(theirs.lastIndexOf(' ') + 1, -1), 'base64');
      sig.writeUInt32BE(verifier.keyId);
      refused(`${TEXT}\n— fiu-gateway/FIU-A ${sig.toString('base64')}\n`, 'bad_signature');
    });

    it('ignores a signature under another key name, leaving no trusted one', () => {
      refused(`${text}\n${line.replace('FIU-A ', 'FIU-B ')}`, 'unknown_key');
    });

    it('ignores a signature with another key ID, leaving no trusted one', () => {
      const sig = Buffer.from(line.slice(line.lastIndexOf(' ') + 1, -1), 'base64');
      sig[0] ^= 0xff;
      refused(`${text}\n— fiu-gateway/FIU-A ${sig.toString('base64')}\n`, 'unknown_key');
    });

    it('refuses a note signed by an untrusted key only', () => {
      const result = refused(signNote(TEXT, other), 'unknown_key');
      expect(result)
        .to.have.property('detail')
        .that.match(/not signed by a trusted key/);
    });

    const malformed: Array<[string, string]> = [
      ['no blank line before the signatures', `${text}${line}`],
      ['no final newline', note.slice(0, -1)],
      ['an extra line after the signatures', `${note}not a signature\n`],
      ['a blank line after the signatures', `${note}\n`],
      ['no signature line', `${text}\n`],
      ['an ASCII hyphen for the em dash', `${text}\n${line.replace('—', '-')}`],
      ['two hyphens for the em dash', `${text}\n${line.replace('—', '--')}`],
      ['an en dash for the em dash', `${text}\n${line.replace('—', '–')}`],
      ['no space after the em dash', `${text}\n${line.replace('— ', '—')}`],
      ['no signature after the name', `${text}\n— fiu-gateway/FIU-A\n`],
      ['a signature that is not base64', `${text}\n${line.replace(/ [^ ]+\n$/, ' %%%%\n')}`],
      ['a signature of only 4 bytes', `${text}\n— fiu-gateway/FIU-A AAAAAA==\n`],
      ['a carriage return', note.replace('\n3\n', '\r\n3\n')],
      ['a tab', `fiu-gateway/FIU-A\t\n${note.slice(TEXT.indexOf('\n'))}`],
      ['a lone surrogate', `\ud800${note}`],
      ['101 signature lines', `${text}\n${line.repeat(101)}`],
    ];
    for (const [what, bad] of malformed) {
      it(`refuses a note with ${what} as malformed`, () => {
        refused(bad, 'malformed');
      });
    }

    it('accepts 100 signature lines (Go’s limit)', () => {
      expect(checkNote(`${text}\n${line.repeat(100)}`, [verifier])).to.include({ ok: true });
    });

    it('throws ledger.bad_note from openNote, with the reason', () => {
      expectGatewayError(() => openNote(signNote(TEXT, other), [verifier]), 'ledger.bad_note', /unknown_key/);
    });
  });

  describe('signNote', () => {
    const cases: Array<[string, () => unknown, RegExp]> = [
      ['a text without a final newline', () => signNote('abc', signer), /newline/],
      ['a text with a control character', () => signNote('a\u0007\n', signer), /control character U\+0007/],
      ['a key name with a space', () => signNote(TEXT, { ...signer, name: 'fiu gateway' }), /valid key name/],
      ['a key name with a plus', () => signNote(TEXT, { ...signer, name: 'fiu+gateway' }), /valid key name/],
      ['an empty key name', () => signNote(TEXT, { ...signer, name: '' }), /valid key name/],
      ['no signer', () => signNote(TEXT, []), /at least one signer/],
      [
        'a public key',
        () => signNote(TEXT, { name: 'x', privateKey: createPublicKey(signer.privateKey) }),
        /private key/,
      ],
    ];
    for (const [what, fn, message] of cases) {
      it(`refuses ${what}`, () => {
        expectGatewayError(fn, 'ledger.bad_input', message);
      });
    }
  });

  describe('noteVerifier', () => {
    const [name, id, key] = vkeyParts(verifier.vkey);
    const typed = Buffer.from(key, 'base64');
    const bad: Array<[string, string]> = [
      ['no separators', 'fiu-gateway/FIU-A'],
      ['an empty name', `+${id}+${key}`],
      ['a key ID of 7 digits', `${name}+${id.slice(1)}+${key}`],
      ['a wrong key ID', `${name}+00000000+${key}`],
      ['a key that is not base64', `${name}+${id}+${key.slice(1)}`],
      [
        'another signature type',
        `${name}+${id}+${Buffer.concat([Buffer.of(2), typed.subarray(1)]).toString('base64')}`,
      ],
      ['a short key', `${name}+${id}+${typed.subarray(0, 32).toString('base64')}`],
      ['a name that differs from the one hashed', `fiu-gateway/FIU-B+${id}+${key}`],
    ];
    for (const [what, vkey] of bad) {
      it(`refuses a verifier key with ${what}`, () => {
        expectGatewayError(() => noteVerifier(vkey), 'ledger.bad_input', /verifier key|valid key name/);
      });
    }

    it('accepts the same key unchanged', () => {
      expect(noteVerifier(`${name}+${id}+${key}`).vkey).to.equal(verifier.vkey);
    });

    it('refuses a key that is not Ed25519', () => {
      const x25519 = createPublicKey({
        key: { kty: 'OKP', crv: 'X25519', x: Buffer.alloc(32, 9).toString('base64url') },
        format: 'jwk',
      });
      expectGatewayError(() => noteVerifier({ name, publicKey: x25519 }), 'ledger.bad_input', /Ed25519/);
    });
  });
});
