/** Operator profiles on the command line: `--profile FILE`, or `$FIUGW_PROFILE`. */
import { GatewayError } from '../errors.js';
import { loadOperatorProfile, type OperatorProfile } from '../transport/operator-client.js';

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
  const conn = open(loadOperatorProfile(file));
  try {
    return await fn(conn);
  } finally {
    conn.close();
  }
}
