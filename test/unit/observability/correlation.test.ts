/** The correlation id a partner may send: accepted only in its documented shape. */
import { expect } from 'chai';
import {
  currentCorrelationId,
  newCorrelationId,
  runWithCorrelation,
  validCorrelationId,
} from '../../../src/observability/correlation.js';

describe('validCorrelationId', () => {
  it('accepts a UUID and short ids of letters, digits, dot, underscore, colon and dash', () => {
    for (const id of [newCorrelationId(), 'a', 'ops-test_1.2:3', 'x'.repeat(64)])
      expect(validCorrelationId(id)).to.equal(id);
  });

  it('refuses anything else: empty, too long, spaces, quotes, control characters, non-strings', () => {
    for (const bad of [
      '',
      'x'.repeat(65),
      'a b',
      'a"b',
      'a\nb',
      '{"level":"error"}',
      'é',
      undefined,
      42,
      Buffer.from('ab'),
    ]) {
      expect(validCorrelationId(bad), String(bad)).to.equal(null);
    }
  });
});

describe('runWithCorrelation', () => {
  it('holds the id across awaits inside the scope only', async () => {
    const seen = await runWithCorrelation('c-1', async () => {
      await new Promise((r) => setImmediate(r));
      return currentCorrelationId();
    });
    expect(seen).to.equal('c-1');
    expect(currentCorrelationId()).to.equal(undefined);
  });
});
