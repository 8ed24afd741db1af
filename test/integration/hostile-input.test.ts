/**
 * Hostile input against a live receiver (FIU-B, mutual TLS, real protos): fast-check sends random and
 * mutated sealed messages, JWE and JWS headers, JSON bodies signed with FIU-A's real keys, and raw
 * bytes to every PeerExchange method. The receiver never accepts, always refuses with a known
 * `fiu-error-code` and clean details, keeps serving, stores no message, and its ledger verifies.
 *
 * Runs per property: FIUGW_FUZZ_RUNS (default 40; the whole file then sends a few hundred cases).
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import fc from 'fast-check';
import { canonicalJson, sealMessage, type KeyRecord } from '../../src/crypto/index.js';
import { GatewayError } from '../../src/errors.js';
import { verifyLedger, ledgerVerifySource } from '../../src/ledger/index.js';
import { storeExportSource } from '../../src/services/audit.js';
import { clientCredentials, identityChannelOptions } from '../../src/transport/credentials.js';
import { publishedLedgerKey } from '../helpers/audit.js';
import { startNetwork, CALL_TIMEOUT_MS, type Deliver, type Network } from '../helpers/gateways.js';
import { expectCleanRefusal, privateMaterial } from '../helpers/hostile.js';
import { craftSeal, withHeader } from '../helpers/keys.js';
import { freshRequest, publicRecord } from '../helpers/live-data.js';
import { expectServiceError } from '../helpers/refusals.js';

const RUNS = Number(process.env.FIUGW_FUZZ_RUNS ?? 40);
const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url text of up to `max` characters. */
const b64u = (max: number) =>
  fc.array(fc.constantFrom(...B64U.split('')), { maxLength: max }).map((cs) => cs.join(''));

/** One edit of a string: flip, delete, insert or duplicate a slice. */
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    ch: fc.constantFrom(...`${B64U}.=+/ "{}`.split('')),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('swapParts' as const), a: fc.nat(4), b: fc.nat(4) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(s: string, e: Edit): string {
  switch (e.kind) {
    case 'flip': {
      const i = e.at % s.length;
      return s.slice(0, i) + e.ch + s.slice(i + 1);
    }
    case 'delete': {
      const i = e.at % s.length;
      return s.slice(0, i) + s.slice(i + e.len);
    }
    case 'insert': {
      const i = e.at % (s.length + 1);
      return s.slice(0, i) + e.text + s.slice(i);
    }
    case 'swapParts': {
      const parts = s.split('.');
      const [a, b] = [e.a % parts.length, e.b % parts.length];
      [parts[a], parts[b]] = [parts[b]!, parts[a]!];
      return parts.join('.');
    }
  }
}

describe('a live receiver given hostile input', function () {
  this.timeout(120_000);
  let net: Network;
  let asA: Deliver;
  let secrets: string[];
  let keysA: { sig: KeyRecord; enc: KeyRecord };
  let encB: KeyRecord;
  let stored: number;
  const seen = new Set<string>();

  before(async function () {
    net = await startNetwork(['FIU-A', 'FIU-B'], {
      // The properties send hundreds of calls in a burst; the limits have their own tests.
      configure: (fiu, config) => {
        if (fiu === 'FIU-B')
          config.peer.limits = { maxConcurrentPerPartner: 64, ratePerSecond: 100_000, burst: 100_000 };
      },
    });
    asA = net.rawPeerClient('FIU-A', 'FIU-B');
    secrets = privateMaterial(net, 'FIU-B');
    keysA = net.messageKeys('FIU-A');
    encB = publicRecord(net.messageKeys('FIU-B').enc);
    stored = (await net.snapshot('FIU-B')).messages;
  });
  after(() => net?.stop());

  /** Delivers `sealed` as FIU-A; it must be refused cleanly. Returns the reason code. */
  const refused = async (sealed: string) => {
    const code = expectCleanRefusal(await expectServiceError(asA(sealed)), secrets);
    seen.add(code);
    return code;
  };

  /** A genuine sealed request of FIU-A to FIU-B (never delivered as it is). */
  const genuine = async () =>
    (await sealMessage(freshRequest('FIU-A', 'FIU-B'), net.gw['FIU-A']!.ring, new Date())).sealed;

  /** The routing fields and keys of a well-formed seal of FIU-A to FIU-B. */
  const route = () => ({ id: randomUUID(), type: 'request', from: 'FIU-A', to: 'FIU-B' });

  it('refuses random text as a sealed message', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(b64u(200), { minLength: 1, maxLength: 7 }).map((parts) => parts.join('.')),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => void (await refused(t))),
      { numRuns: RUNS },
    );
  });

  it('refuses a genuine sealed message after one to three random edits', async () => {
    const original = await genuine();
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const mutated = edits.reduce(applyEdit, original);
        fc.pre(mutated !== original);
        await refused(mutated);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses JWE protected headers with random members or values, sealed with real keys', async () => {
    const base = canonicalJson(freshRequest('FIU-A', 'FIU-B'));
    const names = fc.oneof(
      fc.constantFrom(
        'alg',
        'enc',
        'kid',
        'typ',
        'cty',
        'zip',
        'crit',
        'epk',
        'fiu.id',
        'fiu.type',
        'fiu.from',
        'fiu.to',
        'fiu.skid',
        'apu',
      ),
      fc.string({ minLength: 1, maxLength: 12 }),
    );
    const extra = fc.dictionary(names, fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(extra, async (jweHeader) => {
        let sealed: string;
        try {
          sealed = await craftSeal({
            payload: base,
            signer: keysA.sig,
            recipient: encB,
            route: route(),
            jweHeader,
          });
        } catch {
          return fc.pre(false); // jose itself refuses to write such a header
        }
        await refused(sealed);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a protected header replaced by random JSON (encrypted part kept)', async () => {
    const original = await genuine();
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 12 }),
        async (h) => {
          await refused(withHeader(original, h));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses inner JWS headers with random members, signed and sealed with real keys', async () => {
    const base = canonicalJson(freshRequest('FIU-A', 'FIU-B'));
    const header = fc.dictionary(
      fc.oneof(
        fc.constantFrom('alg', 'kid', 'typ', 'b64', 'crit', 'jwk'),
        fc.string({ minLength: 1, maxLength: 8 }),
      ),
      fc.jsonValue({ maxDepth: 1 }),
      { minKeys: 1, maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(header, async (h) => {
        const jwsHeader = { alg: 'EdDSA', kid: keysA.sig.jwk.kid, typ: 'fiu-message+jws', ...h };
        fc.pre(
          Object.keys(jwsHeader).length > 3 ||
            jwsHeader.alg !== 'EdDSA' ||
            jwsHeader.kid !== keysA.sig.jwk.kid ||
            jwsHeader.typ !== 'fiu-message+jws',
        );
        let sealed: string;
        try {
          sealed = await craftSeal({
            payload: base,
            signer: keysA.sig,
            recipient: encB,
            route: route(),
            jwsHeader: jwsHeader as never,
          });
        } catch {
          return fc.pre(false);
        }
        await refused(sealed);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses random JSON bodies and broken messages, signed and sealed with FIU-A’s real keys', async () => {
    const unknownName = fc
      .stringMatching(/^[a-z][a-zA-Z]{0,14}$/)
      .filter((k) => !['header', 'body'].includes(k));
    const payload = fc.oneof(
      // Any JSON at all.
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      // A valid message with an unknown member at the top, in the header or in the body.
      fc
        .tuple(fc.constantFrom('top', 'header', 'body'), unknownName, fc.jsonValue({ maxDepth: 1 }))
        .map(([where, k, v]) => {
          const m = freshRequest('FIU-A', 'FIU-B') as unknown as Record<string, Record<string, unknown>>;
          const target = where === 'top' ? m : m[where]!;
          fc.pre(!(k in target));
          target[k] = v;
          return canonicalJson(m);
        }),
      // A valid message without one of its required members.
      fc
        .constantFrom(
          'header.id',
          'header.createdAt',
          'header.purpose',
          'body.facts',
          'body.subjects',
          'body.questions',
        )
        .map((p) => {
          const m = freshRequest('FIU-A', 'FIU-B') as unknown as Record<string, Record<string, unknown>>;
          const [a, b] = p.split('.') as [string, string];
          delete m[a]![b];
          return canonicalJson(m);
        }),
      // Valid JSON, but not the canonical form (whitespace).
      fc.constant(null).map(() => JSON.stringify(freshRequest('FIU-A', 'FIU-B'), null, 1)),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (text) => {
        await refused(await craftSeal({ payload: text, signer: keysA.sig, recipient: encB, route: route() }));
      }),
      { numRuns: RUNS },
    );
  });

  describe('raw bytes to every PeerExchange method', () => {
    let client: grpc.Client;
    before(() => {
      const tls = net.gatewayTls('FIU-A');
      client = new grpc.Client(
        net.peerAddress('FIU-B'),
        clientCredentials(tls, 'FIU-B'),
        identityChannelOptions('FIU-B'),
      );
    });
    after(() => client?.close());

    const call = (method: string, bytes: Uint8Array) =>
      new Promise<Buffer>((resolve, reject) =>
        client.makeUnaryRequest(
          `/fiu.exchange.v1.PeerExchange/${method}`,
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.from(bytes),
          { deadline: Date.now() + CALL_TIMEOUT_MS },
          (err, res) => (err ? reject(err) : resolve(res!)),
        ),
      );

    it('never accepts a delivery, and refuses undecodable bytes as transport.malformed_request', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
          const code = expectCleanRefusal(await expectServiceError(call('Deliver', bytes)), secrets);
          seen.add(code);
        }),
        { numRuns: RUNS },
      );
      // 0xff is not a valid protobuf tag: it cannot decode.
      const err = await expectServiceError(call('Deliver', new Uint8Array([0xff, 0xff, 0xff])));
      expect(expectCleanRefusal(err, secrets)).to.equal('transport.malformed_request');
    });

    it('answers the proof methods with a response or a clean refusal (a known code, no internals)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GetConsistencyProof', 'GetInclusionProof'),
          fc.uint8Array({ maxLength: 60 }),
          async (method, bytes) => {
            try {
              await call(method, bytes);
            } catch (err) {
              seen.add(expectCleanRefusal(err, secrets));
            }
          },
        ),
        { numRuns: RUNS },
      );
    });
  });

  describe('when the receiver fails inside (errors carrying stacks, paths and key material)', () => {
    const inside: Array<[string, () => Error]> = [
      ['a TypeError with a stack', () => new TypeError("Cannot read properties of undefined (reading 'x')")],
      [
        'a store error naming the database file',
        () =>
          new GatewayError('store.failed', 'SQLITE_BUSY: /var/lib/fiugw/data/gateway.sqlite is locked', {
            cause: new Error('at Database.prepare (/app/node_modules/better-sqlite3/lib/index.js:1:2)'),
          }),
      ],
      [
        'an unexpected error whose message holds a private key',
        () => new Error(`key ${JSON.stringify(net.messageKeys('FIU-B').sig.jwk)} rejected`),
      ],
    ];
    for (const [what, make] of inside) {
      it(`answers ${what} as INTERNAL with the fixed text, no stack, path or key material`, async () => {
        const gw = net.gw['FIU-B']!;
        const receive = gw.inbound.receive.bind(gw.inbound);
        const consistency = gw.audit.consistency.bind(gw.audit);
        gw.inbound.receive = () => Promise.reject(make());
        gw.audit.consistency = () => Promise.reject(make());
        try {
          const errors = [
            await expectServiceError(asA(await genuine())),
            await expectServiceError(net.rawPeerProofs('FIU-A', 'FIU-B').consistency(1, 1)),
          ];
          for (const err of errors) {
            const code = expectCleanRefusal(err, secrets);
            expect(grpc.status[err.code]).to.equal('INTERNAL');
            expect(err.details).to.equal(`${code}: internal error`);
            expect(err.details).to.not.match(/\/|at |node_modules|sqlite|kty|TypeError/);
          }
        } finally {
          gw.inbound.receive = receive;
          gw.audit.consistency = consistency;
        }
      });
    }
  });

  describe('afterwards', () => {
    it('has refused with several distinct reason codes (the generators reach deep checks)', () => {
      expect([...seen]).to.include.members([
        'crypto.malformed_seal',
        'crypto.decryption_failed',
        'message.invalid',
      ]);
    });

    it('stored no message, still accepts a genuine delivery, and its live ledger verifies', async () => {
      expect((await net.snapshot('FIU-B')).messages).to.equal(stored);
      expect((await asA(await genuine())).receipt).to.be.a('string');
      const gw = net.gw['FIU-B']!;
      const result = await verifyLedger(
        ledgerVerifySource(await storeExportSource(gw.store, 'FIU-B', gw.ring)),
        {
          keys: [publishedLedgerKey(net, 'FIU-B')],
          checkEntries: true,
        },
      );
      expect(result.ok, JSON.stringify(result)).to.equal(true);
    });
  });
});
