import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { KeyRecord } from '../../src/crypto/index.js';
import { loadPartnerRegistry } from '../../src/partner-registry.js';
import { expectCode } from '../helpers/expect-code.js';
import { makeFius, type FiuKeys } from '../helpers/keys.js';

describe('loadPartnerRegistry', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fiugw-partners-'));
  let fius: Record<string, FiuKeys>;
  before(async () => (fius = await makeFius(['FIU-B'])));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (keys: KeyRecord[]) => {
    const file = path.join(dir, `p-${keys.length}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ partners: [{ id: 'FIU-B', address: '127.0.0.1:50052', keys }] }));
    return file;
  };

  it('accepts a partner with its signing, encryption and ledger keys', () => {
    const b = fius['FIU-B']!;
    const registry = loadPartnerRegistry(write([b.sig.public, b.enc.public, b.ledger.public]));
    expect(registry.partners[0]!.keys.map((k) => k.use)).to.deep.equal(['sig', 'enc', 'ledger']);
  });

  it('refuses a partner without a ledger key, naming what is missing', async () => {
    const b = fius['FIU-B']!;
    const err = await expectCode(
      () => loadPartnerRegistry(write([b.sig.public, b.enc.public])),
      'config.invalid',
    );
    expect(err.message).to.match(/partners\.0\.keys: no ledger key/);
  });

  it('refuses a private ledger key', async () => {
    const b = fius['FIU-B']!;
    const err = await expectCode(
      () => loadPartnerRegistry(write([b.sig.public, b.enc.public, b.ledger.private])),
      'config.invalid',
    );
    expect(err.message).to.contain('public keys only');
  });
});
