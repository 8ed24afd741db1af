/**
 * The periodic key refresh between live gateways: FIU-A rotates its message keys (the new signing key
 * valid at once) and restarts; FIU-B, refreshing every second (`keys.refreshIntervalMs`), learns them
 * with no admin command, logs them once with the gateway as actor, and accepts FIU-A's messages signed
 * with the new key.
 */
import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { Gateway } from '../../src/gateway.js';
import { rotateKeys } from '../../src/pki/rotate.js';
import { startNetwork, type Network } from '../helpers/gateways.js';
import { ledgerEntries, sampleInput } from '../helpers/live-data.js';

describe('periodic key refresh: FIU-B learns FIU-A’s rotated keys without an admin', function () {
  this.timeout(60_000);
  let net: Network;
  let restarted: Gateway | undefined;
  let rotated: Awaited<ReturnType<typeof rotateKeys>>;
  let ledgerBefore: number;

  const newKid = (use: string) => rotated.keys.find((k) => k.use === use)!.kid;
  const knowsNewKeys = () => {
    const ring = net.gw['FIU-B']!.ring;
    return (
      ring.findPartnerKey('FIU-A', 'sig', newKid('sig')) !== undefined &&
      ring.findPartnerKey('FIU-A', 'enc', newKid('enc')) !== undefined
    );
  };

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      configure: (fiu, config) => {
        if (fiu === 'FIU-B') config.keys.refreshIntervalMs = 1000;
      },
    });
    rotated = await rotateKeys({ config: net.pki.fius['FIU-A']!.configFile, overlapDays: 0 });
    ledgerBefore = await net.gw['FIU-B']!.store.ledgerSize();
    // FIU-A restarts with its new keys (no periodic refresh of its own here).
    await net.gw['FIU-A']!.stop();
    const config = loadConfig(net.pki.fius['FIU-A']!.configFile, {});
    config.peer.port = 0;
    config.operator.port = 0;
    config.keys.refreshIntervalMs = 0;
    restarted = await Gateway.open(config);
    const ports = await restarted.start();
    net.gw['FIU-A'] = restarted;
    net.ports['FIU-A'] = ports;
    restarted.partners.setAddress('FIU-B', net.peerAddress('FIU-B'));
    net.gw['FIU-B']!.partners.setAddress('FIU-A', `127.0.0.1:${ports.peerPort}`);
  });
  after(async () => {
    await restarted?.stop().catch(() => undefined);
    await net?.stop();
  });

  it('FIU-B learns both new keys at one of its next passes', async () => {
    const refresher = net.gw['FIU-B']!.keyRefresher;
    // Passes end about a second apart; a pass that began before the restart may find FIU-A away.
    for (let pass = 0; pass < 20 && !knowsNewKeys(); pass++) await refresher.nextPass();
    expect(knowsNewKeys()).to.equal(true);
  });

  it('logs each new key once, with the gateway (system) as actor and no key material', async () => {
    const b = net.gw['FIU-B']!;
    // A few more passes: they find nothing new and write nothing.
    await b.keyRefresher.nextPass();
    await b.keyRefresher.nextPass();
    const entries = (await ledgerEntries(b.store, ledgerBefore)).filter((e) => e.event === 'key.registered');
    expect(entries.map((e) => (e as unknown as { kid: string }).kid).sort()).to.deep.equal(
      [newKid('sig'), newKid('enc')].sort(),
    );
    for (const e of entries) {
      expect(e).to.deep.include({ actor: { kind: 'system' }, fiu: 'FIU-A' });
      expect(JSON.stringify(e), 'no key material').to.not.include('"x"');
    }
    expect((await b.store.keysOf('FIU-A')).map((k) => k.record.jwk.kid)).to.include.members([
      newKid('sig'),
      newKid('enc'),
    ]);
    const metrics = await b.metrics.registry.metrics();
    expect(metrics).to.include('fiugw_key_refreshes_total{partner="FIU-A",outcome="learned"} 1');
  });

  it('FIU-B accepts a request FIU-A signs with its new key', async () => {
    expect(net.gw['FIU-A']!.ring.signingKey(new Date()).jwk.kid).to.equal(newKid('sig'));
    const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    expect(sent.status).to.equal('delivered');
  });

  it('stops with the gateway: nothing left scheduled, no pass after stop', async () => {
    const b = net.gw['FIU-B']!;
    await b.keyRefresher.stop();
    const size = await b.store.ledgerSize();
    let passed = false;
    void b.keyRefresher.nextPass().then(() => (passed = true));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(passed, 'no pass after stop').to.equal(false);
    expect(await b.store.ledgerSize()).to.equal(size);
  });
});
