import { sign, verify } from 'node:crypto';
import { expect } from 'chai';
import {
  checkKeyRecord,
  generateKeyRecord,
  keyRecordSchema,
  ledgerOrigin,
  privateKeyObject,
  publicKeyObject,
  type KeyRecord,
} from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { NOW } from '../../helpers/keys.js';

const DAY = 24 * 3600 * 1000;
const FROM = new Date(NOW.getTime() - DAY);
const TO = new Date(NOW.getTime() + DAY);

describe('message and ledger keys', () => {
  describe('generateKeyRecord', () => {
    it('makes an Ed25519 ledger key, alg EdDSA, without a JWK use', async () => {
      const k = await generateKeyRecord('FIU-A', 'ledger', FROM, TO);
      expect(k.public).to.deep.include({ fiu: 'FIU-A', use: 'ledger' });
      expect(k.public.jwk).to.include({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
      expect(k.public.jwk).not.to.have.property('use');
      expect(k.public.jwk).not.to.have.property('d');
      expect(k.private.jwk.d).to.be.a('string');
      expect(await checkKeyRecord(k.private, 'ledger')).to.deep.equal(k.private);
      expect(await checkKeyRecord(k.public, 'ledger')).to.deep.equal(k.public);
    });

    it('signs with the ledger key and verifies with its public record', async () => {
      const k = await generateKeyRecord('FIU-A', 'ledger', FROM, TO);
      const text = Buffer.from('fiu-gateway/FIU-A\n1\nAAAA\n');
      const signature = sign(null, text, privateKeyObject(k.private));
      expect(verify(null, text, publicKeyObject(k.public), signature)).to.equal(true);
    });

    it('keeps the JWK use of signing and encryption keys', async () => {
      const sig = await generateKeyRecord('FIU-A', 'sig', FROM, TO);
      const enc = await generateKeyRecord('FIU-A', 'enc', FROM, TO);
      expect(sig.public.jwk).to.include({ crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(enc.public.jwk).to.include({ crv: 'X25519', alg: 'ECDH-ES+A256KW', use: 'enc' });
    });
  });

  describe('keyRecordSchema', () => {
    let ledger: KeyRecord;
    let enc: KeyRecord;
    before(async () => {
      ledger = (await generateKeyRecord('FIU-A', 'ledger', FROM, TO)).public;
      enc = (await generateKeyRecord('FIU-A', 'enc', FROM, TO)).public;
    });
    const firstIssue = (record: unknown) => {
      const r = keyRecordSchema.safeParse(record);
      expect(r.success, 'parsed').to.equal(false);
      const issue = r.error!.issues[0]!;
      return `${issue.path.join('.')}: ${issue.message}`;
    };

    it('refuses a ledger key that is not Ed25519', () => {
      expect(firstIssue({ ...enc, use: 'ledger', jwk: { ...enc.jwk, use: undefined } })).to.match(
        /^jwk\.crv: a sig or ledger key must be an Ed25519 JWK/,
      );
    });

    it('refuses a JWK use that is not the record use', () => {
      expect(firstIssue({ ...ledger, jwk: { ...ledger.jwk, use: 'sig' } })).to.match(/^jwk\.use: /);
      expect(firstIssue({ ...ledger, use: 'sig', jwk: { ...ledger.jwk, use: 'enc' } })).to.match(
        /^jwk\.use: /,
      );
    });

    it('refuses ledger as a JWK use (not an RFC 7517 value)', () => {
      expect(firstIssue({ ...ledger, jwk: { ...ledger.jwk, use: 'ledger' } })).to.match(/^jwk\.use: /);
    });

    it('refuses an unknown use', async () => {
      await expectCode(() => checkKeyRecord({ ...ledger, use: 'audit' }, 'x'), 'crypto.key_invalid');
    });
  });

  describe('ledgerOrigin', () => {
    it('names the ledger of an FIU gateway', () => {
      expect(ledgerOrigin('FIU-A')).to.equal('fiu-gateway/FIU-A');
    });
  });
});
