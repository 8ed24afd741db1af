import { expect } from 'chai';
import type { LogFields, Logger } from '../../../src/log.js';
import { KeyRefresher, type Timers } from '../../../src/services/key-refresher.js';
import type { PartnerRefresh } from '../../../src/services/partner-keys.js';

/** Timers driven by hand: `fire` runs the one pending timer, as if its time had come. */
class HandTimers implements Timers {
  pending: Array<{ fn: () => void; ms: number }> = [];
  set(fn: () => void, ms: number): unknown {
    const t = { fn, ms };
    this.pending.push(t);
    return t;
  }
  clear(handle: unknown): void {
    this.pending = this.pending.filter((t) => t !== handle);
  }
  /** The delay of the one pending timer. */
  get due(): number {
    expect(this.pending, 'one timer pending').to.have.length(1);
    return this.pending[0]!.ms;
  }
  fire(): void {
    expect(this.pending, 'one timer pending').to.have.length(1);
    this.pending.shift()!.fn();
  }
}

/** A promise with its resolve function outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const ok = (partner: string): PartnerRefresh => ({ partner, ok: true, keysInSet: 3, learned: [] });
const failed = (partner: string): PartnerRefresh => ({
  partner,
  ok: false,
  errorCode: 'transport.partner_unreachable',
  learned: [],
});

describe('KeyRefresher', () => {
  let timers: HandTimers;
  let calls: string[];
  let down: Set<string>;
  let lines: Array<{ level: string; msg: string; fields?: LogFields }>;
  const log: Logger = {
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
  };

  beforeEach(() => {
    timers = new HandTimers();
    calls = [];
    down = new Set();
    lines = [];
  });

  function refresher(intervalMs = 60_000, refresh?: (p: string) => Promise<PartnerRefresh>): KeyRefresher {
    return new KeyRefresher({
      refresh:
        refresh ??
        ((p) => {
          calls.push(p);
          return Promise.resolve(down.has(p) ? failed(p) : ok(p));
        }),
      partners: () => ['FIU-B', 'FIU-C'],
      intervalMs,
      log,
      timers,
      random: () => 0.5,
    });
  }

  it('runs a first pass shortly after start, with a random part, then every interval', async () => {
    const r = refresher(3_600_000);
    r.start();
    expect(calls).to.deep.equal([]);
    expect(timers.due).to.equal(10_000 + 30_000);
    const first = r.nextPass();
    timers.fire();
    expect((await first).map((x) => x.partner)).to.deep.equal(['FIU-B', 'FIU-C']);
    expect(timers.due).to.equal(3_600_000);
    const second = r.nextPass();
    timers.fire();
    await second;
    expect(calls).to.deep.equal(['FIU-B', 'FIU-C', 'FIU-B', 'FIU-C']);
    await r.stop();
  });

  it('keeps the first delay within a short interval', () => {
    const r = refresher(1000);
    expect(r.firstDelayMs()).to.equal(1000 + 500);
  });

  it('spreads the first pass of replicas and restarts over the random part', () => {
    const at = (random: number) =>
      new KeyRefresher({
        refresh: () => Promise.resolve(ok('x')),
        partners: () => [],
        intervalMs: 3_600_000,
        log,
        random: () => random,
      }).firstDelayMs();
    expect(at(0)).to.equal(10_000);
    expect(at(0.999)).to.be.within(69_000, 70_000);
  });

  it('does nothing when the interval is 0', async () => {
    const r = refresher(0);
    r.start();
    expect(timers.pending).to.deep.equal([]);
    await r.stop();
    expect(calls).to.deep.equal([]);
  });

  it('starts once however often start is called', () => {
    const r = refresher();
    r.start();
    r.start();
    expect(timers.pending).to.have.length(1);
  });

  it('goes on with the other partners when one fails, and tries it again at the next pass', async () => {
    const r = refresher();
    r.start();
    down.add('FIU-B');
    let pass = r.nextPass();
    timers.fire();
    expect((await pass).map((x) => x.ok)).to.deep.equal([false, true]);
    expect(lines.find((l) => l.msg === 'periodic key refresh done')!.fields).to.include({ failed: 'FIU-B' });
    down.clear();
    pass = r.nextPass();
    timers.fire();
    expect((await pass).map((x) => x.ok)).to.deep.equal([true, true]);
    expect(calls).to.deep.equal(['FIU-B', 'FIU-C', 'FIU-B', 'FIU-C']);
    await r.stop();
  });

  it('survives a refresh that throws, logging no more than the partner', async () => {
    const r = refresher(60_000, (p) =>
      p === 'FIU-B' ? Promise.reject(new Error('secret detail')) : Promise.resolve(ok(p)),
    );
    r.start();
    const pass = r.nextPass();
    timers.fire();
    const results = await pass;
    expect(results.map((x) => x.ok)).to.deep.equal([false, true]);
    expect(JSON.stringify(lines)).to.not.include('secret detail');
    expect(timers.due, 'the next pass is scheduled').to.equal(60_000);
    await r.stop();
  });

  it('survives a whole pass that fails: logs it, leaves nothing unhandled, schedules the next', async () => {
    let broken = true;
    const r = new KeyRefresher({
      refresh: (p) => Promise.resolve(ok(p)),
      partners: () => {
        if (broken) throw new Error('the partner list is unreadable');
        return ['FIU-B'];
      },
      intervalMs: 60_000,
      log,
      timers,
      random: () => 0,
    });
    r.start();
    timers.fire();
    // Let the pass's rejection settle (a few turns of the microtask queue).
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).to.deep.equal([
      'periodic key refresh: the pass failed',
    ]);
    expect(timers.due, 'the next pass is scheduled').to.equal(60_000);
    broken = false;
    const next = r.nextPass();
    timers.fire();
    expect((await next).map((x) => x.partner)).to.deep.equal(['FIU-B']);
    await r.stop();
  });

  it('never overlaps itself: no timer is pending while a pass runs', async () => {
    const gate = deferred<PartnerRefresh>();
    const r = refresher(60_000, (p) => {
      calls.push(p);
      return p === 'FIU-B' ? gate.promise : Promise.resolve(ok(p));
    });
    r.start();
    const pass = r.nextPass();
    timers.fire();
    expect(timers.pending).to.deep.equal([]);
    gate.resolve(ok('FIU-B'));
    await pass;
    expect(timers.due).to.equal(60_000);
    await r.stop();
  });

  describe('stop', () => {
    it('leaves no timer and runs no pass after it', async () => {
      const r = refresher();
      r.start();
      await r.stop();
      expect(timers.pending).to.deep.equal([]);
      expect(calls).to.deep.equal([]);
    });

    it('waits for the partner in flight, refreshes no other, and schedules nothing', async () => {
      const gate = deferred<PartnerRefresh>();
      const r = refresher(60_000, (p) => {
        calls.push(p);
        return gate.promise;
      });
      r.start();
      timers.fire();
      expect(calls).to.deep.equal(['FIU-B']);
      let stopped = false;
      const stopping = r.stop().then(() => (stopped = true));
      await Promise.resolve();
      expect(stopped, 'still waiting for FIU-B').to.equal(false);
      gate.resolve(ok('FIU-B'));
      await stopping;
      expect(calls).to.deep.equal(['FIU-B']);
      expect(timers.pending).to.deep.equal([]);
    });

    it('after a stop, a start runs again', async () => {
      const r = refresher();
      r.start();
      await r.stop();
      r.start();
      const pass = r.nextPass();
      timers.fire();
      await pass;
      expect(calls).to.deep.equal(['FIU-B', 'FIU-C']);
      await r.stop();
    });
  });
});
