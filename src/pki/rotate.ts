/**
 * `fiugw keys rotate`: adds new message keys to a gateway beside its current ones. The new private key
 * files go next to the current ones (mode 0600), the config's `keys.signing` / `keys.encryption` lists
 * gain them (YAML comments are kept), and `keys/public.json` is rewritten with every own public key that
 * has not expired, for partners to import. Old keys stay listed until they expire, so messages sealed
 * or signed with them stay readable and verifiable. The running gateway picks the new keys up at its
 * next start; partners learn them through `fiugw partners refresh-keys` (peer RPC GetKeys).
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument as parseYamlDocument, isSeq } from 'yaml';
import { loadConfig } from '../config.js';
import { checkKeyRecord, generateKeyRecord, type KeyRecord } from '../crypto/index.js';
import { GatewayError } from '../errors.js';
import { keyFileName } from './layout.js';
import { json, renderPublicKeys } from './render.js';

/** Which keys to rotate. */
export type RotateUse = 'sig' | 'enc' | 'all';

export interface RotateOptions {
  /** The gateway's config file (YAML or JSON). */
  config: string;
  use?: RotateUse;
  /**
   * Days from now before a new SIGNING key becomes valid (default 1): the time partners have to learn
   * it before messages are signed with it. A new encryption key is valid at once (partners encrypt to it
   * only once they have learned it). 0 makes the new signing key valid at once.
   */
  overlapDays?: number;
  /** Validity of the new keys, in days from when each becomes valid (default 365). */
  days?: number;
  now?: Date;
}

/** What a rotation wrote. */
export interface RotateResult {
  keys: Array<{ use: 'sig' | 'enc'; kid: string; file: string; notBefore: string; notAfter: string }>;
  configFile: string;
  publicKeysFile: string;
}

const DAY_MS = 86_400_000;
const CONFIG_LIST = { sig: 'signing', enc: 'encryption' } as const;

function fail(what: string, err: unknown): GatewayError {
  return new GatewayError('internal.unexpected', `${what}: ${(err as Error).message}`, { cause: err });
}

/** Reads the own key records listed in a loaded config (private, checked). */
async function readOwnKeys(files: string[]): Promise<KeyRecord[]> {
  const out: KeyRecord[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new GatewayError('config.file_unreadable', `cannot read key file ${file}`, { cause: err });
    }
    out.push(await checkKeyRecord(raw, file));
  }
  return out;
}

/** Writes `text` to `file` through a temporary file and a rename (never half-written). */
function replaceFile(file: string, text: string, mode: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    rmSync(tmp, { force: true });
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw fail(`cannot write ${file}`, err);
  }
}

/** The config text with `rel` appended to `keys.<list>` for each addition; YAML comments are kept. */
function editConfig(file: string, text: string, additions: Array<{ list: string; rel: string }>): string {
  if (file.endsWith('.json')) {
    const raw = JSON.parse(text) as { keys: Record<string, string[]> };
    for (const a of additions) raw.keys[a.list]!.push(a.rel);
    return `${JSON.stringify(raw, null, 2)}\n`;
  }
  const doc = parseYamlDocument(text);
  for (const a of additions) {
    const seq = doc.getIn(['keys', a.list]);
    if (!isSeq(seq)) {
      throw new GatewayError('config.invalid', `${file}: keys.${a.list}: expected a list of key files`);
    }
    seq.add(doc.createNode(a.rel));
  }
  return doc.toString();
}

/**
 * Generates new signing and/or encryption keys for the gateway of `options.config` and writes them
 * (see the module comment). Nothing is written when generation or a check fails.
 *
 * @throws GatewayError `config.*` for a bad config or key file, `pki.invalid_argument` for bad numbers.
 */
export async function rotateKeys(options: RotateOptions): Promise<RotateResult> {
  const use = options.use ?? 'all';
  const overlapDays = options.overlapDays ?? 1;
  const days = options.days ?? 365;
  if (!Number.isFinite(overlapDays) || overlapDays < 0)
    throw new GatewayError('pki.invalid_argument', '--overlap-days: expected a number >= 0');
  if (!Number.isFinite(days) || days <= 0)
    throw new GatewayError('pki.invalid_argument', '--days: expected a number > 0');
  const configFile = path.resolve(options.config);
  const config = loadConfig(configFile);
  const now = (options.now ?? new Date()).getTime();
  const uses = use === 'all' ? (['sig', 'enc'] as const) : ([use] as const);

  const generated = [];
  for (const u of uses) {
    const notBefore = new Date(u === 'sig' ? now + overlapDays * DAY_MS : now);
    const key = await generateKeyRecord(
      config.fiu,
      u,
      notBefore,
      new Date(notBefore.getTime() + days * DAY_MS),
    );
    // The FIU folder is the parent of the folder of the current keys (DIR/<FIU>/keys/...).
    const current = u === 'sig' ? config.keys.signing[0]! : config.keys.encryption[0]!;
    const fiuDir = path.dirname(path.dirname(current));
    const file = path.join(fiuDir, ...keyFileName(u, key.public.jwk.kid).split('/'));
    generated.push({ use: u, key, file });
  }
  const own = await readOwnKeys([...config.keys.signing, ...config.keys.encryption, ...config.keys.ledger]);
  const publicKeysFile = path.join(path.dirname(generated[0]!.file), 'public.json');
  const publicKeys = [...own, ...generated.map((g) => g.key.private)]
    .filter((k) => now < Date.parse(k.notAfter))
    .map((k) => {
      const { d: _d, ...jwk } = k.jwk;
      return { ...k, jwk };
    });
  const configText = readFileSync(configFile, 'utf8');
  const baseDir = path.dirname(configFile);
  const edited = editConfig(
    configFile,
    configText,
    generated.map((g) => ({
      list: CONFIG_LIST[g.use],
      rel: path.relative(baseDir, g.file).split(path.sep).join('/'),
    })),
  );

  for (const g of generated) {
    try {
      writeFileSync(g.file, json(g.key.private), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      throw fail(`cannot write ${g.file}`, err);
    }
  }
  replaceFile(publicKeysFile, renderPublicKeys(publicKeys), 0o644);
  replaceFile(configFile, edited, statSync(configFile).mode & 0o777);
  return {
    keys: generated.map((g) => ({
      use: g.use,
      kid: g.key.public.jwk.kid,
      file: g.file,
      notBefore: g.key.public.notBefore,
      notAfter: g.key.public.notAfter,
    })),
    configFile,
    publicKeysFile,
  };
}
