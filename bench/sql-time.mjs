/**
 * `--sql-time`: time spent inside better-sqlite3 calls, for the exchange benchmark. Loaded in the
 * bench process (the sending gateway) by bench/exchange.ts, and into the receiving gateway with
 * `node --import`; plain JavaScript, because the receiver runs the built `fiugw` without a loader.
 *
 * It wraps the prepared statement's `run`, `get` and `all` and the connection's `exec`,
 * and adds up, on the event loop: the statements other than COMMIT (count and milliseconds), and the
 * COMMITs (count and milliseconds, the disk flush included). The statements' time is CPU time spent
 * on the event loop in all but name (their pages are in memory); a COMMIT's time is mostly the wait
 * for `fsync`. When FIUGW_BENCH_SQL_TIME_FILE is set, the totals are written to that file every 50 ms
 * and at exit (the receiver's channel to the bench process): the receiver's figures lag by up to
 * 50 ms, about 0.5 % of a 10-second window.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const Database = createRequire(import.meta.url)('better-sqlite3');

/** The totals so far, in this process. */
export const sqlTotals = { statements: 0, statementMs: 0, commits: 0, commitMs: 0 };

function count(sql, t0) {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (/^\s*COMMIT/i.test(sql)) {
    sqlTotals.commits += 1;
    sqlTotals.commitMs += ms;
  } else {
    sqlTotals.statements += 1;
    sqlTotals.statementMs += ms;
  }
}

function timed(original, sqlOf) {
  return function (...args) {
    const t0 = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      count(sqlOf(this, args), t0);
    }
  };
}

const prepare = Database.prototype.prepare;
let statementPatched = false;
Database.prototype.prepare = function (...args) {
  const statement = prepare.apply(this, args);
  if (!statementPatched) {
    statementPatched = true;
    const proto = Object.getPrototypeOf(statement);
    for (const name of ['run', 'get', 'all']) {
      proto[name] = timed(proto[name], (st) => st.source);
    }
  }
  return statement;
};
Database.prototype.exec = timed(Database.prototype.exec, (_db, args) => String(args[0]));

const file = process.env.FIUGW_BENCH_SQL_TIME_FILE;
if (file) {
  // Written aside and renamed into place, so that a reader never sees a half-written file.
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(sqlTotals));
    renameSync(`${file}.tmp`, file);
  };
  write();
  setInterval(write, 50).unref();
  process.on('exit', write);
}
