/**
 * A smoke run of the bench (bench/harness.ts) with tiny sizes: every benchmark runs for real (child
 * processes, a dev PKI, a small ledger, `fiugw audit verify`), and the report has the shape issue 8
 * asks for. No timing threshold: only shapes and relationships that hold on any machine.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseSettings, runBench, type BenchSettings } from '../../../bench/harness.js';
import { REQUIRED_KEYS, type Report } from '../../../bench/report.js';

describe('the bench harness (smoke run)', function () {
  this.timeout(180_000);
  let report: Report;

  before(async () => {
    const settings: BenchSettings = {
      ...parseSettings(['--quick', '--json']),
      seconds: 0.6,
      warmupSeconds: 0.2,
      entries: 300,
      proofs: 20,
      floorCalls: 20,
      concurrency: 4,
      quiet: true,
    };
    report = await runBench(settings);
  });

  it('has every key of issue 8, each a finite number', () => {
    for (const key of REQUIRED_KEYS) {
      expect(report, key).to.have.property(key);
      expect(Number.isFinite(report[key]), `${key} = ${String(report[key])}`).to.equal(true);
    }
  });

  it('is one JSON object that survives a round trip', () => {
    expect(JSON.parse(JSON.stringify(report))).to.deep.equal(report);
  });

  it('delivered every message, and measured what it says', () => {
    const n = (k: string) => report[k] as number;
    expect(n('exchange.errors')).to.equal(0);
    expect(n('exchange.rps')).to.be.greaterThan(0);
    expect(n('echo.rps')).to.be.greaterThan(0);
    expect(n('exchange.p50_ms')).to.be.at.most(n('exchange.p99_ms'));
    expect(n('exchange_ratio')).to.be.closeTo(n('exchange.rps') / n('echo.rps'), 0.01);
    expect(n('ledger.append_per_s')).to.be.greaterThan(0);
    expect(n('ledger.entries')).to.equal(300);
    expect(n('ledger.proof_p99_ms')).to.equal(
      Math.max(n('ledger.inclusion_p99_ms'), n('ledger.consistency_p99_ms')),
    );
    expect(n('ledger.by_hash_p50_ms')).to.be.greaterThan(0);
    expect(n('ledger.by_hash_p50_ms')).to.be.at.most(n('ledger.by_hash_p99_ms'));
    expect(n('verify_ratio')).to.be.closeTo(
      n('ledger.verify_s') / n('ledger.floor_s'),
      0.05 * n('verify_ratio'),
    );
    expect(n('memory.peak_rss_mb')).to.be.greaterThan(10);
    // The floor counts the own copy on top of the protocol's operations; the ceiling is a ratio below 1.
    expect(n('floor.protocol_ms')).to.be.greaterThan(0);
    expect(n('floor.crypto_ms')).to.be.greaterThan(n('floor.protocol_ms'));
    const echoCpu = n('echo.client_cpu_ms') + n('echo.server_cpu_ms');
    expect(n('exchange.ceiling_ratio')).to.be.closeTo(
      echoCpu / (echoCpu + n('floor.crypto_ms')),
      0.05 * n('exchange.ceiling_ratio'),
    );
    // What a ratio of 0.30 leaves per delivery beyond the echo's share and the floor, with both
    // processes busy all the time, each on a core of its own (one, on a one-core machine).
    const perDelivery = (Math.min(2, availableParallelism()) * 1000) / (0.3 * n('echo.rps'));
    expect(n('exchange.budget_ms')).to.be.closeTo(
      perDelivery - echoCpu - n('floor.crypto_ms'),
      0.01 * perDelivery,
    );
    // The SQLite timings are measured only when asked for.
    expect(report['exchange.sender_sql_ms']).to.equal(null);
    expect(report['exchange.receiver_commits']).to.equal(null);
  });

  it('--sql-time times the SQLite calls of both gateways', () => {
    const args = ['--import', 'tsx', 'bench/run.ts', '--only', 'exchange', '--quick', '--seconds', '1'];
    const run = spawnSync(process.execPath, [...args, '--json', '--sql-time'], {
      encoding: 'utf8',
      timeout: 150_000,
    });
    expect(run.status, run.stderr).to.equal(0);
    const r = JSON.parse(run.stdout) as Report;
    const n = (k: string) => r[k] as number;
    expect(n('exchange.errors')).to.equal(0);
    for (const side of ['sender', 'receiver']) {
      // Every delivery runs several statements on each side, and each commit ends some of them.
      expect(n(`exchange.${side}_statements`), side).to.be.greaterThan(1);
      expect(n(`exchange.${side}_sql_ms`), side).to.be.greaterThan(0);
      expect(n(`exchange.${side}_commits`), side).to.be.greaterThan(0);
      expect(n(`exchange.${side}_commits`), side).to.be.below(n(`exchange.${side}_statements`));
      expect(n(`exchange.${side}_commit_ms`), side).to.be.greaterThan(0);
      expect(n(`exchange.${side}_sql_ms`), side).to.be.below(n(`exchange.${side}_cpu_ms`));
    }
  });

  it('parses its flags and refuses bad ones', () => {
    const s = parseSettings(['--seconds', '5', '--entries', '1_000', '--only', 'scale']);
    expect(s).to.include({ seconds: 5, entries: 1000, json: false });
    expect([...s.only]).to.deep.equal(['scale']);
    expect(() => parseSettings(['--seconds', '-1'])).to.throw(/--seconds/);
    expect(() => parseSettings(['--nope'])).to.throw();
    expect(() => parseSettings(['--only', 'exchange,apend'])).to.throw(/--only: unknown benchmark apend/);
    expect(() => parseSettings(['--sql-time'])).to.throw(/--sql-time: only with --only exchange/);
    expect(() => parseSettings(['--sql-time', '--only', 'exchange,append'])).to.throw(/--sql-time/);
    expect(parseSettings(['--sql-time', '--only', 'exchange'])).to.include({ sqlTime: true });
    expect(parseSettings(['--help'])).to.include({ help: true });
    expect(parseSettings([])).not.to.have.property('help');
  });
});
