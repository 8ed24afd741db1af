import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { buildRequest } from '../../../src/messages/index.js';
import { expectCode } from '../../helpers/expect-code.js';
import { SAMPLE_ID, sampleRequestInput } from '../../helpers/sample-message.js';

const fields = {
  id: SAMPLE_ID,
  from: 'FIU-A',
  to: 'FIU-B',
  createdAt: '2026-03-02T09:30:00.000Z',
  agreement: { id: 'MOU-FIU-A-FIU-B', version: 3 },
};

describe('buildRequest', () => {
  describe('when the operator input is valid', () => {
    it('builds a request with the gateway header fields', () => {
      const m = buildRequest(sampleRequestInput(), fields);
      expect(m.header).to.deep.equal({
        ...fields,
        type: 'request',
        purpose: 'money_laundering',
        dataCategories: ['identity', 'accounts', 'transactions'],
        classification: 'restricted',
        urgency: 'urgent',
        deadline: '2026-03-16T17:00:00Z',
      });
      expect(m.body).to.deep.equal(sampleRequestInput().body);
    });

    it('accepts the documented example docs/examples/rfi.json', () => {
      const example: unknown = JSON.parse(
        readFileSync(new URL('../../../docs/examples/rfi.json', import.meta.url), 'utf8'),
      );
      expect(buildRequest(example, fields).header.purpose).to.equal('money_laundering');
    });

    it('leaves out optional header fields that were not given', () => {
      const { deadline: _d, ...input } = sampleRequestInput();
      expect(buildRequest(input, fields).header).not.to.have.property('deadline');
    });
  });

  describe('when the operator input is bad', () => {
    it('names the operator field', async () => {
      const err = await expectCode(
        () => buildRequest({ ...sampleRequestInput(), urgency: 'asap' }, fields),
        'message.invalid',
      );
      expect(err.publicDetail).to.equal('urgency: expected one of normal, urgent');
    });

    it('refuses an attempt to set the header', async () => {
      const err = await expectCode(
        () => buildRequest({ ...sampleRequestInput(), header: { from: 'FIU-C' } }, fields),
        'message.invalid',
      );
      expect(err.publicDetail).to.equal('header: unknown field (not allowed here)');
    });

    it('applies the predicateOffence rule', async () => {
      const err = await expectCode(
        () => buildRequest({ ...sampleRequestInput(), purpose: 'predicate_offence' }, fields),
        'message.invalid',
      );
      expect(err.publicDetail).to.match(/^predicateOffence: required/);
    });

    it('refuses a deadline in the past', async () => {
      const err = await expectCode(
        () => buildRequest({ ...sampleRequestInput(), deadline: '2026-03-01T00:00:00Z' }, fields),
        'message.invalid',
      );
      expect(err.publicDetail).to.equal('header.deadline: expected a date-time later than createdAt');
    });

    it('names the body field', async () => {
      const input = sampleRequestInput();
      (input.body.subjects as Array<Record<string, unknown>>)[0]!.birthdate = '1980-13-01';
      const err = await expectCode(() => buildRequest(input, fields), 'message.invalid');
      expect(err.publicDetail).to.equal('body.subjects.0.birthdate: expected a date YYYY-MM-DD');
    });

    it('refuses input that is not an object', () =>
      expectCode(() => buildRequest('please', fields), 'message.invalid'));
  });
});
