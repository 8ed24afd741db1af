/**
 * The `fiugw` command line. Each command group lives in its own file and registers itself here.
 * `run` returns the exit code instead of calling process.exit, so tests can call it in-process.
 */
import { Command, CommanderError } from 'commander';
import { GatewayError } from '../errors.js';
import { registerAgreementCommands } from './agreements-command.js';
import { registerPkiCommands } from './pki-command.js';
import { registerAuditCommands } from './audit-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerKeyCommands } from './keys-command.js';
import { registerOperatorCommands } from './operator-commands.js';
import { registerCaseFlowCommands } from './case-flow-commands.js';
import { registerOutboxCommands } from './outbox-commands.js';
import { registerServeCommand } from './serve-command.js';

/** Builds the whole command tree. */
export function buildProgram(): Command {
  const program = new Command('fiugw')
    .description('fiu-gateway: exchange requests and disclosures between financial intelligence units')
    .showHelpAfterError()
    .exitOverride();
  registerPkiCommands(program);
  registerServeCommand(program);
  registerOperatorCommands(program);
  registerCaseFlowCommands(program);
  registerAgreementCommands(program);
  registerOutboxCommands(program);
  registerAuditCommands(program);
  registerDemoCommand(program);
  registerDoctorCommand(program);
  registerKeyCommands(program);
  return program;
}

/** Runs `fiugw` with node-style argv; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  // A stale code from an earlier in-process run must not leak into this one.
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof GatewayError) {
      console.error(`fiugw: ${err.message} [${err.code}]`);
      return err.code.startsWith('config.') || err.kind === 'invalid' ? 2 : 1;
    }
    console.error(`fiugw: unexpected error: ${(err as Error)?.stack ?? String(err)}`);
    return 1;
  }
}
