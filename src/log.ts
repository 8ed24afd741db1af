/**
 * The gateway's log interface. Log lines carry ids, codes and digests only: never a message body,
 * subject data or key material (callers pass fields, never whole objects from a message).
 */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export type LogFields = Record<string, string | number | boolean | undefined>;

/** JSON lines on stderr, one object per event: { time, level, fiu, msg, ...fields }. */
export function jsonLogger(
  fiu: string,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const emit =
    (level: string) =>
    (msg: string, fields: LogFields = {}) =>
      write(`${JSON.stringify({ time: new Date().toISOString(), level, fiu, msg, ...fields })}\n`);
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
