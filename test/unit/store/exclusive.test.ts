import { expect } from 'chai';
import { Exclusive } from '../../../src/store/exclusive.js';
import { gate } from './fixtures.js';

describe('Exclusive', () => {
  it('serial (SQLite): runs one section at a time, in order, and lets a section call in at once', async () => {
    const ex = new Exclusive();
    const held = gate();
    const order: string[] = [];
    const first = ex.run(async () => {
      order.push('first starts');
      expect(await ex.run(async () => ex.inside)).to.equal(true);
      await held.opened;
      order.push('first ends');
    });
    const second = ex.run(async () => void order.push('second'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).to.deep.equal(['first starts']);
    held.open();
    await Promise.all([first, second]);
    expect(order).to.deep.equal(['first starts', 'first ends', 'second']);
  });

  it('not serial (PostgreSQL): runs sections at once, knows when it is inside one, and drains them all', async () => {
    const ex = new Exclusive(false);
    const held = gate();
    let ended = false;
    const first = ex.run(async () => {
      expect(ex.inside).to.equal(true);
      await held.opened;
      ended = true;
    });
    // The second runs while the first waits.
    expect(await ex.run(async () => 'second')).to.equal('second');
    expect(ex.inside).to.equal(false);
    const drained = ex.drain().then(() => ended);
    held.open();
    expect(await drained).to.equal(true);
    await first;
  });

  it('not serial: a failed section does not keep drain from resolving', async () => {
    const ex = new Exclusive(false);
    let caught: unknown;
    await ex.run(() => Promise.reject(new Error('boom'))).catch((e: unknown) => (caught = e));
    expect(String(caught)).to.contain('boom');
    await ex.drain();
  });
});
