/**
 * Named points where crash tests kill the gateway process (docs/OPERATIONS.md, "Crash tests"). In
 * production nothing is installed and `faultPoint` does nothing: the only caller of
 * {@link installFaultHook} is the test entry point `test/helpers/crash-entry.ts`, and it refuses to
 * run unless NODE_ENV is `test`.
 */
import { GatewayError } from '../errors.js';

/** The points, in the order a message passes them. */
export const FAULT_POINTS = [
  /** Sender: sealed, before the commit of message + outbox item. */
  'outbound.before_commit',
  /** Sender: the outbox claimed the item, before the delivery call. */
  'outbox.before_attempt',
  /** Sender: the receipt arrived, before it is verified and recorded. */
  'outbox.after_receipt',
  /** Receiver: the message is committed, before the receipt is answered. */
  'inbound.after_commit',
  /** Either side: inside a ledger batch transaction, after its entries and work, before commit. */
  'sequencer.in_batch',
] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

let hook: ((point: FaultPoint) => void) | null = null;

/** Marks a fault point; runs the installed hook, if any (tests only). */
export function faultPoint(point: FaultPoint): void {
  if (hook) hook(point);
}

/** Installs the hook that fault points call. Tests only: refused unless NODE_ENV is `test`. */
export function installFaultHook(h: (point: FaultPoint) => void): void {
  if (process.env.NODE_ENV !== 'test') {
    throw new GatewayError('config.invalid', 'fault hooks are for tests only (NODE_ENV=test)');
  }
  hook = h;
}
