/**
 * The gateway's log interface. Log lines carry ids, codes and digests only: never a message body,
 * subject data or key material. Callers pass a few primitive fields; every line goes through
 * `observability/redact.ts` (field allow-list and value scan) before it is written.
 */
import pino from 'pino';
import { currentCorrelationId } from './observability/correlation.js';
import { redactFields, redactText } from './observability/redact.js';

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * JSON lines (pino) on stderr, one object per event:
 * `{ "level": "info", "time": "<ISO 8601>", "fiu": "FIU-A", "msg": "...", ...fields }`.
 * `write` replaces stderr (tests).
 */
export function jsonLogger(fiu: string, write?: (line: string) => void): Logger {
  const destination = { write: write ?? ((line: string) => void process.stderr.write(line)) };
  const p = pino(
    {
      base: { fiu },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      messageKey: 'msg',
    },
    destination,
  );
  const emit = (level: 'info' | 'warn' | 'error') => (msg: string, fields?: LogFields) =>
    p[level](redactFields(fields), redactText(msg));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/**
 * Wraps a logger so that every line is redacted (field allow-list, value scan) and carries the
 * current correlation id, if any. The composition root wraps whatever logger it is given.
 */
export function withCorrelation(log: Logger): Logger {
  const emit = (level: keyof Logger) => (msg: string, fields?: LogFields) => {
    const correlationId = currentCorrelationId();
    log[level](redactText(msg), redactFields({ ...fields, ...(correlationId ? { correlationId } : {}) }));
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
