/**
 * The `fiugw` command line. Each command group lives in its own file and registers itself here.
 * `run` returns the exit code instead of calling process.exit, so tests can call it in-process.
 */
import { Command, CommanderError } from 'commander';
import { GatewayError } from '../errors.js';

/** A command group: the top-level commands its module registers, and how to load that module. */
interface CommandGroup {
  commands: readonly string[];
  load: () => Promise<(program: Command) => void>;
}

/**
 * Every command group, in the order `fiugw --help` lists them. A module is imported only when one of
 * its commands runs (or for the full help): `fiugw audit verify` on an auditor's machine then loads
 * neither the gateway, nor the database drivers, nor gRPC.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { commands: ['pki'], load: async () => (await import('./pki-command.js')).registerPkiCommands },
  { commands: ['serve'], load: async () => (await import('./serve-command.js')).registerServeCommand },
  {
    // The case-flow commands add to the operator commands' `case`.
    commands: ['request', 'inbox', 'case'],
    load: async () => {
      const [operator, caseFlow] = await Promise.all([
        import('./operator-commands.js'),
        import('./case-flow-commands.js'),
      ]);
      return (program) => {
        operator.registerOperatorCommands(program);
        caseFlow.registerCaseFlowCommands(program);
      };
    },
  },
  {
    commands: ['agreements'],
    load: async () => (await import('./agreements-command.js')).registerAgreementCommands,
  },
  { commands: ['outbox'], load: async () => (await import('./outbox-commands.js')).registerOutboxCommands },
  { commands: ['audit'], load: async () => (await import('./audit-command.js')).registerAuditCommands },
  { commands: ['demo'], load: async () => (await import('./demo-command.js')).registerDemoCommand },
  { commands: ['doctor'], load: async () => (await import('./doctor-command.js')).registerDoctorCommand },
  {
    commands: ['keys', 'partners'],
    load: async () => (await import('./keys-command.js')).registerKeyCommands,
  },
];

/**
 * Builds the command tree for node-style `argv`: only the group of the command named first, or every
 * group when there is none or it is unknown (the root help, `fiugw help`, a typo and its suggestion).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('fiugw')
    .description('fiu-gateway: exchange requests and disclosures between financial intelligence units')
    .showHelpAfterError()
    .exitOverride();
  const first = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const named = COMMAND_GROUPS.filter((g) => first !== undefined && g.commands.includes(first));
  const groups = named.length > 0 ? named : COMMAND_GROUPS;
  for (const register of await Promise.all(groups.map((g) => g.load()))) register(program);
  return program;
}

/** Runs `fiugw` with node-style argv; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
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
