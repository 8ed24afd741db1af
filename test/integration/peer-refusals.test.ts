/**
 * What a hostile or broken partner can send to a live gateway's peer API, one change from a good
 * delivery each, in the order of the receiver's checks (docs/PROTOCOL.md section 5). Every refusal is
 * checked on the wire (status, `fiu-error-code`, clean details) and at the receiver (one
 * `message.refused` ledger entry, nothing else stored).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { CompactSign } from 'jose';
import {
  canonicalJson,
  generateKeyRecord,
  privateKeyObject,
  sealMessage,
  sha256b64u,
  type KeyRecord,
} from '../../src/crypto/index.js';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/ledger/index.js';
import { createCa, issueCertificate } from '../../src/pki/index.js';
import { startNetwork, type ClientTls, type Deliver, type Network } from '../helpers/gateways.js';
import { freshRequest, publicRecord } from '../helpers/live-data.js';
import { craftSeal, type CraftOptions } from '../helpers/keys.js';
import {
  expectHandshakeRefusal,
  expectPeerRefusal,
  expectServiceError,
  expectStatus,
  type ExpectedRefusal,
} from '../helpers/refusals.js';

const DAY_MS = 24 * 3600 * 1000;

/** Replaces the character at `index` of `text` with another base64url character that keeps it canonical. */
function flipChar(text: string, index: number): string {
  const c = text[index]!;
  return text.slice(0, index) + (c === 'A' ? 'B' : 'A') + text.slice(index + 1);
}

/** Changes part `part` (0-based) of a compact serialization with `change`. */
function changePart(token: string, part: number, change: (p: string) => string): string {
  const parts = token.split('.');
  parts[part] = change(parts[part]!);
  return parts.join('.');
}

describe('the peer API of a live gateway, given hostile deliveries', function () {
  this.timeout(30_000);
  let net: Network;
  /** A signing key of FIU-A that FIU-B registered, whose validity window has ended. */
  let expiredKeyOfA: KeyRecord;
  let keysA: { sig: KeyRecord; enc: KeyRecord };
  let keysC: { sig: KeyRecord; enc: KeyRecord };
  let encB: KeyRecord;
  let asA: Deliver;
  let asC: Deliver;

  before(async function () {
    this.timeout(120_000); // a fresh PKI: RSA keys on a loaded machine
    const now = Date.now();
    expiredKeyOfA = (
      await generateKeyRecord('FIU-A', 'sig', new Date(now - 60 * DAY_MS), new Date(now - DAY_MS))
    ).private;
    net = await startNetwork(['FIU-A', 'FIU-B', 'FIU-C'], {
      // FIU-B registered an older signing key of FIU-A, expired since yesterday.
      prepare: (pki) => {
        const file = pki.fius['FIU-B']!.partnersFile;
        const registry = JSON.parse(readFileSync(file, 'utf8')) as {
          partners: Array<{ id: string; keys: KeyRecord[] }>;
        };
        registry.partners.find((p) => p.id === 'FIU-A')!.keys.push(publicRecord(expiredKeyOfA));
        writeFileSync(file, JSON.stringify(registry, null, 2));
      },
    });
    keysA = net.messageKeys('FIU-A');
    keysC = net.messageKeys('FIU-C');
    encB = publicRecord(net.messageKeys('FIU-B').enc);
    asA = net.rawPeerClient('FIU-A', 'FIU-B');
    asC = net.rawPeerClient('FIU-C', 'FIU-B');
  });
  after(() => net?.stop());

  /** A good seal from FIU-A to FIU-B crafted with jose and FIU-A's real keys, changed by `change`. */
  const crafted = (change: Partial<CraftOptions> = {}): { options: CraftOptions; id: string } => {
    const id = randomUUID();
    const options: CraftOptions = {
      payload: canonicalJson(freshRequest('FIU-A', 'FIU-B', { id })),
      signer: keysA.sig,
      recipient: encB,
      route: { id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
      ...change,
    };
    return { options, id: options.route.id };
  };

  /**
   * A refusal of a delivery by FIU-A to FIU-B whose ledger entry records the routing fields of
   * `route`; `null`: none (unreadable); `undefined`: not checked (only the digest).
   */
  const refusedFromA = (
    sealed: string,
    route: CraftOptions['route'] | null | undefined,
    expected: Pick<ExpectedRefusal, 'status' | 'reason' | 'detail' | 'secrets'>,
  ) =>
    expectPeerRefusal(net, {
      receiver: 'FIU-B',
      deliver: asA,
      sealed,
      tlsPeer: 'FIU-A',
      ...(route === undefined
        ? {}
        : { claimed: route ? { id: route.id, type: route.type, from: route.from, to: route.to } : {} }),
      ...expected,
    });

  describe('when nothing is changed', () => {
    it('accepts the crafted seal (the crafting itself is sound)', async () => {
      const { options, id } = crafted();
      const { receipt } = await asA(await craftSeal(options));
      expect(receipt).to.be.a('string');
      expect(await net.gw['FIU-B']!.store.findInbound('FIU-A', id)).to.not.equal(null);
    });
  });

  describe('step 0: the TLS handshake', () => {
    let sealed: string;
    let networkCa: Buffer;
    before(async () => {
      sealed = await craftSeal(crafted().options);
      networkCa = net.gatewayTls('FIU-A').ca;
    });

    it('refuses a client without a certificate, and stores nothing', async () => {
      await expectHandshakeRefusal(net, 'FIU-B', () => net.rawPeerClient({ ca: networkCa }, 'FIU-B')(sealed));
    });

    it('refuses a certificate naming FIU-A from another CA, and stores nothing', async () => {
      const rogueCa = await createCa('rogue CA');
      const rogue = await issueCertificate({
        caCertPem: rogueCa.certPem,
        caKeyPem: rogueCa.keyPem,
        commonName: 'FIU-A',
        usage: 'server+client',
      });
      const tls: ClientTls = {
        ca: networkCa,
        cert: Buffer.from(rogue.certPem),
        key: Buffer.from(rogue.keyPem),
      };
      await expectHandshakeRefusal(net, 'FIU-B', () => net.rawPeerClient(tls, 'FIU-B')(sealed));
    });

    it('refuses an expired certificate of FIU-A from the network CA, and stores nothing', async () => {
      const expired = await issueCertificate({
        caCertPem: readFileSync(net.pki.networkCa.cert, 'utf8'),
        caKeyPem: readFileSync(net.pki.networkCa.key, 'utf8'),
        commonName: 'FIU-A',
        usage: 'server+client',
        notBefore: new Date(Date.now() - 30 * DAY_MS),
        notAfter: new Date(Date.now() - DAY_MS),
      });
      const tls: ClientTls = {
        ca: networkCa,
        cert: Buffer.from(expired.certPem),
        key: Buffer.from(expired.keyPem),
      };
      await expectHandshakeRefusal(net, 'FIU-B', () => net.rawPeerClient(tls, 'FIU-B')(sealed));
    });

    it('refuses an operator certificate of FIU-A (operator CA) on the peer port', async () => {
      const a = net.pki.fius['FIU-A']!.operators.admin;
      const tls: ClientTls = { ca: networkCa, cert: readFileSync(a.cert), key: readFileSync(a.key) };
      await expectHandshakeRefusal(net, 'FIU-B', () => net.rawPeerClient(tls, 'FIU-B')(sealed));
    });
  });

  describe('step 1: the TLS peer', () => {
    it('refuses a network certificate of an FIU that is not a partner: PERMISSION_DENIED transport.unknown_partner', async () => {
      const stranger = await issueCertificate({
        caCertPem: readFileSync(net.pki.networkCa.cert, 'utf8'),
        caKeyPem: readFileSync(net.pki.networkCa.key, 'utf8'),
        commonName: 'FIU-X',
        usage: 'server+client',
      });
      const { options } = crafted();
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver: net.rawPeerClient(
          {
            ca: net.gatewayTls('FIU-A').ca,
            cert: Buffer.from(stranger.certPem),
            key: Buffer.from(stranger.keyPem),
          },
          'FIU-B',
        ),
        sealed: await craftSeal(options),
        tlsPeer: 'FIU-X',
        claimed: { ...options.route },
        status: grpc.status.PERMISSION_DENIED,
        reason: 'transport.unknown_partner',
        detail: 'FIU-X is not a registered partner',
      });
    });
  });

  describe('step 3: the JWE and its algorithms', () => {
    it('refuses what is not a JWE compact serialization: INVALID_ARGUMENT crypto.malformed_seal', async () => {
      await refusedFromA('not.a.jwe', null, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.malformed_seal',
      });
    });

    it('refuses another content encryption (A128GCM): INVALID_ARGUMENT crypto.unsupported_algorithm', async () => {
      const { options } = crafted({ jweHeader: { enc: 'A128GCM' } });
      await refusedFromA(await craftSeal(options), undefined, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.unsupported_algorithm',
        detail: 'expected enc A256GCM',
      });
    });
  });

  describe('step 4: the claimed sender', () => {
    it('refuses FIU-C sending, with its own keys, a message that claims to be from FIU-A: UNAUTHENTICATED crypto.sender_mismatch', async () => {
      const id = randomUUID();
      const route = { id, type: 'request', from: 'FIU-A', to: 'FIU-B', skid: keysC.sig.jwk.kid };
      const sealed = await craftSeal({
        payload: canonicalJson(freshRequest('FIU-A', 'FIU-B', { id })),
        signer: keysC.sig,
        recipient: encB,
        route,
      });
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver: asC,
        sealed,
        tlsPeer: 'FIU-C',
        claimed: { id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.sender_mismatch',
      });
    });

    it('refuses FIU-C relaying a genuine message of FIU-A: UNAUTHENTICATED crypto.sender_mismatch', async () => {
      const message = freshRequest('FIU-A', 'FIU-B');
      const { sealed } = await sealMessage(message, net.gw['FIU-A']!.ring, new Date());
      await expectPeerRefusal(net, {
        receiver: 'FIU-B',
        deliver: asC,
        sealed,
        tlsPeer: 'FIU-C',
        claimed: { id: message.header.id, type: 'request', from: 'FIU-A', to: 'FIU-B' },
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.sender_mismatch',
      });
    });
  });

  describe('step 5: the recipient', () => {
    it('refuses a message of FIU-A addressed to FIU-C: INVALID_ARGUMENT crypto.wrong_recipient', async () => {
      const message = freshRequest('FIU-A', 'FIU-C');
      const { sealed } = await sealMessage(message, net.gw['FIU-A']!.ring, new Date());
      await refusedFromA(
        sealed,
        { id: message.header.id, type: 'request', from: 'FIU-A', to: 'FIU-C' },
        { status: grpc.status.INVALID_ARGUMENT, reason: 'crypto.wrong_recipient' },
      );
    });
  });

  describe('step 6: the encryption key', () => {
    it('refuses a message encrypted to a key FIU-B does not have: INVALID_ARGUMENT crypto.unknown_encryption_key', async () => {
      const now = Date.now();
      const stranger = await generateKeyRecord(
        'FIU-B',
        'enc',
        new Date(now - DAY_MS),
        new Date(now + DAY_MS),
      );
      const { options } = crafted({ recipient: stranger.public });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.unknown_encryption_key',
      });
    });
  });

  describe('step 7: decryption', () => {
    it('refuses a ciphertext with one character changed: INVALID_ARGUMENT crypto.decryption_failed', async () => {
      const { options } = crafted();
      const sealed = changePart(await craftSeal(options), 3, (p) => flipChar(p, Math.floor(p.length / 2)));
      await refusedFromA(sealed, options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.decryption_failed',
        detail: 'decryption failed',
      });
    });

    it('refuses an authentication tag with one character changed: INVALID_ARGUMENT crypto.decryption_failed', async () => {
      const { options } = crafted();
      const sealed = changePart(await craftSeal(options), 4, (p) => flipChar(p, 0));
      await refusedFromA(sealed, options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.decryption_failed',
      });
    });

    it('refuses a tag whose last character has stray bits (not canonical base64url): INVALID_ARGUMENT crypto.malformed_seal', async () => {
      const { options } = crafted();
      const b64u = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const sealed = changePart(await craftSeal(options), 4, (p) => {
        const last = b64u.indexOf(p.at(-1)!);
        return p.slice(0, -1) + b64u[last | 1];
      });
      await refusedFromA(sealed, undefined, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.malformed_seal',
      });
    });

    it('refuses routing fields changed after encryption (the header is authenticated): crypto.decryption_failed', async () => {
      const { options } = crafted();
      const sealed = await craftSeal(options);
      const header = JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const otherId = randomUUID();
      const changed = changePart(sealed, 0, () =>
        Buffer.from(JSON.stringify({ ...header, 'fiu.id': otherId })).toString('base64url'),
      );
      await refusedFromA(
        changed,
        { ...options.route, id: otherId },
        { status: grpc.status.INVALID_ARGUMENT, reason: 'crypto.decryption_failed' },
      );
    });
  });

  describe('step 8: the inner signature header', () => {
    it('refuses a signer other than fiu.skid: UNAUTHENTICATED crypto.signer_mismatch', async () => {
      const { options } = crafted();
      const route = { ...options.route, skid: keysC.sig.jwk.kid };
      await refusedFromA(await craftSeal({ ...options, route }), route, {
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.signer_mismatch',
      });
    });
  });

  describe('step 8: what was encrypted is not a signed message (docs/PROTOCOL.md 4.1)', () => {
    it('refuses a JWE whose plaintext is not a JWS: INVALID_ARGUMENT crypto.malformed_seal', async () => {
      const { options } = crafted({ innerJws: 'Jane Example, born 1980-02-29' });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.malformed_seal',
        secrets: ['Jane', '1980-02-29'],
      });
    });

    it('refuses a signed message with an empty payload: INVALID_ARGUMENT crypto.malformed_seal', async () => {
      const { options } = crafted({ payload: '' });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.malformed_seal',
      });
    });
  });

  describe('step 9: the signing key', () => {
    it('refuses a JWS signed by an unregistered key: UNAUTHENTICATED crypto.unknown_signing_key', async () => {
      const now = Date.now();
      const rogue = await generateKeyRecord('FIU-A', 'sig', new Date(now - DAY_MS), new Date(now + DAY_MS));
      const { options } = crafted({ signer: rogue.private });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.unknown_signing_key',
      });
    });

    it('refuses a JWS signed by a registered key of another partner (FIU-C): UNAUTHENTICATED crypto.unknown_signing_key', async () => {
      const { options } = crafted({ signer: keysC.sig });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.unknown_signing_key',
      });
    });
  });

  describe('step 10: the validity of the signing key', () => {
    it('refuses a JWS signed by a registered key of FIU-A whose window has ended: UNAUTHENTICATED crypto.signing_key_not_valid', async () => {
      const { options } = crafted({ signer: expiredKeyOfA });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.signing_key_not_valid',
      });
    });
  });

  describe('step 11: the signature', () => {
    it('refuses a JWS whose signature belongs to other content: UNAUTHENTICATED crypto.bad_signature', async () => {
      const { options, id } = crafted();
      const sign = (payload: string) =>
        new CompactSign(new TextEncoder().encode(payload))
          .setProtectedHeader({ alg: 'EdDSA', kid: keysA.sig.jwk.kid, typ: 'fiu-message+jws' })
          .sign(privateKeyObject(keysA.sig));
      const good = await sign(canonicalJson(freshRequest('FIU-A', 'FIU-B', { id })));
      const other = await sign(
        canonicalJson(freshRequest('FIU-A', 'FIU-B', { id, input: { urgency: 'urgent' } })),
      );
      const innerJws = [...good.split('.').slice(0, 2), other.split('.')[2]].join('.');
      await refusedFromA(await craftSeal({ ...options, innerJws }), options.route, {
        status: grpc.status.UNAUTHENTICATED,
        reason: 'crypto.bad_signature',
      });
    });
  });

  describe('step 12: the message inside a valid seal', () => {
    it('refuses a message that fails the schema, naming the field but not its value: INVALID_ARGUMENT message.invalid', async () => {
      const { options, id } = crafted();
      const message = freshRequest('FIU-A', 'FIU-B', { id }) as unknown as {
        body: { subjects: Array<Record<string, unknown>> };
      };
      message.body.subjects[0]!.birthdate = '29/02/1980';
      await refusedFromA(await craftSeal({ ...options, payload: canonicalJson(message) }), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'message.invalid',
        detail: /^body\.subjects\.0\.birthdate: /,
        secrets: ['29/02/1980', 'Jane', 'Example'],
      });
    });

    it('refuses a payload that is not JSON: INVALID_ARGUMENT message.invalid', async () => {
      const { options } = crafted({ payload: 'subject: Jane Example' });
      await refusedFromA(await craftSeal(options), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'message.invalid',
        detail: 'expected a JSON message',
        secrets: ['Jane'],
      });
    });

    it('refuses a valid message not in canonical form: INVALID_ARGUMENT message.invalid', async () => {
      const { options, id } = crafted();
      const payload = JSON.stringify(freshRequest('FIU-A', 'FIU-B', { id }), null, 2);
      await refusedFromA(await craftSeal({ ...options, payload }), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'message.invalid',
        detail: 'canonical',
      });
    });
  });

  describe('step 13: the signed header against the routing fields', () => {
    it('refuses a signed header.id other than fiu.id: INVALID_ARGUMENT crypto.header_mismatch', async () => {
      const { options } = crafted();
      const payload = canonicalJson(freshRequest('FIU-A', 'FIU-B', { id: randomUUID() }));
      await refusedFromA(await craftSeal({ ...options, payload }), options.route, {
        status: grpc.status.INVALID_ARGUMENT,
        reason: 'crypto.header_mismatch',
        detail: 'header.id',
      });
    });
  });
  describe('the ledger proof RPCs (docs/PROTOCOL.md 6.1)', () => {
    let digest: string;
    before(async () => {
      const { sealed } = await sealMessage(freshRequest('FIU-A', 'FIU-B'), net.gw['FIU-A']!.ring, new Date());
      await asA(sealed);
      digest = sha256b64u(sealed);
    });

    it('proves to FIU-A that FIU-B’s ledger recorded its message', async () => {
      const r = await net.rawPeerProofs('FIU-A', 'FIU-B').inclusion(digest);
      const entry = JSON.parse(r.leaf.toString('utf8')) as { event: string; message: { digest: string } };
      expect(entry).to.deep.include({ event: 'message.received' });
      expect(entry.message.digest).to.equal(digest);
      const cp = net.gw['FIU-A']!.partnerLedgers.verifyNote('FIU-B', r.checkpoint);
      expect(cp.size).to.equal(Number(r.treeSize));
      verifyInclusion(leafHash(r.leaf), Number(r.index), cp.size, r.proof, cp.root);
    });

    it('answers FIU-C NOT_FOUND exchange.not_found for a message between FIU-A and FIU-B', async () => {
      const before = await net.snapshot('FIU-B');
      const err = await expectServiceError(net.rawPeerProofs('FIU-C', 'FIU-B').inclusion(digest));
      expectStatus(err, { status: grpc.status.NOT_FOUND, reason: 'exchange.not_found' });
      expect(await net.snapshot('FIU-B')).to.deep.equal(before);
    });

    it('refuses an FIU that is not a partner: PERMISSION_DENIED transport.unknown_partner', async () => {
      const stranger = await issueCertificate({
        caCertPem: readFileSync(net.pki.networkCa.cert, 'utf8'),
        caKeyPem: readFileSync(net.pki.networkCa.key, 'utf8'),
        commonName: 'FIU-X',
        usage: 'server+client',
      });
      const tls: ClientTls = {
        ca: net.gatewayTls('FIU-A').ca,
        cert: Buffer.from(stranger.certPem),
        key: Buffer.from(stranger.keyPem),
      };
      const proofs = net.rawPeerProofs(tls, 'FIU-B');
      const expected = {
        status: grpc.status.PERMISSION_DENIED,
        reason: 'transport.unknown_partner',
      } as const;
      expectStatus(await expectServiceError(proofs.inclusion(digest)), expected);
      expectStatus(await expectServiceError(proofs.consistency(1, 1)), expected);
    });

    it('answers a consistency proof that verifies between two of FIU-B’s checkpoints', async () => {
      const checkpoints = await net.gw['FIU-B']!.store.listCheckpoints();
      const [first, last] = [checkpoints[0]!, checkpoints.at(-1)!];
      expect(last.size).to.be.above(first.size);
      const { proof } = await net.rawPeerProofs('FIU-A', 'FIU-B').consistency(first.size, last.size);
      const root = (c: { root: string }) => Buffer.from(c.root, 'base64url');
      verifyConsistency(first.size, last.size, proof, root(first), root(last));
    });

    it('refuses sizes outside 0 < size1 <= size2 <= size: INVALID_ARGUMENT ledger.bad_input', async () => {
      const size = await net.gw['FIU-B']!.store.ledgerSize();
      const proofs = net.rawPeerProofs('FIU-A', 'FIU-B');
      for (const [size1, size2] of [
        [0, 1],
        [2, 1],
        [1, size + 1],
        ['-1', 1],
        [1, '99999999999999999'],
      ] as const) {
        const err = await expectServiceError(proofs.consistency(size1, size2));
        expectStatus(err, { status: grpc.status.INVALID_ARGUMENT, reason: 'ledger.bad_input' });
      }
    });
  });
});
