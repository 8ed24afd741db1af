import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalJson, digestsEqual, sha256b64u } from '../../../src/crypto/index.js';
import { expectCode } from '../../helpers/expect-code.js';

describe('canonicalJson', () => {
  describe('when given the RFC 8785 section 3.2.2 example', () => {
    it('produces the canonical text byte for byte', () => {
      const input = JSON.parse(
        '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
          '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
      ) as unknown;
      expect(canonicalJson(input)).to.equal(
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
          '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
      );
    });
  });

  describe('when keys come in another order', () => {
    it('gives the same text', () => {
      expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).to.equal(
        canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 }),
      );
    });
  });

  describe('when the value has no JSON form', () => {
    for (const [name, value] of [
      ['undefined', undefined],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['a lone surrogate', 'a\ud800'],
      ['a function', () => 1],
    ] as const) {
      it(`refuses ${name}`, () => expectCode(() => canonicalJson(value), 'internal.unexpected'));
    }
  });

  describe('as a property', () => {
    it('is a fixed point: parsing and canonicalising again changes nothing', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const text = canonicalJson(value);
          expect(canonicalJson(JSON.parse(text))).to.equal(text);
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('sha256b64u', () => {
  describe('when given "abc" (FIPS 180-2 example)', () => {
    it('gives the known digest in base64url without padding', () => {
      expect(sha256b64u('abc')).to.equal('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    });
  });
  describe('when given a string or its UTF-8 bytes', () => {
    it('gives the same digest', () => {
      expect(sha256b64u('€uro')).to.equal(sha256b64u(new TextEncoder().encode('€uro')));
    });
  });
});

describe('digestsEqual', () => {
  it('is true for equal digests', () =>
    expect(digestsEqual(sha256b64u('a'), sha256b64u('a'))).to.equal(true));
  it('is false for different digests', () =>
    expect(digestsEqual(sha256b64u('a'), sha256b64u('b'))).to.equal(false));
  it('is false for different lengths', () => expect(digestsEqual('abc', 'abcd')).to.equal(false));
});
