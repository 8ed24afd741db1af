/**
 * fast-check arbitraries for the policy properties: valid agreements (every one passes parseAgreement),
 * messages biased towards what the agreement allows (so that allowed cases are common), contexts, and
 * agreements strictly wider than a given one.
 */
import fc from 'fast-check';
import {
  CLASSIFICATIONS,
  DATA_CATEGORIES,
  MESSAGE_TYPES,
  PURPOSES,
  URGENCIES,
} from '../../../src/messages/index.js';
import {
  AGREEMENT_STATUSES,
  type Agreement,
  type EvaluationContext,
  type InForce,
  type PolicyDirection,
  type PolicyMessage,
} from '../../../src/policy/index.js';

export const OFFENCES = ['fraud', 'corruption', 'drug trafficking', 'tax evasion', 'piracy'] as const;
const IDS = ['MOU-1', 'MOU-2'] as const;
const PARTNERS = ['FIU-B', 'FIU-C'] as const;

/** Times from 2025 to 2032, in milliseconds. */
const T0 = Date.parse('2025-01-01T00:00:00Z');
const T1 = Date.parse('2032-01-01T00:00:00Z');
const instant = fc.integer({ min: T0, max: T1 });
const iso = (ms: number) => new Date(ms).toISOString();

const nonEmpty = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const onward: fc.Arbitrary<Agreement['onwardDissemination']> = fc.oneof(
  fc.constant({ mode: 'forbidden' as const }),
  fc.constant({ mode: 'prior_consent' as const }),
  nonEmpty(['police', 'prosecutor', 'tax authority']).map((recipients) => ({
    mode: 'allowed' as const,
    recipients,
  })),
);

/** The fields that only decide obligations, never whether a message is allowed. */
const terms = fc.record({
  onwardDissemination: onward,
  caveats: fc.subarray(['intelligence only, not evidence', 'do not contact the subject']),
  deadlines: fc
    .tuple(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 1, max: 365 }))
    .map(([x, y]) => ({ normalDays: Math.max(x, y), urgentDays: Math.min(x, y) })),
  approvals: fc.record({
    disclosures: fc.constantFrom(1 as const, 2 as const),
    outgoingRequestsNeedSupervisor: fc.boolean(),
  }),
  retention: fc.record({ days: fc.integer({ min: 1, max: 36_500 }) }),
});

/** A valid agreement. */
export const agreementArb: fc.Arbitrary<Agreement> = fc
  .record({
    id: fc.constantFrom(...IDS),
    version: fc.integer({ min: 1, max: 4 }),
    partner: fc.constantFrom(...PARTNERS),
    status: fc.oneof(
      { weight: 6, arbitrary: fc.constant('active' as const) },
      { weight: 1, arbitrary: fc.constantFrom(...AGREEMENT_STATUSES) },
    ),
    window: fc.tuple(instant, instant).filter(([a, b]) => a !== b),
    outgoing: fc.subarray([...MESSAGE_TYPES]),
    incoming: fc.subarray([...MESSAGE_TYPES]),
    purposes: nonEmpty(PURPOSES),
    offences: fc.option(nonEmpty(OFFENCES), { nil: undefined }),
    dataCategories: nonEmpty(DATA_CATEGORIES),
    maxClassification: fc.constantFrom(...CLASSIFICATIONS),
    rateLimits: fc.record({
      requestsPerDay: fc.integer({ min: 1, max: 50 }),
      burst: fc.integer({ min: 1, max: 10 }),
    }),
    terms,
  })
  .map((r) => {
    const [from, until] = r.window[0] < r.window[1] ? r.window : [r.window[1], r.window[0]];
    const a: Agreement = {
      id: r.id,
      version: r.version,
      partner: r.partner,
      status: r.status,
      validFrom: iso(from),
      validUntil: iso(until),
      messageTypes: { outgoing: r.outgoing, incoming: r.incoming },
      purposes: r.purposes,
      dataCategories: r.dataCategories,
      maxClassification: r.maxClassification,
      rateLimits: r.rateLimits,
      ...r.terms,
    };
    if (r.offences !== undefined && r.purposes.includes('predicate_offence'))
      a.predicateOffences = r.offences;
    return a;
  });

/** An agreement in force: when its version was applied, and the version before it (if any). */
export const inForceArb = (agreement: fc.Arbitrary<Agreement> = agreementArb): fc.Arbitrary<InForce> =>
  fc.record({
    agreement,
    since: instant.map(iso),
    previousVersion: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  });

/** An offence as a sender might write it: in another case, with spaces around. */
const offenceText = fc
  .tuple(fc.constantFrom(...OFFENCES), fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([o, upper, pad]) => `${pad}${upper ? o.toUpperCase() : o}${pad}`);

/** A policy message; with `a`, mostly one that `a` allows (its values are drawn from `a` most of the time). */
export function messageArb(a?: Agreement, direction?: PolicyDirection): fc.Arbitrary<PolicyMessage> {
  const likely = <T>(fromA: readonly T[] | undefined, all: readonly T[]) =>
    fromA && fromA.length > 0
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...fromA) },
          { weight: 1, arbitrary: fc.constantFrom(...all) },
        )
      : fc.constantFrom(...all);
  const categories =
    a === undefined
      ? nonEmpty(DATA_CATEGORIES)
      : fc.oneof(
          { weight: 4, arbitrary: nonEmpty(a.dataCategories) },
          { weight: 1, arbitrary: nonEmpty(DATA_CATEGORIES) },
        );
  const ranks =
    a === undefined
      ? CLASSIFICATIONS
      : CLASSIFICATIONS.slice(0, CLASSIFICATIONS.indexOf(a.maxClassification) + 1);
  const ref =
    a === undefined
      ? fc.record({ id: fc.constantFrom(...IDS), version: fc.integer({ min: 1, max: 4 }) })
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant({ id: a.id, version: a.version }) },
          {
            weight: 1,
            arbitrary: fc.record({ id: fc.constantFrom(...IDS), version: fc.integer({ min: 1, max: 4 }) }),
          },
        );
  return fc
    .record({
      type: likely(a && direction ? a.messageTypes[direction] : undefined, MESSAGE_TYPES),
      purpose: likely(a?.purposes, PURPOSES),
      offence: offenceText,
      dataCategories: categories,
      classification: likely(ranks, CLASSIFICATIONS),
      urgency: fc.constantFrom(...URGENCIES),
      agreement: ref,
    })
    .map(({ offence, ...m }) =>
      m.purpose === 'predicate_offence' ? { ...m, predicateOffence: offence } : m,
    );
}

/** A context; with `a`, mostly one within its window, with its partner and under its rate limits. */
export function contextArb(a?: Agreement): fc.Arbitrary<EvaluationContext> {
  const now =
    a === undefined
      ? instant
      : fc.oneof(
          {
            weight: 4,
            arbitrary: fc.integer({ min: Date.parse(a.validFrom), max: Date.parse(a.validUntil) - 1 }),
          },
          { weight: 1, arbitrary: instant },
        );
  const partner =
    a === undefined
      ? fc.constantFrom(...PARTNERS)
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant(a.partner) },
          { weight: 1, arbitrary: fc.constantFrom(...PARTNERS) },
        );
  return fc.record({
    direction: fc.constantFrom('outgoing' as const, 'incoming' as const),
    partner,
    now: now.map((ms) => new Date(ms)),
    usage:
      a === undefined
        ? fc.record({ today: fc.integer({ min: 0, max: 60 }), lastMinute: fc.integer({ min: 0, max: 12 }) })
        : fc
            .record({
              today: fc.integer({ min: 0, max: a.rateLimits.requestsPerDay }),
              lastMinute: fc.integer({ min: 0, max: a.rateLimits.burst }),
            })
            .map((u) => ({ ...u, lastMinute: Math.min(u.lastMinute, u.today) })),
    graceMs: fc.integer({ min: 0, max: 3 * 86_400_000 }),
  });
}

/** An agreement, a message and a context drawn to fit it, as evaluate takes them. */
export const caseArb: fc.Arbitrary<[InForce, PolicyMessage, EvaluationContext]> = inForceArb().chain(
  (inForce) =>
    contextArb(inForce.agreement).chain((ctx) =>
      messageArb(inForce.agreement, ctx.direction).map(
        (m) => [inForce, m, ctx] as [InForce, PolicyMessage, EvaluationContext],
      ),
    ),
);

const superset = <T>(narrow: readonly T[], all: readonly T[]) =>
  fc.subarray(all.filter((x) => !narrow.includes(x))).map((extra) => [...narrow, ...extra]);
const atLeast = (n: number, max: number) => fc.integer({ min: n, max });

/**
 * An agreement at least as wide as `a`: same id, version, partner and status; superset of message types
 * per direction, purposes, data categories and predicate offences (or no list); equal or higher
 * classification and rate limits; a window that contains `a`'s. Obligation terms are drawn anew.
 */
export function widerArb(a: Agreement): fc.Arbitrary<Agreement> {
  return fc
    .record({
      outgoing: superset(a.messageTypes.outgoing, MESSAGE_TYPES),
      incoming: superset(a.messageTypes.incoming, MESSAGE_TYPES),
      purposes: superset(a.purposes, PURPOSES),
      dropOffences: fc.boolean(),
      moreOffences: fc.subarray([...OFFENCES]),
      dataCategories: superset(a.dataCategories, DATA_CATEGORIES),
      rank: atLeast(CLASSIFICATIONS.indexOf(a.maxClassification), CLASSIFICATIONS.length - 1),
      earlier: fc.integer({ min: 0, max: 86_400_000 * 400 }),
      later: fc.integer({ min: 0, max: 86_400_000 * 400 }),
      requestsPerDay: atLeast(a.rateLimits.requestsPerDay, 1_000_000),
      burst: atLeast(a.rateLimits.burst, 100_000),
      terms,
    })
    .map((w) => {
      const wide: Agreement = {
        id: a.id,
        version: a.version,
        partner: a.partner,
        status: a.status,
        validFrom: iso(Date.parse(a.validFrom) - w.earlier),
        validUntil: iso(Date.parse(a.validUntil) + w.later),
        messageTypes: { outgoing: w.outgoing, incoming: w.incoming },
        purposes: w.purposes,
        dataCategories: w.dataCategories,
        maxClassification: CLASSIFICATIONS[w.rank]!,
        rateLimits: { requestsPerDay: w.requestsPerDay, burst: w.burst },
        ...w.terms,
      };
      const narrowCovers = a.purposes.includes('predicate_offence');
      if (w.purposes.includes('predicate_offence') && !w.dropOffences) {
        // A list is only as wide as "no list" when the narrow one did not cover predicate offences at all.
        if (!narrowCovers) wide.predicateOffences = w.moreOffences.length > 0 ? w.moreOffences : ['fraud'];
        else if (a.predicateOffences !== undefined)
          wide.predicateOffences = [
            ...a.predicateOffences,
            ...w.moreOffences.filter((o) => !a.predicateOffences!.includes(o)),
          ];
      }
      return wide;
    });
}
