import { expect } from 'chai';
import { KeyedSerial, Serial } from '../../../src/services/serial.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Serial and KeyedSerial', () => {
  it('runs tasks one at a time, in order, and a failure does not stop the next', async () => {
    const serial = new Serial();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      serial.run(task('a')),
      serial.run(task('b', true)),
      serial.run(task('c')),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('keeps keys apart, and forgets an idle key', async () => {
    const keyed = new KeyedSerial();
    const log: string[] = [];
    let releaseA!: () => void;
    const a = keyed.run('a', () => new Promise<void>((r) => (releaseA = r)).then(() => void log.push('a')));
    await keyed.run('b', async () => void log.push('b'));
    expect(log, 'b does not wait for a').to.deep.equal(['b']);
    releaseA();
    await a;
    await tick();
    expect((keyed as unknown as { tails: Map<string, unknown> }).tails.size).to.equal(0);
  });
});
