import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, parseConfig } from '../../src/config.js';
import { expectCode } from '../helpers/expect-code.js';

const GOOD = {
  fiu: 'FIU-A',
  dataDir: './data',
  tls: { ca: ['ca.crt'], cert: 'gw.crt', key: 'gw.key' },
  operatorTls: { ca: ['op-ca.crt'] },
  keys: { signing: ['sig.json'], encryption: ['enc.json'], ledger: ['ledger.json'] },
  partnersFile: 'partners.json',
  operators: [{ name: 'analyst@FIU-A', roles: ['analyst'] }],
};

/** A copy of GOOD with `patch` applied at a dotted path (undefined deletes). */
function withField(dotted: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(GOOD) as Record<string, unknown>;
  const keys = dotted.split('.');
  let obj = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) obj = obj[k] as Record<string, unknown>;
  if (value === undefined) delete obj[keys.at(-1)!];
  else obj[keys.at(-1)!] = value;
  return copy;
}

describe('parseConfig', () => {
  it('accepts a good config, fills defaults and resolves paths against the base folder', () => {
    const c = parseConfig(GOOD, '/etc/fiugw', {});
    expect(c.dataDir).to.equal('/etc/fiugw/data');
    expect(c.tls.ca).to.deep.equal(['/etc/fiugw/ca.crt']);
    expect(c.keys).to.deep.equal({
      signing: ['/etc/fiugw/sig.json'],
      encryption: ['/etc/fiugw/enc.json'],
      ledger: ['/etc/fiugw/ledger.json'],
      refreshIntervalMs: 6 * 3_600_000,
    });
    expect(c.databaseUrl).to.equal('sqlite:/etc/fiugw/data/gateway.sqlite');
    expect(c.peer).to.deep.equal({
      host: '0.0.0.0',
      port: 50051,
      maxMessageBytes: 4 * 1024 * 1024,
      freshness: { maxAgeMs: 72 * 3600 * 1000, maxFutureMs: 120_000 },
      limits: { maxConcurrentPerPartner: 16, ratePerSecond: 20, burst: 100 },
      keepalive: { timeMs: 30_000, timeoutMs: 10_000 },
    });
    expect(c.operator).to.deep.equal({ host: '127.0.0.1', port: 50061 });
    expect(c.delivery.timeoutMs).to.equal(10_000);
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['fiu', 'fiu a', /^fiu: .*FIU id/m],
    ['fiu', undefined, /^fiu: /m],
    ['peer', { port: 70000 }, /^peer\.port: /m],
    ['peer', { port: 'abc' }, /^peer\.port: .*number/m],
    ['peer', { freshness: { maxAgeMs: 5 } }, /^peer\.freshness\.maxAgeMs: /m],
    ['peer', { limits: { burst: 0 } }, /^peer\.limits\.burst: /m],
    ['peer', { keepalive: { timeMs: 1 } }, /^peer\.keepalive\.timeMs: /m],
    ['tls.ca', [], /^tls\.ca: at least one trust anchor/m],
    ['keys.signing', [], /^keys\.signing: at least one signing key file/m],
    ['keys.ledger', undefined, /^keys\.ledger: /m],
    ['keys.ledger', [], /^keys\.ledger: at least one ledger key file/m],
    ['keys.refreshIntervalMs', 500, /^keys\.refreshIntervalMs: 0 \(off\) or 1000 to 604800000/m],
    ['keys.refreshIntervalMs', -1, /^keys\.refreshIntervalMs: /m],
    ['keys.refreshIntervalMs', 8 * 86_400_000, /^keys\.refreshIntervalMs: /m],
    ['keys.refreshIntervalMs', 1500.5, /^keys\.refreshIntervalMs: /m],
    ['keys.refreshIntervalMs', '1h', /^keys\.refreshIntervalMs: /m],
    ['operators', [{ name: 'x', roles: ['boss'] }], /^operators\.0\.roles\.0: /m],
    ['database', { url: 'mysql://x' }, /^database\.url: a database URL/m],
    ['unexpected', 1, /unexpected|Unrecognized/i],
  ];
  for (const [field, value, message] of bad) {
    it(`names the field when ${field} is ${JSON.stringify(value)}`, async () => {
      const err = await expectCode(() => parseConfig(withField(field, value), '/x', {}), 'config.invalid');
      expect(err.message).to.match(message);
    });
  }

  it('takes keys.refreshIntervalMs, 0 (off) included', () => {
    for (const ms of [0, 1000, 3_600_000, 7 * 86_400_000]) {
      expect(parseConfig(withField('keys.refreshIntervalMs', ms), '/x', {}).keys.refreshIntervalMs).to.equal(
        ms,
      );
    }
  });

  it('refuses a document that is not an object', async () => {
    await expectCode(() => parseConfig([1, 2], '/x', {}), 'config.invalid');
  });

  describe('environment overrides', () => {
    it('overrides ports and the database URL', () => {
      const c = parseConfig(GOOD, '/x', {
        FIUGW_PEER_PORT: '6000',
        FIUGW_OPERATOR_PORT: '6001',
        FIUGW_DATABASE_URL: 'sqlite:/var/db.sqlite',
      });
      expect(c.peer.port).to.equal(6000);
      expect(c.operator.port).to.equal(6001);
      expect(c.databaseUrl).to.equal('sqlite:/var/db.sqlite');
    });

    it('keeps an in-memory SQLite URL as it is', () => {
      expect(parseConfig(GOOD, '/x', { FIUGW_DATABASE_URL: 'sqlite::memory:' }).databaseUrl).to.equal(
        'sqlite::memory:',
      );
    });

    it('names the variable when a port is not a number', async () => {
      const err = await expectCode(
        () => parseConfig(GOOD, '/x', { FIUGW_OPERATOR_PORT: '12x' }),
        'config.invalid',
      );
      expect(err.message).to.contain('FIUGW_OPERATOR_PORT');
    });
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fiugw-config-'));

  it('reads YAML and JSON, resolving paths against the file', () => {
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify(GOOD));
    expect(loadConfig(path.join(dir, 'c.json'), {}).partnersFile).to.equal(path.join(dir, 'partners.json'));
    const yaml = [
      '# a comment',
      'fiu: FIU-B',
      'dataDir: d',
      'tls: { ca: [ca.crt], cert: gw.crt, key: gw.key }',
      'operatorTls: { ca: [op.crt] }',
      'keys:',
      '  signing: [s.json]',
      '  encryption: [e.json]',
      '  ledger: [l.json]',
      'partnersFile: p.json',
    ].join('\n');
    writeFileSync(path.join(dir, 'c.yaml'), yaml);
    const c = loadConfig(path.join(dir, 'c.yaml'), {});
    expect(c.fiu).to.equal('FIU-B');
    expect(c.keys.encryption).to.deep.equal([path.join(dir, 'e.json')]);
    expect(c.keys.ledger).to.deep.equal([path.join(dir, 'l.json')]);
  });

  it('names the file and the syntax error in a broken file', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), 'fiu: [unclosed\n');
    const err = await expectCode(() => loadConfig(path.join(dir, 'broken.yaml'), {}), 'config.invalid');
    expect(err.message).to.contain('broken.yaml');
  });

  it('names the file and the field of an invalid config', async () => {
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(withField('partnersFile', 7)));
    const err = await expectCode(() => loadConfig(path.join(dir, 'bad.json'), {}), 'config.invalid');
    expect(err.message)
      .to.contain('bad.json')
      .and.match(/partnersFile: /);
  });

  it('says when the file cannot be read', async () => {
    await expectCode(() => loadConfig(path.join(dir, 'missing.yaml'), {}), 'config.file_unreadable');
  });
});
