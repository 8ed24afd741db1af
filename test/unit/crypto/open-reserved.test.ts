import { expect } from 'chai';
import { canonicalJson } from '../../../src/crypto/canonical.js';
import { parsePayload } from '../../../src/crypto/open.js';
import { DEFINED_MESSAGE_TYPES } from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { sampleMessage } from '../../helpers/sample-message.js';

// The case message types are defined, but a receiver must refuse them until case work is wired.
describe('parsePayload: the case message types', () => {
  it('accepts a canonical request', () => {
    const bytes = new TextEncoder().encode(canonicalJson(sampleMessage('request')));
    expect(parsePayload(bytes).header.type).to.equal('request');
  });
  for (const type of DEFINED_MESSAGE_TYPES.filter((t) => t !== 'request')) {
    it(`refuses a valid, canonical ${type} as reserved`, async () => {
      const bytes = new TextEncoder().encode(canonicalJson(sampleMessage(type)));
      const err = await expectCode(() => parsePayload(bytes), 'message.invalid');
      expect(err.publicDetail).to.equal(
        `header.type: ${type} is reserved and not yet supported; expected request`,
      );
    });
  }
});
