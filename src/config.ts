/**
 * The gateway's configuration: one file (YAML or JSON), validated with zod. Errors name the bad field
 * and say what is expected. Relative paths are resolved against the config file's folder.
 *
 * Environment overrides (applied after the file is read, before validation):
 * - `FIUGW_PEER_PORT`, `FIUGW_OPERATOR_PORT`: the listening ports;
 * - `FIUGW_DATABASE_URL`: the database URL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GatewayError } from './errors.js';
import { DEFAULT_FRESHNESS } from './messages/freshness.js';

/** An FIU id: letters, digits and dashes, such as `FIU-A` (in production an Egmont or national code). */
export const FIU_ID = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,62}$/, 'an FIU id: capital letters, digits and dashes, such as FIU-A');

/** The roles an operator can hold; they come from configuration, never from a request. */
export const ROLES = ['analyst', 'liaison', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const port = z.number().int().min(0).max(65535);
const file = z.string().min(1, 'a file path');

const listenSchema = (defaultHost: string, defaultPort: number) =>
  z
    .object({
      host: z.string().min(1).default(defaultHost),
      port: port.default(defaultPort),
    })
    .strict();

const ms = (min: number, max: number) => z.number().int().min(min).max(max);

/** Partners' key sets are fetched every 6 hours by default. */
export const DEFAULT_KEY_REFRESH_MS = 6 * 3_600_000;

/** Delivery defaults: the outbox retries for a day, backing off from 1 s to 5 min. */
const DELIVERY_DEFAULTS = {
  timeoutMs: 10_000,
  retry: { initialMs: 1000, maxMs: 300_000, giveUpAfterMs: 86_400_000 },
  leaseMs: 60_000,
  pollMs: 1000,
  concurrency: 8,
  drainMs: 10_000,
};

/** How the outbox delivers (docs/OPERATIONS.md, "Delivery, retries and the outbox"). */
const deliverySchema = z
  .object({
    /** The deadline of one delivery call. */
    timeoutMs: ms(100, 600_000).default(DELIVERY_DEFAULTS.timeoutMs),
    retry: z
      .object({
        /** The wait before the first retry; it doubles (with jitter) up to `maxMs`. */
        initialMs: ms(10, 3_600_000).default(DELIVERY_DEFAULTS.retry.initialMs),
        maxMs: ms(10, 86_400_000).default(DELIVERY_DEFAULTS.retry.maxMs),
        /** After this long without success (from submission or an operator's retry), give up. */
        giveUpAfterMs: ms(1000, 90 * 86_400_000).default(DELIVERY_DEFAULTS.retry.giveUpAfterMs),
      })
      .strict()
      .refine((r) => r.maxMs >= r.initialMs, { message: 'maxMs must be at least initialMs', path: ['maxMs'] })
      .default(DELIVERY_DEFAULTS.retry),
    /** How long a claimed item belongs to this gateway before another may take it over. */
    leaseMs: ms(1000, 3_600_000).default(DELIVERY_DEFAULTS.leaseMs),
    /** How often the dispatcher looks for due items. */
    pollMs: ms(10, 60_000).default(DELIVERY_DEFAULTS.pollMs),
    /** Deliveries in flight at once. */
    concurrency: z.number().int().min(1).max(256).default(DELIVERY_DEFAULTS.concurrency),
    /** On shutdown, how long to let deliveries in flight finish. */
    drainMs: ms(0, 600_000).default(DELIVERY_DEFAULTS.drainMs),
  })
  .strict()
  .refine((d) => d.leaseMs > d.timeoutMs, {
    message: 'leaseMs must be longer than timeoutMs (a lease must outlive one delivery call)',
    path: ['leaseMs'],
  });

const freshnessSchema = z
  .object({
    maxAgeMs: z
      .number()
      .int()
      .min(60_000)
      .max(366 * 24 * 3600 * 1000)
      .default(DEFAULT_FRESHNESS.maxAgeMs),
    maxFutureMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600 * 1000)
      .default(DEFAULT_FRESHNESS.maxFutureMs),
  })
  .strict()
  .default({ ...DEFAULT_FRESHNESS });

const DEFAULT_LIMITS = { maxConcurrentPerPartner: 16, ratePerSecond: 20, burst: 100 };
const limitsSchema = z
  .object({
    maxConcurrentPerPartner: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(DEFAULT_LIMITS.maxConcurrentPerPartner),
    ratePerSecond: z.number().positive().max(100_000).default(DEFAULT_LIMITS.ratePerSecond),
    burst: z.number().int().min(1).max(100_000).default(DEFAULT_LIMITS.burst),
  })
  .strict()
  .default({ ...DEFAULT_LIMITS });

const DEFAULT_KEEPALIVE = { timeMs: 30_000, timeoutMs: 10_000 };
const keepaliveSchema = z
  .object({
    timeMs: z.number().int().min(10_000).max(3_600_000).default(DEFAULT_KEEPALIVE.timeMs),
    timeoutMs: z.number().int().min(1_000).max(600_000).default(DEFAULT_KEEPALIVE.timeoutMs),
  })
  .strict()
  .default({ ...DEFAULT_KEEPALIVE });

export const configSchema = z
  .object({
    fiu: FIU_ID,
    /** `production` refuses the dev PKI and loose key file permissions (docs/OPERATIONS.md). */
    mode: z.enum(['development', 'production']).default('development'),
    /** Production-mode refusals that the operator accepts, by name. */
    allowInsecure: z.array(z.enum(['dev-pki', 'key-permissions'])).default([]),
    dataDir: file,
    database: z
      .object({
        url: z
          .string()
          .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'a database URL: sqlite:PATH or postgres://...')
          .optional(),
      })
      .strict()
      .default({}),
    peer: listenSchema('0.0.0.0', 50051)
      .extend({
        maxMessageBytes: z
          .number()
          .int()
          .min(1024)
          .max(64 * 1024 * 1024)
          .default(4 * 1024 * 1024),
        /** The window of header.createdAt on first receipt (docs/PROTOCOL.md section 5, step 15). */
        freshness: freshnessSchema,
        /** Per-partner limits on the peer API (docs/PROTOCOL.md section 9). */
        limits: limitsSchema,
        /** HTTP/2 keepalive pings on peer connections, both as server and as client. */
        keepalive: keepaliveSchema,
      })
      .strict()
      .default({
        host: '0.0.0.0',
        port: 50051,
        maxMessageBytes: 4 * 1024 * 1024,
        freshness: { ...DEFAULT_FRESHNESS },
        limits: { ...DEFAULT_LIMITS },
        keepalive: { ...DEFAULT_KEEPALIVE },
      }),
    operator: listenSchema('127.0.0.1', 50061).default({ host: '127.0.0.1', port: 50061 }),
    tls: z
      .object({
        ca: z.array(file).min(1, 'at least one trust anchor (CA certificate file)'),
        cert: file,
        key: file,
        /** X.509 revocation lists (PEM or DER), each signed by a trust anchor of `ca`. */
        crl: z.array(file).default([]),
        /** How often the CRL files are checked for changes, in milliseconds. */
        crlReloadMs: z.number().int().min(1000).max(86_400_000).default(60_000),
      })
      .strict(),
    operatorTls: z.object({ ca: z.array(file).min(1, 'at least one operator CA certificate file') }).strict(),
    keys: z
      .object({
        signing: z.array(file).min(1, 'at least one signing key file'),
        encryption: z.array(file).min(1, 'at least one encryption key file'),
        /** Ed25519 keys that sign this gateway's audit-ledger checkpoints (C2SP signed notes). */
        ledger: z.array(file).min(1, 'at least one ledger key file'),
        /**
         * How often every partner's signed key set is fetched and its new keys registered
         * (docs/OPERATIONS.md, "Rotating message keys"); 0 turns the periodic refresh off.
         */
        refreshIntervalMs: z
          .number()
          .int()
          .refine((v) => v === 0 || (v >= 1000 && v <= 7 * 86_400_000), {
            message: '0 (off) or 1000 to 604800000 milliseconds (7 days)',
          })
          .default(DEFAULT_KEY_REFRESH_MS),
      })
      .strict(),
    partnersFile: file,
    operators: z
      .array(
        z
          .object({
            name: z.string().min(1, 'the operator certificate common name'),
            roles: z.array(z.enum(ROLES)).min(1),
          })
          .strict(),
      )
      .default([]),
    metrics: z
      .object({
        enabled: z.boolean().default(false),
        host: z.string().min(1).default('127.0.0.1'),
        port: port.default(9464),
      })
      .strict()
      .default({ enabled: false, host: '127.0.0.1', port: 9464 }),
    health: z
      .object({
        /** Certificates and keys that end within this many days are reported (warn), still SERVING. */
        certificateWarningDays: z.number().int().min(0).max(365).default(14),
        /** How often the health checks run. */
        intervalMs: z.number().int().min(1000).max(3_600_000).default(15_000),
        /** The `outbox` check warns when an undelivered item is older than this. */
        outboxWarnAfterMs: ms(1000, 30 * 86_400_000).default(3_600_000),
      })
      .strict()
      .default({ certificateWarningDays: 14, intervalMs: 15_000, outboxWarnAfterMs: 3_600_000 }),
    agreements: z
      .object({
        /**
         * For how long after an agreement's version changes a partner's message under the previous
         * version is still accepted (docs/AGREEMENTS.md).
         */
        graceHours: z.number().min(0).max(720).default(24),
      })
      .strict()
      .default({ graceHours: 24 }),
    delivery: deliverySchema.default(DELIVERY_DEFAULTS),
  })
  .strict();

/** The validated configuration, with every path absolute. */
export type GatewayConfig = z.infer<typeof configSchema> & {
  /** The folder of the config file; relative paths were resolved against it. */
  baseDir: string;
  /** The database URL, defaulted to a SQLite file in the data dir. */
  databaseUrl: string;
};

/** Formats zod issues as `field.path: what is expected` lines. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(top level)'}: ${i.message}`)
    .join('\n');
}

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out = { ...raw };
  const setPort = (section: 'peer' | 'operator', value: string | undefined, name: string) => {
    if (value === undefined || value === '') return;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw new GatewayError('config.invalid', `${name}: expected a port number 0-65535, got "${value}"`);
    }
    out[section] = { ...((out[section] as object | undefined) ?? {}), port: n };
  };
  setPort('peer', env.FIUGW_PEER_PORT, 'FIUGW_PEER_PORT');
  setPort('operator', env.FIUGW_OPERATOR_PORT, 'FIUGW_OPERATOR_PORT');
  if (env.FIUGW_DATABASE_URL) {
    out.database = { ...((out.database as object | undefined) ?? {}), url: env.FIUGW_DATABASE_URL };
  }
  return out;
}

/** Validates a parsed config object; `baseDir` resolves relative paths. Throws `config.invalid`. */
export function parseConfig(
  raw: unknown,
  baseDir: string,
  env: NodeJS.ProcessEnv = process.env,
): GatewayConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new GatewayError('config.invalid', '(top level): expected an object with the gateway settings');
  }
  const result = configSchema.safeParse(applyEnv(raw as Record<string, unknown>, env));
  if (!result.success) {
    throw new GatewayError('config.invalid', `invalid configuration:\n${formatIssues(result.error.issues)}`);
  }
  const c = result.data;
  const abs = (p: string) => path.resolve(baseDir, p);
  const dataDir = abs(c.dataDir);
  const sqliteDefault = `sqlite:${path.join(dataDir, 'gateway.sqlite')}`;
  let databaseUrl = c.database.url ?? sqliteDefault;
  if (databaseUrl.startsWith('sqlite:') && databaseUrl !== 'sqlite::memory:')
    databaseUrl = `sqlite:${abs(databaseUrl.slice('sqlite:'.length))}`;
  return {
    ...c,
    baseDir,
    dataDir,
    databaseUrl,
    tls: {
      ...c.tls,
      ca: c.tls.ca.map(abs),
      cert: abs(c.tls.cert),
      key: abs(c.tls.key),
      crl: c.tls.crl.map(abs),
    },
    operatorTls: { ca: c.operatorTls.ca.map(abs) },
    keys: {
      signing: c.keys.signing.map(abs),
      encryption: c.keys.encryption.map(abs),
      ledger: c.keys.ledger.map(abs),
      refreshIntervalMs: c.keys.refreshIntervalMs,
    },
    partnersFile: abs(c.partnersFile),
  };
}

/** Parses YAML or JSON text (JSON is YAML); errors say where the syntax is wrong. */
export function parseDocument(text: string, source: string): unknown {
  try {
    return parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    throw new GatewayError('config.invalid', `${source}: not valid YAML or JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Reads, parses and validates a config file. */
export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `cannot read config file ${file}`, { cause: err });
  }
  const raw = parseDocument(text, file);
  try {
    return parseConfig(raw, path.dirname(path.resolve(file)), env);
  } catch (err) {
    if (err instanceof GatewayError) {
      throw new GatewayError(err.code, `${file}: ${err.message}`, { cause: err.cause });
    }
    throw err;
  }
}
