import { expect } from 'chai';
import { openOwnCopy, openOwnNote, sealOwnNote } from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, NOW, ringFor } from '../../helpers/keys.js';

describe('own notes (an approver’s comment at rest)', () => {
  it('seal to the own key and open again; stored as a JWE', async () => {
    const fius = await makeFius(['FIU-A', 'FIU-B']);
    const ring = await ringFor('FIU-A', fius);
    const note = sealOwnNote('sources checked against the register', ring, NOW);
    expect(note.split('.')).to.have.length(5);
    expect(await openOwnNote(note, ring)).to.equal('sources checked against the register');
  });

  it('do not open with another gateway’s keys, nor as an own copy of a message', async () => {
    const fius = await makeFius(['FIU-A', 'FIU-B']);
    const note = sealOwnNote('x', await ringFor('FIU-A', fius), NOW);
    await expectCode(openOwnNote(note, await ringFor('FIU-B', fius)), 'crypto.unknown_encryption_key');
    await expectCode(openOwnCopy(note, await ringFor('FIU-A', fius)), 'crypto.unknown_encryption_key');
  });
});
