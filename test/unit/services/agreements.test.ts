import { expect } from 'chai';
import { silentLogger } from '../../../src/log.js';
import type { Agreement } from '../../../src/policy/index.js';
import { AgreementService } from '../../../src/services/agreements.js';
import { PartnerDirectory } from '../../../src/services/partners.js';
import { PolicyGate } from '../../../src/services/policy-gate.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { onPostgres, testDatabaseUrl } from '../../helpers/database.js';
import { expectCode } from '../../helpers/expect-code.js';
import { makeFius, NOW } from '../../helpers/keys.js';
import { startSequencer } from '../../helpers/sequencer.js';
import { agreementDoc, message as policyMessage } from '../policy/agreement-fixture.js';
import { sampleMessage } from '../store/fixtures.js';

const ADMIN = { id: 'admin@FIU-A', roles: ['admin' as const] };
const ANALYST = { id: 'analyst@FIU-A', roles: ['analyst' as const] };

describe('AgreementService and PolicyGate', () => {
  let url: string;
  let store: Store;
  let service: AgreementService;
  let gate: PolicyGate;
  let now: Date;
  let keys: Awaited<ReturnType<typeof makeFius>>[string];
  const clock = () => now;

  /** FIU-A's agreement service on `s`, with a sequencer of its own. */
  const serviceOn = async (s: Store): Promise<AgreementService> => {
    const sequencer = await startSequencer(s, keys, clock);
    const partners = new PartnerDirectory({
      partners: [
        { id: 'FIU-B', address: '127.0.0.1:1', keys: [] },
        { id: 'FIU-C', address: '127.0.0.1:2', keys: [] },
      ],
    } as never);
    return new AgreementService({ self: 'FIU-A', store: s, sequencer, partners, clock, log: silentLogger });
  };

  beforeEach(async () => {
    keys = (await makeFius(['FIU-A']))['FIU-A']!;
    now = new Date(NOW);
    url = await testDatabaseUrl('sqlite::memory:');
    store = await openStore(url);
    service = await serviceOn(store);
    gate = new PolicyGate({ store, agreements: service, graceMs: 3_600_000 });
  });
  afterEach(() => store.close());

  const doc = (change: Partial<Agreement> = {}): Agreement => ({ ...agreementDoc(), ...change });
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  describe('apply', () => {
    it('refuses operators without the admin role', async () => {
      await expectCode(() => service.apply(ANALYST, doc()), 'transport.operator_forbidden');
      expect(await store.agreementRevisions()).to.deep.equal([]);
    });

    it('keeps every revision, and the one in force knows its previous version and since when', async () => {
      await service.apply(ADMIN, doc({ version: 1 }));
      later(1000);
      const v2 = await service.apply(ADMIN, doc({ version: 2 }));
      later(1000);
      await service.suspend(ADMIN, 'MOU-FIU-A-FIU-B', 'audit');
      const inForce = (await service.inForce('FIU-B'))!;
      expect(inForce.agreement).to.include({ version: 2, status: 'suspended' });
      expect(inForce.since).to.equal(v2.revision.appliedAt);
      expect(inForce.previousVersion).to.equal(1);
      expect((await store.agreementRevisions()).map((r) => [r.version, r.status])).to.deep.equal([
        [1, 'active'],
        [2, 'active'],
        [2, 'suspended'],
      ]);
    });

    it('keeps the newer agreement in force when an older agreement id is suspended afterwards', async () => {
      await service.apply(ADMIN, doc({ id: 'MOU-2020', version: 4 }));
      later(1000);
      await service.apply(ADMIN, doc({ id: 'MOU-2026', version: 1 }));
      later(1000);
      await service.suspend(ADMIN, 'MOU-2020', 'replaced by MOU-2026');
      expect((await service.inForce('FIU-B'))!.agreement).to.include({ id: 'MOU-2026', status: 'active' });
      await service.apply(ADMIN, doc({ id: 'MOU-2020', version: 5 }));
      expect((await service.inForce('FIU-B'))!.agreement, 'a new version brings it back').to.include({
        id: 'MOU-2020',
        version: 5,
      });
    });

    it('refuses a terminated version changing status, and an unknown agreement to suspend', async () => {
      await service.apply(ADMIN, doc({ status: 'terminated' }));
      await expectCode(() => service.apply(ADMIN, doc()), 'policy.agreement_conflict');
      await expectCode(() => service.suspend(ADMIN, 'MOU-NONE', 'x'), 'policy.agreement_not_found');
      await expectCode(() => service.suspend(ADMIN, 'MOU-FIU-A-FIU-B', ''), 'policy.invalid_agreement');
    });

    it('refuses an agreement with itself, and an agreement id applied for another partner', async () => {
      await expectCode(() => service.apply(ADMIN, doc({ partner: 'FIU-A' })), 'policy.invalid_agreement');
      await service.apply(ADMIN, doc());
      await expectCode(
        () => service.apply(ADMIN, doc({ partner: 'FIU-C', version: 4 })),
        'policy.agreement_conflict',
      );
    });

    it('serialises concurrent applies: of two different terms under one version, one is refused', async () => {
      const results = await Promise.allSettled([
        service.apply(ADMIN, doc({ maxClassification: 'secret' })),
        service.apply(ADMIN, doc({ maxClassification: 'restricted' })),
      ]);
      expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
      expect(await store.agreementRevisions()).to.have.length(1);
    });
  });

  describe('decide (rate limits)', () => {
    const message = () => policyMessage();

    it('counts allowed requests not yet stored, until they are released', async () => {
      await service.apply(ADMIN, doc({ rateLimits: { requestsPerDay: 100, burst: 2 } }));
      const first = await gate.decide('outgoing', 'FIU-B', message(), now);
      const second = await gate.decide('outgoing', 'FIU-B', message(), now);
      const third = await gate.decide('outgoing', 'FIU-B', message(), now);
      expect([first, second, third].map((r) => r.decision.allow)).to.deep.equal([true, true, false]);
      expect(third.decision.reasons.map((r) => r.code)).to.deep.equal(['policy.burst_limit']);
      first.release();
      first.release(); // twice is once
      expect((await gate.decide('outgoing', 'FIU-B', message(), now)).decision.allow).to.equal(true);
      const incoming = await gate.decide('incoming', 'FIU-B', message(), now);
      expect(incoming.decision.allow, 'directions are counted apart').to.equal(true);
    });

    it('decides one request at a time per partner: of five at once under a burst of 2, two are allowed', async () => {
      await service.apply(ADMIN, doc({ rateLimits: { requestsPerDay: 100, burst: 2 } }));
      const results = await Promise.all(
        Array.from({ length: 5 }, () => gate.decide('incoming', 'FIU-B', message(), now)),
      );
      expect(results.map((r) => r.decision.allow)).to.deep.equal([true, true, false, false, false]);
    });

    it('decides the requests asked for at once as one group: one usage read, stored ones and reservations counted', async () => {
      await service.apply(ADMIN, doc({ rateLimits: { requestsPerDay: 100, burst: 3 } }));
      const stored = { storedAt: new Date(now.getTime() - 1000).toISOString() };
      await store.transaction((tx) => tx.insertMessage(sampleMessage(stored)));
      const reads: unknown[] = [];
      const usage = store.messageUsage.bind(store);
      store.messageUsage = (q) => (reads.push(q), usage(q));
      const results = await Promise.all(
        Array.from({ length: 4 }, () => gate.decide('incoming', 'FIU-B', message(), now)),
      );
      expect(results.map((r) => r.decision.allow)).to.deep.equal([true, true, false, false]);
      expect(reads).to.have.length(1);
      results[0]!.release();
      const next = await gate.decide('incoming', 'FIU-B', message(), now);
      expect(next.decision.allow, 'one reservation released').to.equal(true);
      expect(reads).to.have.length(2);
    });

    it('a failing usage read fails every decision of its group, and the next group reads again', async () => {
      await service.apply(ADMIN, doc({ rateLimits: { requestsPerDay: 100, burst: 2 } }));
      const usage = store.messageUsage.bind(store);
      let fail = true;
      store.messageUsage = (q) => (fail ? Promise.reject(new Error('disk on fire')) : usage(q));
      const results = await Promise.allSettled(
        Array.from({ length: 3 }, () => gate.decide('incoming', 'FIU-B', message(), now)),
      );
      expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
      fail = false;
      expect((await gate.decide('incoming', 'FIU-B', message(), now)).decision.allow).to.equal(true);
    });

    it('does not count messages other than requests', async () => {
      await service.apply(ADMIN, doc({ rateLimits: { requestsPerDay: 1, burst: 1 } }));
      const response = { ...message(), type: 'response' as const };
      for (let i = 0; i < 3; i++) {
        expect((await gate.decide('outgoing', 'FIU-B', response, now)).decision.allow).to.equal(true);
      }
    });

    it('refuses everything when no agreement is in force', async () => {
      const r = await gate.decide('incoming', 'FIU-B', message(), now);
      expect(r.decision).to.deep.include({ allow: false, agreement: null });
      expect(r.decision.reasons.map((x) => x.code)).to.deep.equal(['policy.no_agreement']);
    });
  });

  // PostgreSQL only: replicas share a database there; a SQLite store is one process's alone, and its
  // cache is not checked against the database (no query more on the exchange path).
  (onPostgres() ? describe : describe.skip)('with two replicas on one database', () => {
    let otherStore: Store;
    let other: AgreementService;
    beforeEach(async () => {
      otherStore = await openStore(url);
      other = await serviceOn(otherStore);
    });
    afterEach(() => otherStore.close());

    it('sees a change the other replica made, though it had the agreement cached', async () => {
      await service.apply(ADMIN, doc({ version: 1 }));
      expect((await other.inForce('FIU-B'))!.agreement.version).to.equal(1);
      later(1000);
      await service.apply(ADMIN, doc({ version: 2 }));
      const seen = (await other.inForce('FIU-B'))!;
      expect(seen.agreement.version).to.equal(2);
      expect(seen.previousVersion).to.equal(1);
      await other.suspend(ADMIN, doc().id, 'review');
      expect((await service.inForce('FIU-B'))!.agreement.status).to.equal('suspended');
      // Its partner's agreement alone is read again: FIU-C has none on either.
      expect(await other.inForce('FIU-C')).to.equal(null);
    });
  });
});
