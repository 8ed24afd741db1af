/**
 * A smoke run of the bench (bench/harness.ts) with tiny sizes: every benchmark runs for real (child
 * processes, a dev PKI, a small ledger, `fiugw audit verify`), and the report has the shape issue 8
 * asks for. No timing threshold: only shapes and relationships that hold on any machine.
 */
import { expect } from 'chai';
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
  });

  it('parses its flags and refuses bad ones', () => {
    const s = parseSettings(['--seconds', '5', '--entries', '1_000', '--only', 'scale']);
    expect(s).to.include({ seconds: 5, entries: 1000, json: false });
    expect([...s.only]).to.deep.equal(['scale']);
    expect(() => parseSettings(['--seconds', '-1'])).to.throw(/--seconds/);
    expect(() => parseSettings(['--nope'])).to.throw();
    expect(() => parseSettings(['--only', 'exchange,apend'])).to.throw(/--only: unknown benchmark apend/);
    expect(parseSettings(['--help'])).to.include({ help: true });
    expect(parseSettings([])).not.to.have.property('help');
  });
});
