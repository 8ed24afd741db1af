import { expect } from 'chai';
import { isLinkedType, linkProblem, REFERRED_TYPES } from '../../../src/messages/index.js';

const ID = '5a1c9e2d-7b3f-4c8a-9d2e-1f3a5b7c9d0e';

describe('linkProblem', () => {
  it('knows the linked types of docs/PROTOCOL.md 3.1.1', () => {
    expect(Object.keys(REFERRED_TYPES)).to.deep.equal([
      'response',
      'consent_request',
      'consent_decision',
      'feedback',
    ]);
    expect(isLinkedType('request')).to.equal(false);
    expect(isLinkedType('spontaneous_disclosure')).to.equal(false);
    expect(isLinkedType('toString')).to.equal(false);
  });

  describe('at the receiver (the referred message went out to the partner)', () => {
    const sent = (type: string, partner = 'FIU-B') => ({ type, direction: 'out' as const, partner });
    for (const [type, allowed] of Object.entries(REFERRED_TYPES)) {
      for (const referred of allowed) {
        it(`accepts a ${type} replying to a ${referred} sent to the partner`, () => {
          expect(linkProblem(type as 'response', ID, sent(referred), 'FIU-B', 'receiver')).to.equal(null);
        });
      }
    }
    it('refuses a message that does not exist, naming the id and the types', () => {
      expect(linkProblem('feedback', ID, null, 'FIU-B', 'receiver')).to.equal(
        `inReplyTo ${ID} names no response or spontaneous disclosure sent to FIU-B`,
      );
    });
    it('refuses one exchanged with another partner, with the same words', () => {
      expect(linkProblem('response', ID, sent('request', 'FIU-C'), 'FIU-B', 'receiver')).to.equal(
        linkProblem('response', ID, null, 'FIU-B', 'receiver'),
      );
    });
    it('refuses one of another type', () => {
      expect(linkProblem('consent_decision', ID, sent('request'), 'FIU-B', 'receiver')).to.match(
        /names no consent request sent to FIU-B$/,
      );
    });
    it('refuses one received from the partner (the wrong direction)', () => {
      const received = { type: 'request', direction: 'in' as const, partner: 'FIU-B' };
      expect(linkProblem('response', ID, received, 'FIU-B', 'receiver')).to.not.equal(null);
    });
  });

  describe('at the sender (the referred message came in from the partner)', () => {
    it('accepts a response to a request received from the partner', () => {
      const received = { type: 'request', direction: 'in' as const, partner: 'FIU-A' };
      expect(linkProblem('response', ID, received, 'FIU-A', 'sender')).to.equal(null);
    });
    it('refuses a request this gateway sent', () => {
      const sent = { type: 'request', direction: 'out' as const, partner: 'FIU-A' };
      expect(linkProblem('response', ID, sent, 'FIU-A', 'sender')).to.equal(
        `inReplyTo ${ID} names no request received from FIU-A`,
      );
    });
  });
});
