import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { ERROR_CODES, GatewayError, type ErrorCode } from '../../../src/errors.js';
import { ERROR_CODE_METADATA, fromStatus, toStatus } from '../../../src/transport/status.js';

describe('toStatus', () => {
  const cases: Array<[ErrorCode, grpc.status]> = [
    ['crypto.bad_signature', grpc.status.UNAUTHENTICATED],
    ['transport.unknown_partner', grpc.status.PERMISSION_DENIED],
    ['message.invalid', grpc.status.INVALID_ARGUMENT],
    ['message.too_large', grpc.status.RESOURCE_EXHAUSTED],
    ['exchange.duplicate_id', grpc.status.ALREADY_EXISTS],
    ['exchange.not_found', grpc.status.NOT_FOUND],
    ['store.failed', grpc.status.INTERNAL],
  ];
  for (const [code, status] of cases) {
    it(`maps ${code} to ${grpc.status[status]} with the reason code in the trailer`, () => {
      const s = toStatus(new GatewayError(code, 'local detail', { publicDetail: 'public detail' }));
      expect(s.code).to.equal(status);
      expect(s.metadata!.get(ERROR_CODE_METADATA)).to.deep.equal([code]);
      expect(s.details).to.match(new RegExp(`^${code.replace('.', '\\.')}: `));
    });
  }

  it('never sends the local message or the cause, only the public detail', () => {
    const err = new GatewayError('message.invalid', 'at /srv/fiugw/src/x.ts:10 secret', {
      publicDetail: 'body.facts: expected text',
      cause: new Error('/etc/key.pem'),
    });
    expect(toStatus(err).details).to.equal('message.invalid: body.facts: expected text');
  });

  it('hides even the public detail of an internal error', () => {
    const s = toStatus(
      new GatewayError('store.failed', 'SQLITE_BUSY at /data/x', { publicDetail: 'db path /data' }),
    );
    expect(s.details).to.equal('store.failed: internal error');
  });

  it('turns anything that is not a GatewayError into INTERNAL with a fixed text', () => {
    const s = toStatus(
      new TypeError('Cannot read properties of undefined (reading "x") at /app/src/y.ts:3:1'),
    );
    expect(s.code).to.equal(grpc.status.INTERNAL);
    expect(s.details).to.equal('internal.unexpected: internal error');
  });

  it('uses a generic text for each kind when there is no public detail', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const s = toStatus(new GatewayError(code, 'local /path/secret'));
      expect(s.details).not.to.contain('/path');
    }
  });
});

describe('fromStatus', () => {
  it('reads the reason code back into a GatewayError', () => {
    const metadata = new grpc.Metadata();
    metadata.set(ERROR_CODE_METADATA, 'crypto.wrong_recipient');
    const e = fromStatus(
      {
        code: grpc.status.INVALID_ARGUMENT,
        details: 'crypto.wrong_recipient: fiu.to is not this gateway',
        metadata,
      },
      'delivery to FIU-B',
    );
    expect(e.code).to.equal('crypto.wrong_recipient');
    expect(e.publicDetail).to.equal('fiu.to is not this gateway');
  });

  it('treats an unknown reason code from a peer as a refusal, not as one of ours', () => {
    const metadata = new grpc.Metadata();
    metadata.set(ERROR_CODE_METADATA, 'made.up');
    const e = fromStatus({ code: grpc.status.INVALID_ARGUMENT, details: 'x', metadata }, 'ctx');
    expect(e.code).to.equal('transport.peer_refused');
  });

  it('treats UNAVAILABLE and DEADLINE_EXCEEDED as an unreachable partner', () => {
    for (const code of [grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED]) {
      expect(fromStatus({ code, details: 'x', metadata: new grpc.Metadata() }, 'ctx').code).to.equal(
        'transport.partner_unreachable',
      );
    }
  });
});

describe('docs/PROTOCOL.md, section 7', () => {
  const doc = readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('\n## 7. Errors'), doc.indexOf('\n## 8. '));
  /** Each table row: the codes named in its first cell (`store.*`: every store code), its status. */
  const rows = [...section.matchAll(/^\| (.*) \| `?([A-Z_]+)`? \((\d+)\)[^|]* \|$/gm)].map(
    ([, cell, name, n]) => ({
      codes: [...cell!.matchAll(/`([a-z]+\.(?:[a-z_]+|\*))`/g)].flatMap(([, c]) =>
        c!.endsWith('.*') ? Object.keys(ERROR_CODES).filter((k) => k.startsWith(c!.slice(0, -1))) : [c!],
      ),
      name: name!,
      number: Number(n),
    }),
  );

  it('names every reason code, once', () => {
    const named = rows.flatMap((r) => r.codes);
    expect([...named].sort()).to.deep.equal(Object.keys(ERROR_CODES).sort());
  });

  it('gives each code the status the gateway sends', () => {
    for (const { codes, name, number } of rows) {
      expect(grpc.status[number as grpc.status], `${name} (${number})`).to.equal(name);
      for (const code of codes) {
        expect(toStatus(new GatewayError(code as ErrorCode, 'x')).code, code).to.equal(number);
      }
    }
  });
});
