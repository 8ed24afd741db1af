/**
 * The bench's settings and the run of the chosen benchmarks (bench/run.ts is the entry point). The
 * flags: {@link USAGE} (`npm run bench -- --help`) and docs/PERFORMANCE.md.
 */
import { parseArgs } from 'node:util';
import { benchExchange } from './exchange.js';
import { benchAppend, benchScale, freshSqliteUrl } from './ledger.js';
import { buildReport, type Report } from './report.js';
import { makePki, progress, removeTempDirs, setQuiet } from './setup.js';

/** `npm run bench -- --help`. */
export const USAGE = `usage: npm run bench -- [flags]      (npm run -s bench -- --json for JSON alone)

Runs the benchmarks of issue 8 (docs/PERFORMANCE.md), each against a baseline measured in the same run.

  --json               one JSON object on stdout instead of the table
  --quick              a smoke run: 2-second windows, a 20,000-entry ledger
  --seconds N          measured window of the exchange, echo and append runs (default 20)
  --entries N          size of the large ledger (default 1,000,000)
  --only LIST          any of exchange,append,scale (default all three)
  --database-url URL   the append benchmark's database (default a fresh SQLite file)
  --receiver-prof DIR  run the receiving gateway with --cpu-prof, profiles into DIR
  --sql-time           with --only exchange: time the SQLite calls of both gateways (exchange.*_sql_ms ...)
  --keep               keep the temp folders (PKI, databases, export)
  --help               this text
`;

/** The bench's settings, from the command line. */
export interface BenchSettings {
  /** `--help`: print {@link USAGE} and run nothing. */
  help?: boolean;
  json: boolean;
  seconds: number;
  warmupSeconds: number;
  entries: number;
  proofs: number;
  /** Calls per round of each crypto-floor operation. */
  floorCalls: number;
  concurrency: number;
  only: Set<string>;
  databaseUrl?: string;
  receiverProf?: string;
  /** `--sql-time`: time the SQLite calls of both gateways during the exchange. */
  sqlTime?: boolean;
  /** No progress on stderr. */
  quiet?: boolean;
  /** Keep the temp folders. */
  keep?: boolean;
}

/** Parses the bench's flags. */
export function parseSettings(argv: string[]): BenchSettings {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      entries: { type: 'string' },
      only: { type: 'string' },
      'database-url': { type: 'string' },
      'receiver-prof': { type: 'string' },
      'sql-time': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick === true;
  const num = (v: string | undefined, dflt: number, name: string) => {
    if (v === undefined) return dflt;
    const n = Number(v.replaceAll('_', ''));
    if (!(Number.isFinite(n) && n > 0)) throw new Error(`--${name}: expected a positive number, got ${v}`);
    return n;
  };
  const only = (values.only ?? 'exchange,append,scale').split(',');
  const unknown = only.filter((b) => !['exchange', 'append', 'scale'].includes(b));
  if (unknown.length > 0) throw new Error(`--only: unknown benchmark ${unknown.join(', ')}`);
  // Its timer would stay on in the bench process and slow the append and scale benchmarks.
  if (values['sql-time'] && only.join() !== 'exchange')
    throw new Error('--sql-time: only with --only exchange');
  return {
    ...(values.help ? { help: true } : {}),
    json: values.json === true,
    seconds: num(values.seconds, quick ? 2 : 20, 'seconds'),
    warmupSeconds: quick ? 0.5 : 3,
    entries: Math.round(num(values.entries, quick ? 20_000 : 1_000_000, 'entries')),
    proofs: quick ? 200 : 2000,
    floorCalls: quick ? 200 : 2000,
    concurrency: 64,
    only: new Set(only),
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
    ...(values['receiver-prof'] ? { receiverProf: values['receiver-prof'] } : {}),
    ...(values['sql-time'] ? { sqlTime: true } : {}),
    keep: values.keep === true,
  };
}

/** Runs the benchmarks chosen in `s`; returns the report. */
export async function runBench(s: BenchSettings): Promise<Report> {
  const t0 = Date.now();
  setQuiet(s.quiet === true);
  try {
    const pki = makePki();
    progress(`dev PKI in ${pki}`);
    const load = {
      concurrency: s.concurrency,
      warmupMs: s.warmupSeconds * 1000,
      durationMs: s.seconds * 1000,
    };
    const exchange = s.only.has('exchange')
      ? await benchExchange({
          pki,
          ...load,
          floorCalls: s.floorCalls,
          ...(s.sqlTime ? { sqlTime: true } : {}),
          ...(s.receiverProf
            ? { receiverNodeOptions: ['--cpu-prof', '--cpu-prof-dir', s.receiverProf] }
            : {}),
        })
      : undefined;
    const append = s.only.has('append')
      ? await benchAppend({ pki, databaseUrl: s.databaseUrl ?? freshSqliteUrl('append'), ...load })
      : undefined;
    const scale = s.only.has('scale')
      ? await benchScale({ pki, entries: s.entries, proofs: s.proofs })
      : undefined;
    return buildReport({ exchange, append, scale, seconds: (Date.now() - t0) / 1000 });
  } finally {
    if (!s.keep) removeTempDirs();
  }
}
