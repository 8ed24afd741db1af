import { expect } from 'chai';
import type { ConsentRecord } from '../../../src/store/index.js';
import { expectGatewayError, freshStore, rawQuery, type Fresh } from './fixtures.js';

const CONSENT = '0b7a2f1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

function consent(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    consentId: CONSENT,
    direction: 'out',
    caseId: 'c0ffee00-0000-4000-8000-000000000001',
    partner: 'FIU-B',
    state: 'pending',
    requestedAt: '2026-03-02T09:00:00.000Z',
    decisionMessageId: null,
    decidedAt: null,
    ...overrides,
  };
}

describe('consents in the store (migration 0005)', () => {
  let fresh: Fresh;
  beforeEach(async () => {
    fresh = await freshStore('memory');
  });
  afterEach(() => fresh.dispose());

  it('stores a consent request and reads it back by id and by case', async () => {
    await fresh.store.transaction((tx) => tx.insertConsent(consent()));
    expect(await fresh.store.getConsent(CONSENT)).to.deep.equal(consent());
    expect(await fresh.store.consentsOfCase(consent().caseId)).to.deep.equal([consent()]);
    expect(await fresh.store.getConsent('00000000-0000-4000-8000-000000000000')).to.equal(null);
  });

  it('records a decision once; a second is refused with exchange.invalid_state and changes nothing', async () => {
    await fresh.store.transaction((tx) => tx.insertConsent(consent()));
    const decided = {
      state: 'granted' as const,
      decisionMessageId: 'd-1',
      decidedAt: '2026-03-03T09:00:00.000Z',
    };
    await fresh.store.transaction((tx) => tx.decideConsent(CONSENT, decided));
    await expectGatewayError(
      fresh.store.transaction((tx) =>
        tx.decideConsent(CONSENT, { ...decided, state: 'refused', decisionMessageId: 'd-2' }),
      ),
      'exchange.invalid_state',
    );
    expect(await fresh.store.getConsent(CONSENT)).to.deep.equal(consent(decided));
  });

  it('refuses a decision on an unknown consent: exchange.not_found', async () => {
    await expectGatewayError(
      fresh.store.transaction((tx) =>
        tx.decideConsent(CONSENT, { state: 'granted', decisionMessageId: 'd', decidedAt: 'now' }),
      ),
      'exchange.not_found',
    );
  });

  it('fails loudly on a row with an invalid state: store.failed', async () => {
    await fresh.store.transaction((tx) => tx.insertConsent(consent()));
    await rawQuery(fresh.store, `UPDATE consents SET state = 'maybe'`);
    await expectGatewayError(fresh.store.getConsent(CONSENT), 'store.failed');
  });
});
