/**
 * The PostgreSQL advisory locks of the gateway, as SQL arguments: a class number of the gateway's own
 * (so that no other application's advisory locks collide with them) and a key per schema, so that
 * gateways with their tables in different schemas of one database do not wait for each other.
 */

/** "FIUG" as a 32-bit number: the first key of every advisory lock the gateway takes. */
const LOCK_CLASS = 0x46495547;

function lock(name: string): { sql: string } {
  return { sql: `${LOCK_CLASS}, hashtext('${name}:' || current_schema())` };
}

/** The write lock: held by every write transaction, so that one writes at a time (the ledger's order). */
export const WRITE_LOCK = lock('write');

/** Held (per session) while migrations run. */
export const MIGRATION_LOCK = lock('migrate');
