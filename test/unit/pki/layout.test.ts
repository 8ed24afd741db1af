import path from 'node:path';
import { expect } from 'chai';
import { expectCode } from '../../helpers/expect-code.js';
import { checkBasePort, checkDays, checkFius, planLayout, splitFiuList } from '../../../src/pki/layout.js';

describe('pki/layout', () => {
  describe('checkFius', () => {
    it('accepts 2 to 26 distinct FIU ids', () => {
      checkFius(['FIU-A', 'FIU-B']);
      checkFius(Array.from({ length: 26 }, (_, i) => `FIU-${String.fromCharCode(65 + i)}`));
    });

    for (const [what, fius] of [
      ['one FIU', ['FIU-A']],
      ['27 FIUs', Array.from({ length: 27 }, (_, i) => `FIU-${i}`)],
      ['a lower-case id', ['FIU-A', 'fiu-b']],
      ['an empty id', ['FIU-A', '']],
      ['a path', ['FIU-A', '../FIU-B']],
      ['a duplicate', ['FIU-A', 'FIU-B', 'FIU-A']],
      ['the CA folder name', ['FIU-A', 'CA']],
    ] as const) {
      it(`refuses ${what}`, async () => {
        const err = await expectCode(() => checkFius(fius), 'pki.invalid_argument');
        expect(err.message).to.match(/^--fius: /);
      });
    }
  });

  describe('splitFiuList', () => {
    it('splits on commas and trims', () => {
      expect(splitFiuList('FIU-A, FIU-B,FIU-C')).to.deep.equal(['FIU-A', 'FIU-B', 'FIU-C']);
    });
  });

  describe('checkBasePort and checkDays', () => {
    it('accept good values', () => {
      checkBasePort(0, 3);
      checkBasePort(50051, 3);
      checkBasePort(65535 - 100 - 2, 3);
      checkDays(1);
      checkDays(3650);
    });

    it('refuse bad values', async () => {
      await expectCode(() => checkBasePort(65535 - 100 - 1, 3), 'pki.invalid_argument');
      await expectCode(() => checkBasePort(-1, 3), 'pki.invalid_argument');
      await expectCode(() => checkBasePort(1.5, 3), 'pki.invalid_argument');
      await expectCode(() => checkDays(0), 'pki.invalid_argument');
      await expectCode(() => checkDays(3651), 'pki.invalid_argument');
    });
  });

  describe('planLayout', () => {
    it('gives FIU i peer port base + i and operator port base + 100 + i', () => {
      const plan = planLayout({ out: 'x', fius: ['FIU-A', 'FIU-B'], basePort: 40000, days: 1 });
      expect(plan.root).to.equal(path.resolve('x'));
      expect(plan.fius['FIU-B']!.peerAddress).to.equal('127.0.0.1:40001');
      expect(plan.fius['FIU-B']!.operatorAddress).to.equal('127.0.0.1:40101');
      expect(plan.fius['FIU-A']!.profiles.analyst).to.equal(
        path.resolve('x', 'FIU-A', 'operators', 'analyst.profile.json'),
      );
    });

    it('gives every port 0 when the base port is 0', () => {
      const plan = planLayout({ out: 'x', fius: ['FIU-A', 'FIU-B'], basePort: 0, days: 1 });
      expect([plan.fius['FIU-B']!.peerPort, plan.fius['FIU-B']!.operatorPort]).to.deep.equal([0, 0]);
    });
  });
});
