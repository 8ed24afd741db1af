import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { buildProgram, COMMAND_GROUPS } from '../../../src/cli/main.js';
import { sampleExport, testSigner, vkeyOf } from '../ledger/audit-fixture.js';

const MAIN = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
const PROOF = fileURLToPath(new URL('../../fixtures/merkle/inclusion/4/happy-path.json', import.meta.url));
/** CommonJS packages that only the gateway, its database or its gRPC clients need. */
const HEAVY = ['typeorm', 'better-sqlite3', 'pg', '@grpc/grpc-js', '@grpc/proto-loader'];

/**
 * Runs `fiugw ARGS` in a fresh Node.js process and returns the heavy packages it loaded (CommonJS
 * packages are in the require cache, also when imported from ES modules) and the exit code.
 */
async function heavyPackagesLoadedBy(...args: string[]): Promise<{ loaded: string[]; code: number }> {
  const script = `
    import { createRequire } from 'node:module';
    const { run } = await import(${JSON.stringify(MAIN)});
    const code = await run(['node', 'fiugw', ...${JSON.stringify(args)}]);
    const files = Object.keys(createRequire(import.meta.url).cache);
    const loaded = ${JSON.stringify(HEAVY)}.filter((p) => files.some((f) => f.includes('/node_modules/' + p + '/')));
    process.stderr.write('\\n' + JSON.stringify({ loaded, code }) + '\\n');
    process.exit(0);`;
  const { stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { maxBuffer: 10_000_000 },
  );
  return JSON.parse(stderr.trim().split('\n').at(-1)!) as { loaded: string[]; code: number };
}

describe('fiugw command groups', () => {
  it('name every top-level command, in the order of the help', async () => {
    const all = await buildProgram();
    expect(all.commands.map((c) => c.name())).to.deep.equal(COMMAND_GROUPS.flatMap((g) => g.commands));
  });

  it('register only the group of the command named, and every group otherwise', async () => {
    for (const group of COMMAND_GROUPS) {
      for (const name of group.commands) {
        const program = await buildProgram(['node', 'fiugw', name, '--help']);
        expect(program.commands.map((c) => c.name())).to.deep.equal(group.commands);
      }
    }
    for (const argv of [['--help'], ['help', 'audit'], ['audti', 'verify'], []]) {
      const program = await buildProgram(['node', 'fiugw', ...argv]);
      expect(program.commands).to.have.length(COMMAND_GROUPS.flatMap((g) => g.commands).length);
    }
  });

  it('an offline audit command loads neither the database drivers nor gRPC; serve does', async function () {
    this.timeout(60_000);
    const verify = await heavyPackagesLoadedBy('audit', 'verify-proof', '--json', PROOF);
    expect(verify).to.deep.equal({ loaded: [], code: 0 });
    expect(await heavyPackagesLoadedBy('audit', 'verify', '--help')).to.deep.equal({ loaded: [], code: 0 });
    // A whole verification of an export, as an auditor runs it.
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-main-'));
    try {
      const file = path.join(dir, 'ledger.jsonl');
      writeFileSync(file, (await sampleExport(10)).map((l) => `${l}\n`).join(''));
      const vkey = vkeyOf(testSigner());
      expect(await heavyPackagesLoadedBy('audit', 'verify', '--export', file, '--vkey', vkey)).to.deep.equal({
        loaded: [],
        code: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // The control: the check sees what a command that needs them loads.
    const serve = await heavyPackagesLoadedBy('serve', '--help');
    expect(serve.loaded).to.include.members(['typeorm', '@grpc/grpc-js']);
  });
});
