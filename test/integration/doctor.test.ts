/**
 * `fiugw doctor` against live gateways: a healthy FIU-A passes, then each check is broken on purpose
 * (one thing of the good setup changed at a time) and seen reported with a concrete detail and fix.
 */
import { expect } from 'chai';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { runDoctor } from '../../src/cli/doctor-command.js';
import type { CheckReport } from '../../src/observability/check.js';
import { openStore } from '../../src/store/index.js';
import type { TypeOrmStore } from '../../src/store/store.js';
import { sqlQuery } from '../helpers/database.js';
import { fiugw, showRun } from '../helpers/cli-run.js';
import { closedPort } from '../helpers/fake-partner.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { sampleInput } from '../helpers/live-data.js';
import { sampleMessage, sampleOutboxItem } from '../unit/store/fixtures.js';

const DAY_MS = 86_400_000;

describe('fiugw doctor', function () {
  this.timeout(60_000);
  let net: Network;
  let configA: string;
  let partnersA: string;
  let partnersText: string;

  const find = (reports: CheckReport[], name: string) => {
    const r = reports.find((x) => x.name === name);
    expect(r, `no check ${name}`).to.not.equal(undefined);
    return r!;
  };

  /** A copy of FIU-A's config beside it (relative paths still resolve), changed by `edit`. */
  const variant = (name: string, edit: (raw: Record<string, Record<string, unknown>>) => void): string => {
    const raw = parseYaml(readFileSync(configA, 'utf8')) as Record<string, Record<string, unknown>>;
    edit(raw);
    const file = path.join(path.dirname(configA), `doctor-${name}.json`);
    writeFileSync(file, JSON.stringify(raw));
    return file;
  };

  /** Rewrites FIU-A's partners file with these addresses per partner. */
  const setAddresses = (changes: Record<string, string>) => {
    const addresses: Record<string, string> = {
      'FIU-B': net.peerAddress('FIU-B'),
      'FIU-C': net.peerAddress('FIU-C'),
      ...changes,
    };
    const doc = JSON.parse(partnersText) as { partners: Array<{ id: string; address: string }> };
    for (const p of doc.partners) p.address = addresses[p.id] ?? p.address;
    writeFileSync(partnersA, JSON.stringify(doc, null, 2));
  };

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C']);
    configA = net.pki.fius['FIU-A']!.configFile;
    partnersA = net.pki.fius['FIU-A']!.partnersFile;
    partnersText = readFileSync(partnersA, 'utf8');
    await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
  });
  beforeEach(() => setAddresses({}));
  after(() => net?.stop());

  it('passes a healthy gateway: every check ok, exit 0, a table and --json', async () => {
    const r = await fiugw('doctor', '--config', configA);
    expect(r.code, showRun(r)).to.equal(0);
    expect(r.out).to.match(/^CHECK\s+STATUS\s+DETAIL/);
    for (const name of [
      'config',
      'files',
      'key-permissions',
      'tls-certificate',
      'ca-certificates',
      'message-keys',
      'partners',
      'partner-connections',
      'database',
      'ledger',
      'outbox',
    ]) {
      expect(r.out).to.match(new RegExp(`^${name}\\s+OK\\s`, 'm'));
    }
    const j = await fiugw('doctor', '--config', configA, '--json');
    const doc = JSON.parse(j.out) as { status: string; checks: CheckReport[] };
    // Development mode with the dev PKI: a warning, not a failure.
    expect(doc.status).to.equal('warn');
    expect(find(doc.checks, 'production-mode')).to.include({ status: 'warn' });
    expect(find(doc.checks, 'production-mode').detail).to.include(
      'development mode with the development PKI',
    );
    expect(find(doc.checks, 'partner-connections').detail)
      .to.include('FIU-B at')
      .and.include('mutual TLS (TLSv1.3) ok');
    expect(find(doc.checks, 'ledger').detail).to.include('the tail matches the checkpoint of size');
    expect(find(doc.checks, 'outbox').detail).to.include('nothing waits for delivery');
  });

  it('config: names the bad field, exit 1', async () => {
    const file = variant('bad-config', (raw) => {
      raw.peer = { port: 'fifty' };
    });
    const r = await fiugw('doctor', '--config', file);
    expect(r.code, showRun(r)).to.equal(1);
    expect(r.out)
      .to.match(/^config\s+FAIL\s/m)
      .and.include('peer.port');
  });

  it('files: names the field and the missing file', async () => {
    const reports = await runDoctor(
      variant('missing-file', (raw) => void (raw.tls.cert = 'tls/nowhere.crt')),
    );
    const r = find(reports, 'files');
    expect(r.status).to.equal('fail');
    expect(r.detail).to.include(
      `tls.cert: ${path.join(path.dirname(configA), 'tls/nowhere.crt')} does not exist`,
    );
  });

  it('key-permissions: a private key readable by the group fails, with the chmod to run', async () => {
    const key = net.pki.fius['FIU-A']!.tls.key;
    chmodSync(key, 0o640);
    try {
      const r = find(await runDoctor(configA), 'key-permissions');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include(`${key} (tls.key) has mode 0640`);
      expect(r.fix).to.equal(`chmod 600 ${key}`);
    } finally {
      chmodSync(key, 0o600);
    }
  });

  it('production-mode: fails the dev PKI in production mode, and warns when it is overridden', async () => {
    const refused = find(
      await runDoctor(variant('production', (raw) => void (raw.mode = 'production' as never))),
      'production-mode',
    );
    expect(refused.status).to.equal('fail');
    expect(refused.detail).to.include(
      'production mode would refuse to start: the development PKI is configured',
    );
    const allowed = find(
      await runDoctor(
        variant('production-allowed', (raw) => {
          raw.mode = 'production' as never;
          raw.allowInsecure = ['dev-pki'] as never;
        }),
      ),
      'production-mode',
    );
    expect(allowed.status).to.equal('warn');
    expect(allowed.detail).to.include('allowInsecure overriding');
  });

  describe('tls-certificate', () => {
    it("fails a key that is not the certificate's, naming both files", async () => {
      const other = net.pki.fius['FIU-B']!.tls.key;
      const r = find(
        await runDoctor(variant('wrong-key', (raw) => void (raw.tls.key = other))),
        'tls-certificate',
      );
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include(`${other} is not the private key of ${net.pki.fius['FIU-A']!.tls.cert}`);
    });

    it('fails a certificate of another FIU, naming the CN', async () => {
      const fiuB = net.pki.fius['FIU-B']!.tls;
      const r = find(
        await runDoctor(
          variant('wrong-cert', (raw) => void (raw.tls = { ...raw.tls, cert: fiuB.cert, key: fiuB.key })),
        ),
        'tls-certificate',
      );
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('names CN=FIU-B, but this gateway is FIU-A');
    });

    it('fails a certificate signed by a CA that is not configured, naming the issuer', async () => {
      const op = net.pki.fius['FIU-A']!.operatorCa.cert;
      const r = find(
        await runDoctor(variant('wrong-ca', (raw) => void (raw.tls.ca = [op]))),
        'tls-certificate',
      );
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('which is none of the configured CAs: CN=FIU-A DEVELOPMENT operator CA');
    });

    it('warns within the threshold and fails once expired, saying when', async () => {
      const cert = new X509Certificate(readFileSync(net.pki.fius['FIU-A']!.tls.cert));
      const soon = find(
        await runDoctor(configA, { now: new Date(Date.parse(cert.validTo) - 3 * DAY_MS) }),
        'tls-certificate',
      );
      expect(soon.status).to.equal('warn');
      expect(soon.detail).to.include('in 3 days');
      const late = await runDoctor(configA, { now: new Date(Date.parse(cert.validTo) + DAY_MS) });
      expect(find(late, 'tls-certificate').detail).to.include('expired on');
      // The CA, own keys and partner keys of the dev PKI end at the same time.
      for (const name of ['ca-certificates', 'message-keys', 'partners'])
        expect(find(late, name).status, name).to.equal('fail');
      expect(find(late, 'message-keys').detail).to.include('no sig key of FIU-A is valid now');
      expect(find(late, 'partners').detail).to.include('no sig key of FIU-B is valid now');
    });
  });

  describe('partner-connections', () => {
    it('reports a partner where nothing listens', async () => {
      setAddresses({ 'FIU-C': `127.0.0.1:${await closedPort()}` });
      const r = find(await runDoctor(configA), 'partner-connections');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.match(/FIU-C at 127\.0\.0\.1:\d+: connection refused/);
      expect(r.detail).to.include('FIU-B at').and.include('ok');
    });

    it('reports an address that answers with another gateway', async () => {
      setAddresses({ 'FIU-C': net.peerAddress('FIU-B') });
      const r = find(await runDoctor(configA), 'partner-connections');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include('the partner certificate names CN=FIU-B, expected FIU-C');
    });

    it('reports a partner that refuses our certificate', async () => {
      const op = net.pki.fius['FIU-A']!.operators.admin;
      const r = find(
        await runDoctor(
          variant('operator-cert', (raw) => void (raw.tls = { ...raw.tls, cert: op.cert, key: op.key })),
        ),
        'partner-connections',
      );
      expect(r.status).to.equal('fail');
      expect(r.detail, r.detail).to.include('the partner refused our certificate');
    });
  });

  describe('database', () => {
    it('warns about a database that does not exist yet', async () => {
      const r = find(
        await runDoctor(variant('no-db', (raw) => void (raw.database = { url: 'sqlite:data/none.sqlite' }))),
        'database',
      );
      expect(r.status).to.equal('warn');
      expect(r.detail).to.include('none.sqlite does not exist yet');
    });

    it('fails a file that is not a database', async () => {
      const file = path.join(path.dirname(configA), 'not-a-db.sqlite');
      writeFileSync(file, 'this is not a database, it is a text file long enough to have a header');
      const r = find(
        await runDoctor(variant('bad-db', (raw) => void (raw.database = { url: `sqlite:${file}` }))),
        'database',
      );
      expect(r.status).to.equal('fail');
    });
  });

  it('ledger: fails when the tail no longer matches the checkpoint', async () => {
    const db = (net.gw['FIU-A']!.store as TypeOrmStore).dataSource;
    const size = await net.gw['FIU-A']!.store.ledgerSize();
    const [row] = (await sqlQuery(db, 'SELECT entry FROM ledger_entries WHERE idx = ?', [
      size - 1,
    ])) as Array<{
      entry: string;
    }>;
    await sqlQuery(db, 'UPDATE ledger_entries SET entry = ? WHERE idx = ?', [`${row!.entry} `, size - 1]);
    try {
      const r = find(await runDoctor(configA), 'ledger');
      expect(r.status).to.equal('fail');
      expect(r.detail).to.include(`ledger entry ${size - 1} does not match its leaf hash`);
      expect(r.fix).to.include('fiugw audit verify');
    } finally {
      await sqlQuery(db, 'UPDATE ledger_entries SET entry = ? WHERE idx = ?', [row!.entry, size - 1]);
    }
  });

  it('outbox: fails an item still waiting long after its give-up time, and names the command to list it', async () => {
    const dir = mkdtempSync(path.join(path.dirname(configA), 'doctor-outbox-'));
    const url = `sqlite:${path.join(dir, 'gateway.sqlite')}`;
    const store = await openStore(url);
    try {
      const message = sampleMessage({ direction: 'out', fromFiu: 'FIU-A', toFiu: 'FIU-B' });
      await store.transaction(async (tx) => {
        await tx.insertMessage(message);
        await tx.insertOutboxItem(sampleOutboxItem(message.rowId, message.messageId));
      });
    } finally {
      await store.close();
    }
    const file = variant('outbox', (raw) => {
      raw.database = { url };
    });
    const r = find(await runDoctor(file), 'outbox');
    expect(r.status).to.equal('fail');
    expect(r.detail).to.match(
      /still waiting .* after its give-up time 2026-03-03T09:00:00.000Z \(1 queued, 0 delivering, 0 failed\)/,
    );
    expect(r.fix).to.include('fiugw outbox list --state queued');
    // Nine months on, the same item is still there: doctor changed nothing.
    const again = await openStore(url);
    try {
      expect((await again.outboxStats(new Date())).counts.queued).to.equal(1);
    } finally {
      await again.close();
    }
  });
});
