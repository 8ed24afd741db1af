import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../../src/errors.js';
import { disseminationCaveat, REASON_CODES } from '../../../src/policy/index.js';

const DOC = readFileSync(new URL('../../../docs/AGREEMENTS.md', import.meta.url), 'utf8');
const STATUS = { permission: 'PERMISSION_DENIED', exhausted: 'RESOURCE_EXHAUSTED' } as const;

describe('docs/AGREEMENTS.md', () => {
  it('lists every reason code in the order evaluate() gives them, with the status a partner receives', () => {
    const rows = [...DOC.matchAll(/^\| \d+ \|.*\| `(policy\.[a-z_]+)` \| ([A-Z_]+) \|$/gm)];
    expect(rows.map((r) => r[1])).to.deep.equal([...REASON_CODES]);
    for (const [, code, status] of rows) {
      expect(status, code).to.equal(
        STATUS[ERROR_CODES[code as keyof typeof ERROR_CODES] as keyof typeof STATUS],
      );
    }
  });

  it('quotes the onward-dissemination caveats as the evaluator writes them', () => {
    expect(DOC).to.contain(`| \`forbidden\` | \`${disseminationCaveat({ mode: 'forbidden' })}\` |`);
    expect(DOC).to.contain(`| \`prior_consent\` | \`${disseminationCaveat({ mode: 'prior_consent' })}\` |`);
    expect(DOC).to.contain(`\`${disseminationCaveat({ mode: 'allowed', recipients: ['R1', 'R2'] })}\``);
  });
});
