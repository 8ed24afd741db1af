import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { Gateway } from '../gateway.js';
import { jsonLogger } from '../log.js';

/** `fiugw serve --config FILE`: runs one gateway until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run one gateway (peer API and operator API) until interrupted')
    .requiredOption(
      '-c, --config <file>',
      'gateway config file (YAML or JSON), e.g. certs-dev/FIU-A/config.yaml',
    )
    .addHelpText(
      'after',
      '\nEnvironment overrides: FIUGW_PEER_PORT, FIUGW_OPERATOR_PORT, FIUGW_DATABASE_URL.\nLogs are JSON lines on stderr.\nSIGTERM or SIGINT stops gracefully (exit 0); a second one stops at once (exit 1).',
    )
    .action(async (opts: { config: string }) => {
      const config = loadConfig(opts.config);
      const log = jsonLogger(config.fiu);
      const gateway = await Gateway.open(config, { log });
      // Listen for signals before announcing the ports: a signal sent as soon as the line appears must
      // find the handler (without one, SIGTERM would kill the process on the spot).
      const signalled = new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log.info('stopping', { signal });
          // A second signal while stopping gives up on a graceful stop.
          const force = () => {
            log.warn('stopping at once', { signal });
            process.exit(1);
          };
          process.once('SIGINT', force);
          process.once('SIGTERM', force);
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      const { peerPort, operatorPort } = await gateway.start();
      console.log(
        `${config.fiu} gateway listening: peer API ${config.peer.host}:${peerPort}, operator API ${config.operator.host}:${operatorPort} (Ctrl-C to stop)`,
      );
      await signalled;
      // Graceful: stop accepting, finish in-flight deliveries (delivery.drainMs), stop the dispatcher,
      // commit what the ledger sequencer holds, close the database. Then the process exits 0.
      await gateway.stop();
    });
}
