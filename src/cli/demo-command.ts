import type { Command } from 'commander';
import { runDemo } from './demo.js';

/** `fiugw demo`: a whole exchange between two gateways on loopback, narrated. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'run two gateways on loopback with a fresh dev PKI and SQLite, and one whole exchange, narrated',
    )
    .option('--keep', 'keep the temporary folder (PKI, configs, databases) for inspection')
    .action(async (opts: { keep?: boolean }) => {
      process.exitCode = await runDemo({ keep: opts.keep });
    });
}
