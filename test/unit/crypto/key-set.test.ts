import { expect } from 'chai';
import { canonicalJson } from '../../../src/crypto/canonical.js';
import { signCompact } from '../../../src/crypto/jws.js';
import {
  KEY_SET_TYP,
  privateKeyObject,
  signKeySet,
  verifyKeySet,
  type KeyRecord,
} from '../../../src/crypto/index.js';
import { isGatewayError } from '../../../src/errors.js';
import { NOW, makeFius, makeKey, ringFor, headerOf, type FiuKeys } from '../../helpers/keys.js';
import { publicRecord } from '../../helpers/live-data.js';

const DAY = 86_400_000;

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    expect(isGatewayError(err) ? err.code : String(err)).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

/** A key set signed by `signer`, with whatever payload. */
function craft(payload: unknown, signer: KeyRecord, header: Record<string, unknown> = {}): string {
  return signCompact(
    Buffer.from(canonicalJson(payload), 'utf8'),
    { alg: 'EdDSA', typ: KEY_SET_TYP, kid: signer.jwk.kid, ...header },
    privateKeyObject(signer),
  );
}

describe('crypto/key-set', () => {
  let fius: Record<string, FiuKeys>;
  let newSig: Awaited<ReturnType<typeof makeKey>>;
  let newEnc: Awaited<ReturnType<typeof makeKey>>;

  before(async () => {
    fius = await makeFius(['FIU-A', 'FIU-B', 'FIU-C']);
    // FIU-A rotated: a signing key valid from now (newer than the old one), a new encryption key.
    newSig = await makeKey('FIU-A', 'sig', NOW, new Date(NOW.getTime() + 365 * DAY));
    newEnc = await makeKey('FIU-A', 'enc', NOW, new Date(NOW.getTime() + 365 * DAY));
  });

  const ringA = () => ringFor('FIU-A', fius, { own: [newSig.private, newEnc.private] });
  const ringB = () => ringFor('FIU-B', fius);

  it('signs every unexpired own public key with the oldest valid signing key', async () => {
    const jws = signKeySet(await ringA(), NOW);
    expect(headerOf(jws)).to.deep.equal({
      alg: 'EdDSA',
      typ: KEY_SET_TYP,
      kid: fius['FIU-A']!.sig.public.jwk.kid,
    });
    const set = await verifyKeySet(jws, await ringB(), 'FIU-A', NOW);
    expect(set.fiu).to.equal('FIU-A');
    expect(set.issuedAt).to.equal(NOW.toISOString());
    expect(set.keys.map((k) => k.jwk.kid).sort()).to.deep.equal(
      [fius['FIU-A']!.sig, fius['FIU-A']!.enc, fius['FIU-A']!.ledger, newSig, newEnc]
        .map((k) => k.public.jwk.kid)
        .sort(),
    );
    expect(
      set.keys.every((k) => k.jwk.d === undefined),
      'public only',
    ).to.equal(true);
  });

  it('the new keys are unknown to the partner until it adds them; known ones are skipped', async () => {
    const ring = await ringB();
    const set = await verifyKeySet(signKeySet(await ringA(), NOW), ring, 'FIU-A', NOW);
    const fresh = await ring.unknownPartnerKeys('FIU-A', set.keys);
    expect(fresh.map((k) => k.jwk.kid).sort()).to.deep.equal(
      [newSig, newEnc].map((k) => k.public.jwk.kid).sort(),
    );
    expect(await ring.addPartnerKeys('FIU-A', set.keys)).to.have.length(2);
    expect(await ring.addPartnerKeys('FIU-A', set.keys)).to.have.length(0);
    expect(ring.findPartnerKey('FIU-A', 'sig', newSig.public.jwk.kid)).to.not.equal(undefined);
  });

  it('refuses a set signed by a key the receiver has not registered (crypto.unknown_signing_key)', async () => {
    const jws = craft(
      { v: 1, fiu: 'FIU-A', issuedAt: NOW.toISOString(), keys: [newSig.public] },
      newSig.private,
    );
    await expectCode(verifyKeySet(jws, await ringB(), 'FIU-A', NOW), 'crypto.unknown_signing_key');
  });

  it('refuses a set signed by another partner’s registered key', async () => {
    const jws = craft(
      { v: 1, fiu: 'FIU-A', issuedAt: NOW.toISOString(), keys: [newSig.public] },
      fius['FIU-C']!.sig.private,
    );
    await expectCode(verifyKeySet(jws, await ringB(), 'FIU-A', NOW), 'crypto.unknown_signing_key');
  });

  it('refuses a tampered set (payload changed after signing)', async () => {
    const jws = signKeySet(await ringA(), NOW);
    const [h, p, s] = jws.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { keys: KeyRecord[] };
    payload.keys[0] = { ...payload.keys[0]!, notAfter: '2099-01-01T00:00:00.000Z' };
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expectCode(verifyKeySet(tampered, await ringB(), 'FIU-A', NOW), 'crypto.bad_key_set');
  });

  it('refuses a set whose payload names another FIU', async () => {
    const signer = fius['FIU-A']!.sig.private;
    const jws = craft({ v: 1, fiu: 'FIU-C', issuedAt: NOW.toISOString(), keys: [newSig.public] }, signer);
    await expectCode(verifyKeySet(jws, await ringB(), 'FIU-A', NOW), 'crypto.bad_key_set');
  });

  it('refuses a set holding a key of another FIU, a private key, or a kid that is not the thumbprint', async () => {
    const signer = fius['FIU-A']!.sig.private;
    const other = await makeKey('FIU-C', 'sig');
    const badKid = { ...newEnc.public, jwk: { ...newEnc.public.jwk, kid: newSig.public.jwk.kid } };
    for (const keys of [[other.public], [newSig.private], [badKid]]) {
      const jws = craft({ v: 1, fiu: 'FIU-A', issuedAt: NOW.toISOString(), keys }, signer);
      await expectCode(verifyKeySet(jws, await ringB(), 'FIU-A', NOW), 'crypto.bad_key_set');
    }
  });

  it('refuses another typ, a signer that is not valid now, and a payload that is not a key set', async () => {
    const signer = fius['FIU-A']!.sig.private;
    const good = { v: 1, fiu: 'FIU-A', issuedAt: NOW.toISOString(), keys: [newSig.public] };
    const ring = await ringB();
    await expectCode(
      verifyKeySet(craft(good, signer, { typ: 'fiu-message+jws' }), ring, 'FIU-A', NOW),
      'crypto.bad_key_set',
    );
    const later = new Date(NOW.getTime() + 400 * DAY);
    await expectCode(verifyKeySet(craft(good, signer), ring, 'FIU-A', later), 'crypto.bad_key_set');
    await expectCode(
      verifyKeySet(craft({ ...good, v: 2 }, signer), ring, 'FIU-A', NOW),
      'crypto.bad_key_set',
    );
    await expectCode(
      verifyKeySet(craft({ ...good, keys: [] }, signer), ring, 'FIU-A', NOW),
      'crypto.bad_key_set',
    );
    await expectCode(verifyKeySet('not.a.jws', ring, 'FIU-A', NOW), 'crypto.bad_key_set');
  });

  it('refuses to add a kid already known with other content', async () => {
    const ring = await ringB();
    const known = publicRecord(fius['FIU-A']!.sig.private);
    const changed = { ...known, notAfter: '2099-01-01T00:00:00.000Z' };
    await expectCode(ring.addPartnerKeys('FIU-A', [changed]), 'crypto.key_invalid');
  });
});
