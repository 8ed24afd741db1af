import { expect } from 'chai';
import { canonicalJson } from '../../../src/crypto/canonical.js';
import { parsePayload } from '../../../src/crypto/open.js';
import { DEFINED_MESSAGE_TYPES, SUPPORTED_MESSAGE_TYPES } from '../../../src/messages/index.js';
import { sampleMessage } from '../../helpers/sample-message.js';

// Since case work is wired, a receiver accepts every defined message type.
describe('parsePayload: the case message types', () => {
  it('supports every defined type', () => {
    expect([...SUPPORTED_MESSAGE_TYPES]).to.deep.equal([...DEFINED_MESSAGE_TYPES]);
  });
  for (const type of DEFINED_MESSAGE_TYPES) {
    it(`accepts a valid, canonical ${type}`, () => {
      const bytes = new TextEncoder().encode(canonicalJson(sampleMessage(type)));
      expect(parsePayload(bytes).header.type).to.equal(type);
    });
  }
});
