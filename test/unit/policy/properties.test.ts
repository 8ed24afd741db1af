import { expect } from 'chai';
import fc from 'fast-check';
import { evaluate, parseAgreement, REASON_CODES } from '../../../src/policy/index.js';
import { agreementArb, caseArb, contextArb, inForceArb, messageArb, widerArb } from './arbitraries.js';

const RUNS = { numRuns: 300 };

/** Freezes `value` and everything it holds (a Date's time can still change: compare it apart). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** An agreement under which nothing can be allowed at `now`: not active, or `now` outside its window. */
const deadCaseArb = inForceArb().chain((inForce) => {
  const a = inForce.agreement;
  const from = Date.parse(a.validFrom);
  const until = Date.parse(a.validUntil);
  const span = 5 * 365 * 86_400_000;
  const cases = fc.oneof(
    fc
      .tuple(fc.constantFrom('suspended' as const, 'terminated' as const), contextArb(a))
      .map(([status, ctx]) => ({ status, ctx })),
    fc
      .tuple(fc.integer({ min: from - span, max: from - 1 }), contextArb(a))
      .map(([t, ctx]) => ({ status: a.status, ctx: { ...ctx, now: new Date(t) } })),
    fc
      .tuple(fc.integer({ min: until, max: until + span }), contextArb(a))
      .map(([t, ctx]) => ({ status: a.status, ctx: { ...ctx, now: new Date(t) } })),
  );
  return fc.tuple(cases, messageArb(a)).map(([{ status, ctx }, m]) => ({
    inForce: { ...inForce, agreement: { ...a, status } },
    message: m,
    ctx,
  }));
});

describe('evaluate (properties)', () => {
  describe('the arbitraries', () => {
    it('draw only valid agreements, and wider agreements that are valid', () => {
      fc.assert(
        fc.property(
          agreementArb.chain((a) => fc.tuple(fc.constant(a), widerArb(a))),
          ([a, wide]) => {
            expect(parseAgreement(a)).to.deep.equal(a);
            expect(parseAgreement(wide)).to.deep.equal(wide);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('draw cases that are allowed often enough, and refusals for every reason', () => {
      const sample = fc.sample(caseArb, { numRuns: 1000, seed: 4 });
      const decisions = sample.map(([i, m, c]) => evaluate(i, m, c));
      expect(decisions.filter((d) => d.allow).length).to.be.greaterThan(sample.length / 10);
      const codes = new Set(decisions.flatMap((d) => d.reasons.map((r) => r.code)));
      expect([...codes]).to.have.members(REASON_CODES.filter((c) => c !== 'policy.no_agreement'));
    });
  });

  it('allows nothing under a suspended, terminated, not yet valid or expired agreement', () => {
    fc.assert(
      fc.property(deadCaseArb, ({ inForce, message, ctx }) => {
        const d = evaluate(inForce, message, ctx);
        expect(d.allow).to.equal(false);
        const codes = d.reasons.map((r) => r.code);
        const expected = [
          ...(inForce.agreement.status === 'suspended' ? ['policy.agreement_suspended'] : []),
          ...(inForce.agreement.status === 'terminated' ? ['policy.agreement_terminated'] : []),
          ...(ctx.now.getTime() < Date.parse(inForce.agreement.validFrom)
            ? ['policy.agreement_not_yet_valid']
            : []),
          ...(ctx.now.getTime() >= Date.parse(inForce.agreement.validUntil)
            ? ['policy.agreement_expired']
            : []),
        ];
        expect(expected).not.to.deep.equal([]);
        expect(codes).to.include.members(expected);
      }),
      RUNS,
    );
  });

  it('allows under a wider agreement whatever a narrower one allows', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        caseArb.chain(([inForce, m, ctx]) =>
          fc.tuple(fc.constant(inForce), fc.constant(m), fc.constant(ctx), widerArb(inForce.agreement)),
        ),
        ([inForce, m, ctx, wide]) => {
          if (!evaluate(inForce, m, ctx).allow) return;
          checked++;
          const d = evaluate({ ...inForce, agreement: wide }, m, ctx);
          expect(d.reasons).to.deep.equal([]);
          expect(d.allow).to.equal(true);
        },
      ),
      { numRuns: 1000 },
    );
    // About a quarter of the drawn cases are allowed (see "the arbitraries" above).
    expect(checked).to.be.greaterThan(100);
  });

  it('allows exactly when there is no reason; a refusal carries no obligation; reasons follow the documented order', () => {
    fc.assert(
      fc.property(
        fc.oneof(caseArb, fc.tuple(fc.option(inForceArb(), { nil: null }), messageArb(), contextArb())),
        ([inForce, m, ctx]) => {
          const d = evaluate(inForce, m, ctx);
          expect(d.allow).to.equal(d.reasons.length === 0);
          if (!d.allow) expect(d.obligations).to.deep.equal([]);
          else expect(d.obligations.at(-1)?.kind).to.equal('retain_until');
          const order = d.reasons.map((r) => REASON_CODES.indexOf(r.code));
          expect(order.every((x, i) => x >= 0 && (i === 0 || x > order[i - 1]!))).to.equal(true);
          expect(d.agreement).to.deep.equal(
            inForce === null ? null : { id: inForce.agreement.id, version: inForce.agreement.version },
          );
        },
      ),
      RUNS,
    );
  });

  it('is deterministic and does not change its inputs', () => {
    fc.assert(
      fc.property(caseArb, ([inForce, m, ctx]) => {
        const copies = structuredClone([inForce, m, ctx]);
        const time = ctx.now.getTime();
        deepFreeze([inForce, m, ctx]);
        const first = evaluate(inForce, m, ctx);
        const second = evaluate(inForce, m, ctx);
        expect(second).to.deep.equal(first);
        expect([inForce, m, ctx]).to.deep.equal(copies);
        expect(ctx.now.getTime()).to.equal(time);
      }),
      RUNS,
    );
  });
});
