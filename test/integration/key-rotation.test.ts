/**
 * Key rotation between live gateways (docs/PROTOCOL.md section 10): FIU-A rotates its message keys and
 * restarts; FIU-B refuses FIU-A's new signature until it fetches FIU-A's signed key set, then accepts
 * it; messages exchanged before the rotation stay readable on both sides; hostile key sets register
 * nothing; learned keys survive FIU-B's restart.
 */
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { canonicalJson } from '../../src/crypto/canonical.js';
import { signCompact } from '../../src/crypto/jws.js';
import {
  generateKeyRecord,
  KEY_SET_TYP,
  privateKeyObject,
  sealMessage,
  type KeyRecord,
} from '../../src/crypto/index.js';
import { loadConfig } from '../../src/config.js';
import { Gateway } from '../../src/gateway.js';
import { run } from '../../src/cli/main.js';
import { rotateKeys } from '../../src/pki/rotate.js';
import { PartnerKeys } from '../../src/services/partner-keys.js';
import { KeysConnection } from '../../src/transport/keys-client.js';
import { loadOperatorProfile } from '../../src/transport/operator-client.js';
import { adminOf, startNetwork, type Network } from '../helpers/gateways.js';
import { freshRequest, ledgerEntries, publicRecord, sampleInput } from '../helpers/live-data.js';
import { expectPeerRefusal } from '../helpers/refusals.js';

const DAY = 86_400_000;

describe('key rotation: fiugw keys rotate, GetKeys and partners refresh-keys', function () {
  this.timeout(60_000);
  let net: Network;
  const extra: Gateway[] = [];
  let oldCase: { inB: string; inA: string; input: ReturnType<typeof sampleInput> };
  let rotated: Awaited<ReturnType<typeof rotateKeys>>;

  /** Stops `fiu`'s gateway and starts it again from its config files (new keys included). */
  async function restart(fiu: string): Promise<Gateway> {
    await net.gw[fiu]!.stop();
    const config = loadConfig(net.pki.fius[fiu]!.configFile, {});
    config.peer.port = 0;
    config.operator.port = 0;
    // Keys are learned here when the test refreshes, never on the periodic refresh's schedule.
    config.keys.refreshIntervalMs = 0;
    const g = await Gateway.open(config);
    extra.push(g);
    const ports = await g.start();
    net.gw[fiu] = g;
    net.ports[fiu] = ports;
    for (const other of Object.keys(net.gw)) {
      if (other === fiu) continue;
      g.partners.setAddress(other, net.peerAddress(other));
      net.gw[other]!.partners.setAddress(fiu, `127.0.0.1:${ports.peerPort}`);
    }
    return g;
  }

  const keysConnection = (fiu: string, role: string) =>
    new KeysConnection({
      ...loadOperatorProfile(net.pki.fius[fiu]!.profiles[role]!),
      address: `127.0.0.1:${net.ports[fiu]!.operatorPort}`,
    });

  before(async function () {
    this.timeout(120_000);
    net = await startNetwork(['FIU-A', 'FIU-B']);
    const input = sampleInput();
    const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', input);
    expect(sent.status).to.equal('delivered');
    const { cases } = await net.operator('FIU-B', 'liaison').listInbox({ partner: 'FIU-A' });
    const { cases: outA } = await net.operator('FIU-A', 'analyst').listInbox({});
    oldCase = {
      inB: cases.find((c) => c.messageId === sent.messageId)!.caseId,
      inA: outA.find((c) => c.messageId === sent.messageId)?.caseId ?? sent.caseId,
      input,
    };
    // The new signing key is valid at once here, so the test need not wait a day.
    rotated = await rotateKeys({ config: net.pki.fius['FIU-A']!.configFile, overlapDays: 0 });
    await restart('FIU-A');
  });
  after(async () => {
    for (const g of extra) await g.stop().catch(() => undefined);
    await net?.stop();
  });

  const newSig = () => rotated.keys.find((k) => k.use === 'sig')!;
  const newEnc = () => rotated.keys.find((k) => k.use === 'enc')!;

  it('FIU-A seals with its newest valid keys after the restart', () => {
    const ring = net.gw['FIU-A']!.ring;
    expect(ring.signingKey(new Date()).jwk.kid).to.equal(newSig().kid);
    expect(ring.encryptionKey(new Date()).jwk.kid).to.equal(newEnc().kid);
  });

  it('before the refresh, FIU-B refuses a message signed with the new key: crypto.unknown_signing_key', async () => {
    const { sealed } = await sealMessage(freshRequest('FIU-A', 'FIU-B'), net.gw['FIU-A']!.ring, new Date());
    await expectPeerRefusal(net, {
      receiver: 'FIU-B',
      deliver: net.rawPeerClient('FIU-A', 'FIU-B'),
      sealed,
      tlsPeer: 'FIU-A',
      status: grpc.status.UNAUTHENTICATED,
      reason: 'crypto.unknown_signing_key',
    });
  });

  describe('hostile key sets register nothing', () => {
    let unknownSigner: KeyRecord;
    let validNew: KeyRecord;
    before(async () => {
      const now = new Date();
      unknownSigner = (await generateKeyRecord('FIU-A', 'sig', now, new Date(now.getTime() + DAY))).private;
      validNew = (await generateKeyRecord('FIU-A', 'enc', now, new Date(now.getTime() + DAY))).public;
    });

    /** FIU-B's partner-key service, fed `jws` as FIU-A's answer to GetKeys. */
    async function refreshWith(jws: string): Promise<string> {
      const b = net.gw['FIU-B']!;
      const service = new PartnerKeys({
        store: b.store,
        ring: b.ring,
        sequencer: b.sequencer,
        partners: b.partners,
        peer: { getKeys: () => Promise.resolve(jws) },
        clock: () => new Date(),
        log: b.log,
      });
      const ledgerBefore = await b.store.ledgerSize();
      const keysBefore = (await b.store.keysOf('FIU-A')).length;
      const [r] = await service.refresh(adminOf('FIU-B'), 'FIU-A');
      expect(r!.ok).to.equal(false);
      expect(r!.learned).to.deep.equal([]);
      expect(await b.store.ledgerSize(), 'no ledger entry').to.equal(ledgerBefore);
      expect((await b.store.keysOf('FIU-A')).length, 'no stored key').to.equal(keysBefore);
      expect(b.ring.findPartnerKey('FIU-A', 'enc', validNew.jwk.kid), 'not in the ring').to.equal(undefined);
      return r!.ok ? '' : r!.errorCode;
    }

    const craft = (payload: unknown, signer: KeyRecord) =>
      signCompact(
        Buffer.from(canonicalJson(payload), 'utf8'),
        { alg: 'EdDSA', typ: KEY_SET_TYP, kid: signer.jwk.kid },
        privateKeyObject(signer),
      );
    const payload = (keys: unknown[], fiu = 'FIU-A') => ({
      v: 1,
      fiu,
      issuedAt: new Date().toISOString(),
      keys,
    });
    // FIU-A's original signing key, which FIU-B has registered.
    const knownSigner = () => net.messageKeys('FIU-A').sig;

    it('signed by a key FIU-B has not registered', async () => {
      expect(await refreshWith(craft(payload([validNew]), unknownSigner))).to.equal(
        'crypto.unknown_signing_key',
      );
    });

    it('tampered after signing', async () => {
      const [h, , s] = craft(payload([validNew]), knownSigner()).split('.');
      const other = Buffer.from(canonicalJson(payload([validNew, validNew]))).toString('base64url');
      expect(await refreshWith(`${h}.${other}.${s}`)).to.equal('crypto.bad_key_set');
    });

    it('whose payload names another FIU', async () => {
      expect(await refreshWith(craft(payload([validNew], 'FIU-B'), knownSigner()))).to.equal(
        'crypto.bad_key_set',
      );
    });

    it('holding a record whose kid is not its thumbprint (the rest of the set is not registered either)', async () => {
      const bad = { ...validNew, jwk: { ...validNew.jwk, kid: unknownSigner.jwk.kid } };
      expect(await refreshWith(craft(payload([validNew, bad]), knownSigner()))).to.equal(
        'crypto.bad_key_set',
      );
    });

    it('holding a private key', async () => {
      expect(await refreshWith(craft(payload([unknownSigner]), knownSigner()))).to.equal(
        'crypto.bad_key_set',
      );
    });
  });

  it('FIU-A’s GetKeys answers a key set signed with the key FIU-B knows', async () => {
    const jws = await net.gw['FIU-B']!.peers.getKeys('FIU-A', net.peerAddress('FIU-A'));
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString('utf8')) as {
      kid: string;
    };
    expect(header.kid).to.equal(net.messageKeys('FIU-A').sig.jwk.kid);
  });

  it('refresh-keys needs the admin role', async () => {
    const c = keysConnection('FIU-B', 'analyst');
    try {
      await c.refreshPartnerKeys('FIU-A');
      expect.fail('an analyst refreshed keys');
    } catch (err) {
      expect((err as { code: string }).code).to.equal('transport.operator_forbidden');
    } finally {
      c.close();
    }
  });

  it('admin@FIU-B refreshes FIU-A’s keys: both new keys registered, one key.registered entry each', async () => {
    const b = net.gw['FIU-B']!;
    const ledgerBefore = await b.store.ledgerSize();
    const c = keysConnection('FIU-B', 'admin');
    let res;
    try {
      res = await c.refreshPartnerKeys('FIU-A');
    } finally {
      c.close();
    }
    expect(res.partners).to.have.length(1);
    const p = res.partners[0]!;
    expect([p.partner, p.ok, p.errorCode, p.keysInSet]).to.deep.equal(['FIU-A', true, '', 5]);
    expect(p.learned.map((l) => `${l.use} ${l.kid}`).sort()).to.deep.equal(
      [`enc ${newEnc().kid}`, `sig ${newSig().kid}`].sort(),
    );
    const entries = await ledgerEntries(b.store, ledgerBefore);
    expect(entries.map((e) => e.event)).to.deep.equal(['key.registered', 'key.registered']);
    for (const [i, e] of entries.entries()) {
      const l = p.learned[i]!;
      expect(e).to.deep.include({
        index: Number(l.ledgerIndex),
        actor: { kind: 'operator', id: 'admin@FIU-B', roles: ['admin'] },
        fiu: 'FIU-A',
        kid: l.kid,
        use: l.use,
        notBefore: l.notBefore,
        notAfter: l.notAfter,
      });
      expect(JSON.stringify(e), 'no key material').to.not.include('"x"');
    }
    const stored = (await b.store.keysOf('FIU-A')).map((k) => k.record.jwk.kid);
    expect(stored).to.include.members([newSig().kid, newEnc().kid]);
  });

  it('a second refresh (through the CLI) learns nothing and writes nothing', async () => {
    const b = net.gw['FIU-B']!;
    const ledgerBefore = await b.store.ledgerSize();
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => void lines.push(line);
    const code = await run([
      'node',
      'fiugw',
      'partners',
      'refresh-keys',
      '--profile',
      net.profileFile('FIU-B', 'admin'),
      '--json',
    ]).finally(() => (console.log = log));
    expect(code).to.equal(0);
    const out = JSON.parse(lines.join('\n')) as { partners: Array<{ ok: boolean; learned: unknown[] }> };
    expect(out.partners.map((p) => [p.ok, p.learned.length])).to.deep.equal([[true, 0]]);
    expect(await b.store.ledgerSize()).to.equal(ledgerBefore);
  });

  it('FIU-B now accepts FIU-A’s messages signed with the new key', async () => {
    const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    expect([sent.status, sent.errorCode]).to.deep.equal(['delivered', '']);
  });

  it('FIU-B encrypts to FIU-A’s new encryption key, and FIU-A opens it', async () => {
    const { sealed } = await sealMessage(freshRequest('FIU-B', 'FIU-A'), net.gw['FIU-B']!.ring, new Date());
    const kid = (
      JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string }
    ).kid;
    expect(kid).to.equal(newEnc().kid);
    const sent = await net.operator('FIU-B', 'analyst').submitRequest('FIU-A', sampleInput());
    expect([sent.status, sent.errorCode]).to.deep.equal(['delivered', '']);
  });

  it('the message sent before the rotation still opens and verifies on both sides', async () => {
    const inB = await net.operator('FIU-B', 'liaison').showCase(oldCase.inB);
    expect((JSON.parse(inB.messages[0]!.messageJson) as { body: unknown }).body).to.deep.equal(
      oldCase.input.body,
    );
    const inA = await net.operator('FIU-A', 'analyst').showCase(oldCase.inA);
    expect((JSON.parse(inA.messages[0]!.messageJson) as { body: unknown }).body).to.deep.equal(
      oldCase.input.body,
    );
  });

  it('FIU-B keeps the learned keys across its restart', async () => {
    const b = await restart('FIU-B');
    expect(b.ring.findPartnerKey('FIU-A', 'sig', newSig().kid)?.jwk.kid).to.equal(newSig().kid);
    const sent = await net.operator('FIU-A', 'analyst').submitRequest('FIU-B', sampleInput());
    expect([sent.status, sent.errorCode]).to.deep.equal(['delivered', '']);
    expect(publicRecord(net.messageKeys('FIU-A').sig).jwk.d).to.equal(undefined);
  });
});
