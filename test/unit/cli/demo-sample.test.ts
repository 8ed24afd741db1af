import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { SAMPLE_REQUEST, SAMPLE_RESPONSE } from '../../../src/cli/demo-sample.js';
import { buildRequest } from '../../../src/messages/index.js';

describe('the sample request', () => {
  it('is the same as docs/examples/rfi.json', () => {
    expect(JSON.parse(readFileSync('docs/examples/rfi.json', 'utf8'))).to.deep.equal(SAMPLE_REQUEST);
  });

  it('is a valid request for information', () => {
    const m = buildRequest(SAMPLE_REQUEST, {
      id: '0b6f1f8e-3c55-4d4e-9f43-2b0f6a1b7c10',
      from: 'FIU-A',
      to: 'FIU-B',
      createdAt: new Date().toISOString(),
      agreement: { id: 'MOU-FIU-A-FIU-B', version: 1 },
    });
    expect(m.body.subjects).to.have.length(2);
  });
});

describe('the sample response', () => {
  it('is the same as docs/examples/response.json', () => {
    expect(JSON.parse(readFileSync('docs/examples/response.json', 'utf8'))).to.deep.equal(SAMPLE_RESPONSE);
  });
});
