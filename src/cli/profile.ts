/** Operator profiles on the command line: `--profile FILE`, or `$FIUGW_PROFILE`. */
import { GatewayError } from '../errors.js';
import type { Command } from 'commander';
// Types only: the client module (gRPC and its protos) is imported when a connection is opened, so that
// the commands that never connect (`fiugw audit verify`, `pki`, `doctor`) start without it.
import type { OperatorConnection, OperatorProfile } from '../transport/operator-client.js';

/**
 * Opens a connection with the profile named by `--profile` (or $FIUGW_PROFILE), runs `fn` with it and
 * closes it. `who` names the expected role in the error when no profile is given.
 */
export async function withConnection<C extends { close(): void }, T>(
  opts: { profile?: string },
  who: string,
  open: (profile: OperatorProfile) => C,
  fn: (c: C) => Promise<T>,
): Promise<T> {
  const file = opts.profile ?? process.env.FIUGW_PROFILE;
  if (!file)
    throw new GatewayError('config.invalid', `no ${who} profile: pass --profile FILE or set FIUGW_PROFILE`);
  const { loadOperatorProfile } = await import('../transport/operator-client.js');
  const conn = open(loadOperatorProfile(file));
  try {
    return await fn(conn);
  } finally {
    conn.close();
  }
}

/** The options of every command that talks to one's own gateway with an operator profile. */
export interface ProfileOpts {
  profile?: string;
  json?: boolean;
}

/** Adds `--profile FILE` (with `example` as the example profile) and `--json` to `cmd`. */
export function withProfile(cmd: Command, example = 'analyst'): Command {
  return cmd
    .option(
      '-p, --profile <file>',
      `operator profile (e.g. certs-dev/FIU-A/operators/${example}.profile.json); default $FIUGW_PROFILE`,
    )
    .option('--json', 'print JSON for scripts instead of a table');
}

/** Runs `fn` with an operator-API connection opened from the profile of `opts`. */
export async function withOperator<T>(
  opts: ProfileOpts,
  fn: (c: OperatorConnection) => Promise<T>,
): Promise<T> {
  const { OperatorConnection } = await import('../transport/operator-client.js');
  return withConnection(opts, 'operator', (p) => new OperatorConnection(p), fn);
}
