/**
 * The JSON logger: pino lines with level, time, fiu and msg, the correlation id of the scope, and
 * redaction that keeps message bodies, sealed messages, receipts and key material out of every line.
 */
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { sealMessage } from '../../src/crypto/index.js';
import { jsonLogger, withCorrelation, type Logger, type LogFields } from '../../src/log.js';
import { runWithCorrelation } from '../../src/observability/correlation.js';
import { makeFius, NOW, ringFor } from '../helpers/keys.js';
import { freshRequest } from '../helpers/live-data.js';

function capture(): { log: Logger; lines: string[]; parsed: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  return {
    log: jsonLogger('FIU-A', (l) => void lines.push(l)),
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('jsonLogger', () => {
  it('writes one JSON object per line with level, time, fiu, msg and the fields', () => {
    const { log, lines, parsed } = capture();
    log.warn('delivery failed', { id: 'm-1', to: 'FIU-B', code: 'transport.partner_unreachable' });
    expect(lines).to.have.length(1);
    expect(lines[0]!.endsWith('\n')).to.equal(true);
    const [line] = parsed();
    expect(line).to.include({
      level: 'warn',
      fiu: 'FIU-A',
      msg: 'delivery failed',
      id: 'm-1',
      to: 'FIU-B',
      code: 'transport.partner_unreachable',
    });
    expect(Date.parse(String(line!.time))).to.be.a('number').and.not.NaN;
  });

  describe('when a caller tries to log a message body, a sealed message or key material', () => {
    let text: string;
    let secrets: string[];

    before(async () => {
      const { log, lines } = capture();
      const ring = await ringFor('FIU-A', await makeFius(['FIU-A', 'FIU-B']));
      const message = freshRequest('FIU-A', 'FIU-B');
      const { sealed, signed } = await sealMessage(message, ring, NOW);
      const privateJwk = JSON.stringify(ring.signingKey(NOW).jwk);
      const d = ring.signingKey(NOW).jwk.d!;
      const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ format: 'pem', type: 'pkcs8' })
        .toString();
      const body = JSON.stringify(message.body);
      const subject = JSON.stringify(message.body.subjects[0]);
      secrets = [sealed, signed, d, pem.split('\n')[1]!, body, subject];
      const fields: Record<string, unknown> = {
        // Fields outside the allow-list are dropped, whatever they hold.
        body,
        sealed,
        jwk: privateJwk,
        subject,
        // Allowed fields whose value holds something that must not be logged.
        reason: `could not open ${sealed}`,
        detail: `key ${privateJwk}`,
        error: `bad key\n${pem}`,
        cause: signed,
        // Not a primitive: dropped.
        digest: message as unknown as string,
      };
      log.error(`refused ${sealed} with ${privateJwk}`, fields as LogFields);
      log.info('d alone', { reason: `"d":"${d}"` });
      text = lines.join('');
    });

    it('writes none of them', () => {
      for (const s of secrets) expect(text, s.slice(0, 40)).not.to.include(s);
      expect(text).not.to.include('"d":"');
      expect(text).not.to.include('PRIVATE KEY');
    });

    it('names the dropped fields and marks what it redacted', () => {
      const line = JSON.parse(text.split('\n')[0]!) as Record<string, unknown>;
      expect(String(line.droppedFields).split(',')).to.have.members([
        'body',
        'sealed',
        'jwk',
        'subject',
        'digest',
      ]);
      expect(line.reason).to.equal('could not open [redacted]');
      expect(String(line.msg)).to.match(/^refused \[redacted\] with /);
      expect(String(line.detail)).to.include('[redacted]');
    });
  });

  it('caps long values', () => {
    const { log, parsed } = capture();
    log.info('long', { reason: 'word '.repeat(1000) });
    expect(String(parsed()[0]!.reason).length).to.be.lessThan(2100);
  });
});

describe('withCorrelation', () => {
  it('adds the correlation id of the scope to every line, and none outside a scope', () => {
    const lines: Array<{ msg: string; fields?: LogFields }> = [];
    const inner: Logger = {
      info: (msg, fields) => void lines.push({ msg, fields }),
      warn: (msg, fields) => void lines.push({ msg, fields }),
      error: (msg, fields) => void lines.push({ msg, fields }),
    };
    const log = withCorrelation(inner);
    runWithCorrelation('c-123', () => log.info('inside', { id: 'm-1' }));
    log.warn('outside', { id: 'm-2' });
    expect(lines[0]!.fields).to.deep.equal({ id: 'm-1', correlationId: 'c-123' });
    expect(lines[1]!.fields).to.deep.equal({ id: 'm-2' });
  });

  it('redacts like jsonLogger, whatever logger it wraps', () => {
    const lines: Array<LogFields | undefined> = [];
    const log = withCorrelation({
      info: (_m, f) => void lines.push(f),
      warn: () => {},
      error: () => {},
    });
    log.info('x', { body: 'Jane Example', reason: 'eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.c2ln' });
    expect(lines[0]).to.deep.equal({ reason: '[redacted]', droppedFields: 'body' });
  });
});
