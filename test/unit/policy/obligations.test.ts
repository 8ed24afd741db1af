import { expect } from 'chai';
import { disseminationCaveat, type Agreement } from '../../../src/policy/index.js';
import { REF, RETAIN, decide, expectAllowed, expectRefused } from './agreement-fixture.js';

describe('evaluate: obligations', () => {
  const prior = 'no onward dissemination without the prior consent of the disclosing FIU';

  it('asks two approvals (a supervisor) and attaches caveats to an outgoing response under four eyes', () => {
    const d = decide({ message: { type: 'response' } });
    expectAllowed(d);
    expect(d.obligations).to.deep.equal([
      { kind: 'approvals', count: 2, supervisor: true },
      { kind: 'caveat', text: prior },
      { kind: 'caveat', text: 'intelligence only, not evidence' },
      RETAIN,
    ]);
  });

  it('asks one approval (not a supervisor) for an outgoing spontaneous disclosure with one approval', () => {
    const d = decide({
      agreement: (a) => {
        a.approvals.disclosures = 1;
        a.caveats = [];
      },
      message: { type: 'spontaneous_disclosure' },
    });
    expect(d.obligations).to.deep.equal([
      { kind: 'approvals', count: 1, supervisor: false },
      { kind: 'caveat', text: prior },
      RETAIN,
    ]);
  });

  it('attaches the caveat of each onward dissemination mode, then the agreement caveats in order', () => {
    const rules = [
      [{ mode: 'forbidden' }, 'no onward dissemination'],
      [{ mode: 'prior_consent' }, prior],
      [
        { mode: 'allowed', recipients: ['national police', 'public prosecutor'] },
        'onward dissemination allowed to national police, public prosecutor; to anyone else only with the prior consent of the disclosing FIU',
      ],
    ] as const;
    for (const [rule, text] of rules) {
      expect(disseminationCaveat(rule as Agreement['onwardDissemination'])).to.equal(text);
      const d = decide({
        agreement: (a) => {
          a.onwardDissemination = rule as Agreement['onwardDissemination'];
          a.caveats = ['second', 'first'];
        },
        message: { type: 'response' },
      });
      expect(d.obligations.filter((o) => o.kind === 'caveat')).to.deep.equal([
        { kind: 'caveat', text },
        { kind: 'caveat', text: 'second' },
        { kind: 'caveat', text: 'first' },
      ]);
    }
  });

  it('asks a supervisor approval for an outgoing request only when outgoingRequestsNeedSupervisor', () => {
    expect(decide().obligations).to.deep.equal([RETAIN]);
    const d = decide({ agreement: (a) => (a.approvals.outgoingRequestsNeedSupervisor = true) });
    expect(d.obligations).to.deep.equal([{ kind: 'approvals', count: 1, supervisor: true }, RETAIN]);
  });

  it('sets the deadline of an incoming request from its urgency', () => {
    const incoming = { direction: 'incoming' as const };
    expect(decide({ context: incoming }).obligations).to.deep.equal([
      { kind: 'deadline', at: '2026-07-15T12:00:00.000Z' },
      RETAIN,
    ]);
    expect(decide({ message: { urgency: 'urgent' }, context: incoming }).obligations).to.deep.equal([
      { kind: 'deadline', at: '2026-06-20T12:00:00.000Z' },
      RETAIN,
    ]);
  });

  it('asks nothing but retention for an incoming request under outgoingRequestsNeedSupervisor, or an incoming response', () => {
    const d = decide({
      agreement: (a) => (a.approvals.outgoingRequestsNeedSupervisor = true),
      message: { type: 'response' },
      context: { direction: 'incoming' },
    });
    expect(d.obligations).to.deep.equal([RETAIN]);
    expect(decide({ message: { type: 'feedback' } }).obligations).to.deep.equal([RETAIN]);
  });

  it('keeps each allowed message for retention.days from now', () => {
    const d = decide({ agreement: (a) => (a.retention.days = 1) });
    expect(d.obligations).to.deep.equal([{ kind: 'retain_until', at: '2026-06-16T12:00:00.000Z' }]);
  });

  it('carries none when refused, even for an outgoing disclosure', () => {
    const d = decide({ message: { type: 'response', classification: 'secret' } });
    expectRefused(d, 'policy.classification_too_high');
    expect(d.agreement).to.deep.equal(REF);
  });
});
