import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { evaluate, parseAgreement, type Agreement } from '../../../src/policy/index.js';

const DIR = new URL('../../../docs/examples/agreements/', import.meta.url);
const load = (name: string): Agreement => parseAgreement(parse(readFileSync(new URL(name, DIR), 'utf8')));

/** The terms both FIUs agree on; `approvals` is each FIU's own internal rule and may differ. */
function shared(a: Agreement) {
  const { partner: _partner, messageTypes: _types, approvals: _approvals, ...rest } = a;
  return rest;
}

describe('the example agreements (docs/examples/agreements)', () => {
  const a = load('FIU-A-with-FIU-B.yaml');
  const b = load('FIU-B-with-FIU-A.yaml');

  it('parse as valid agreements', () => {
    expect(a.partner).to.equal('FIU-B');
    expect(b.partner).to.equal('FIU-A');
  });

  it('carry the same id and version', () => {
    expect({ id: a.id, version: a.version }).to.deep.equal({ id: 'MOU-FIU-A-FIU-B', version: 1 });
    expect({ id: b.id, version: b.version }).to.deep.equal({ id: a.id, version: a.version });
  });

  it('mirror each other: what one sends the other accepts', () => {
    expect(a.messageTypes.outgoing).to.have.members(b.messageTypes.incoming);
    expect(a.messageTypes.incoming).to.have.members(b.messageTypes.outgoing);
  });

  it('agree on every shared term', () => {
    expect(shared(a)).to.deep.equal(shared(b));
  });

  it('let a request from FIU-A out at FIU-A and in at FIU-B, and keep a spontaneous disclosure from FIU-B at home', () => {
    const now = new Date('2026-06-01T10:00:00.000Z');
    const usage = { today: 0, lastMinute: 0 };
    const message = {
      type: 'request' as const,
      purpose: 'predicate_offence' as const,
      predicateOffence: 'Fraud',
      dataCategories: ['identity', 'accounts'] as const,
      classification: 'restricted' as const,
      urgency: 'normal' as const,
      agreement: { id: a.id, version: a.version },
    };
    const inForce = (agreement: Agreement) => ({ agreement, since: '2026-01-01T00:00:00.000Z' });
    const ctx = { now, usage, graceMs: 0 };
    expect(evaluate(inForce(a), message, { ...ctx, direction: 'outgoing', partner: 'FIU-B' }).allow).to.equal(
      true,
    );
    expect(evaluate(inForce(b), message, { ...ctx, direction: 'incoming', partner: 'FIU-A' }).allow).to.equal(
      true,
    );
    const disclosure = { ...message, type: 'spontaneous_disclosure' as const };
    const refused = evaluate(inForce(b), disclosure, { ...ctx, direction: 'outgoing', partner: 'FIU-A' });
    expect(refused.reasons.map((r) => r.code)).to.deep.equal(['policy.type_not_allowed']);
  });
});
