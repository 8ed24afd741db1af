/**
 * `fiugw pki init`: makes the development PKI of a set of FIUs and writes it under one folder (see
 * layout.ts for what goes where). Everything is generated first, then written, so a failed generation
 * leaves nothing half-written behind.
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyRecord } from '../crypto/key-file.js';
import { generateKeyRecord, type GeneratedKey } from '../crypto/keys.js';
import { GatewayError } from '../errors.js';
import {
  createCa,
  gatewaySubjectAltNames,
  generateRsaKey,
  issueCertificate,
  type CertificateMaterial,
} from './ca.js';
import {
  DEFAULT_BASE_PORT,
  DEFAULT_DAYS,
  DEV_OPERATORS,
  KEY_FILE_PREFIX,
  planLayout,
  withKeyFiles,
  type FiuLayout,
  type PkiLayout,
} from './layout.js';
import {
  renderConfig,
  renderPartners,
  renderProfile,
  renderPublicKeys,
  renderReadme,
  json,
} from './render.js';
import { devAgreement, renderAgreement } from './agreements.js';

/** The subject common name of the development network CA. */
export const NETWORK_CA_NAME = 'fiu-gateway DEVELOPMENT network CA - not for production';

/** The subject common name of an FIU's development operator CA. */
export function operatorCaName(fiu: string): string {
  return `${fiu} DEVELOPMENT operator CA`;
}

/** Options of {@link initPki}. */
export interface InitPkiOptions {
  /** The output folder; created if missing. */
  out: string;
  /** 2 to 26 FIU ids; their order decides the ports. */
  fius: readonly string[];
  /**
   * FIU i (0-based) gets peer port basePort + i and operator port basePort + 100 + i. Default 50051.
   * 0 makes every port 0: gateways then take free ports and the caller sets partner addresses.
   */
  basePort?: number;
  /** Validity of certificates and message keys, from now; default 365. */
  days?: number;
  /** Write into a non-empty folder, replacing the files pki init writes (others are kept). */
  force?: boolean;
  /** Receives one progress line per step; default silent. */
  log?: (line: string) => void;
  /** The time the validity windows start from (an hour earlier, for clock skew); default now. */
  now?: Date;
}

const SECRET = 0o600;
const PUBLIC = 0o644;
const FOLDER = 0o700;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** What is generated for one FIU before anything is written. */
interface FiuMaterial {
  tls: CertificateMaterial;
  operatorCa: CertificateMaterial;
  /** Per operator slot (DEV_OPERATORS). */
  operators: Record<string, CertificateMaterial>;
  signing: GeneratedKey;
  encryption: GeneratedKey;
  /** Signs the gateway's audit-ledger checkpoints. */
  ledger: GeneratedKey;
}

function writeFailed(file: string, err: unknown): GatewayError {
  return new GatewayError('internal.unexpected', `cannot write ${file}: ${(err as Error).message}`, {
    cause: err,
  });
}

/**
 * Refuses an existing output that is not an empty folder, unless `force`. Returns whether it existed.
 */
function checkOutput(root: string, force: boolean): boolean {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new GatewayError('pki.invalid_argument', `--out: cannot use ${root}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!isDirectory) throw new GatewayError('pki.output_exists', `--out: ${root} exists and is not a folder`);
  if (!force && readdirSync(root).length > 0) {
    throw new GatewayError(
      'pki.output_exists',
      `--out: ${root} exists and is not empty; pass --force to replace the files pki init writes (other files are kept)`,
    );
  }
  return true;
}

/** Makes a folder (and its parents) with mode 0700. */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: FOLDER });
    chmodSync(dir, FOLDER);
  } catch (err) {
    throw writeFailed(dir, err);
  }
}

/**
 * Writes a file afresh with the given mode: an existing file is removed first, so a replaced key is
 * never readable with the old file's mode, and `wx` refuses to follow a link put in its place.
 */
function writeFile(file: string, text: string, mode: number): void {
  try {
    rmSync(file, { force: true });
    writeFileSync(file, text, { mode, flag: 'wx' });
  } catch (err) {
    throw writeFailed(file, err);
  }
}

/** A private key file name written by pki init, of any use and kid. */
const KEY_FILE = new RegExp(`^(${Object.values(KEY_FILE_PREFIX).join('|')})-[A-Za-z0-9_-]{43}\\.jwk\\.json$`);

/** Removes private key files of earlier runs (named after other kids), so stale keys do not pile up. */
function removeStaleKeys(fiu: FiuLayout): void {
  const keep = new Set([fiu.keys.signing, fiu.keys.encryption, fiu.keys.ledger].map((f) => path.basename(f)));
  for (const name of readdirSync(fiu.keys.dir)) {
    if (KEY_FILE.test(name) && !keep.has(name)) {
      rmSync(path.join(fiu.keys.dir, name), { force: true });
    }
  }
}

/** Generates all RSA keys at once (they run in parallel on the thread pool), then certifies them. */
async function generateMaterial(
  ids: readonly string[],
  window: { notBefore: Date; notAfter: Date },
): Promise<{ networkCa: CertificateMaterial; fius: Map<string, FiuMaterial> }> {
  const perFiu = 2 + DEV_OPERATORS.length; // TLS, operator CA, operators
  const [rsaKeys, messageKeys] = await Promise.all([
    Promise.all(Array.from({ length: 1 + ids.length * perFiu }, () => generateRsaKey())),
    Promise.all(
      ids.map(async (id) => ({
        signing: await generateKeyRecord(id, 'sig', window.notBefore, window.notAfter),
        encryption: await generateKeyRecord(id, 'enc', window.notBefore, window.notAfter),
        ledger: await generateKeyRecord(id, 'ledger', window.notBefore, window.notAfter),
      })),
    ),
  ]);
  let next = 0;
  const keyPem = () => rsaKeys[next++]!.privateKeyPem;
  const networkCa = await createCa(NETWORK_CA_NAME, { ...window, keyPem: keyPem() });
  const fius = new Map<string, FiuMaterial>();
  for (const [i, id] of ids.entries()) {
    const tls = await issueCertificate({
      caCertPem: networkCa.certPem,
      caKeyPem: networkCa.keyPem,
      commonName: id,
      sans: gatewaySubjectAltNames(id),
      usage: 'server+client',
      keyPem: keyPem(),
      ...window,
    });
    const operatorCa = await createCa(operatorCaName(id), { ...window, keyPem: keyPem() });
    const operators: Record<string, CertificateMaterial> = {};
    for (const { slot } of DEV_OPERATORS) {
      operators[slot] = await issueCertificate({
        caCertPem: operatorCa.certPem,
        caKeyPem: operatorCa.keyPem,
        commonName: `${slot}@${id}`,
        usage: 'client',
        keyPem: keyPem(),
        ...window,
      });
    }
    fius.set(id, { tls, operatorCa, operators, ...messageKeys[i]! });
  }
  return { networkCa, fius };
}

function writeFiu(
  fiu: FiuLayout,
  m: FiuMaterial,
  layout: PkiLayout,
  publicKeys: Map<string, KeyRecord[]>,
  window: { notBefore: Date; notAfter: Date },
): void {
  const folders = [fiu.dir, path.dirname(fiu.tls.cert), path.dirname(fiu.operatorCa.cert), fiu.keys.dir];
  for (const dir of folders) makeFolder(dir);
  writeFile(fiu.tls.cert, m.tls.certPem, PUBLIC);
  writeFile(fiu.tls.key, m.tls.keyPem, SECRET);
  writeFile(fiu.operatorCa.cert, m.operatorCa.certPem, PUBLIC);
  writeFile(fiu.operatorCa.key, m.operatorCa.keyPem, SECRET);
  for (const { slot } of DEV_OPERATORS) {
    const files = fiu.operators[slot]!;
    writeFile(files.cert, m.operators[slot]!.certPem, PUBLIC);
    writeFile(files.key, m.operators[slot]!.keyPem, SECRET);
    writeFile(files.profile, renderProfile(fiu, slot), PUBLIC);
  }
  writeFile(fiu.keys.signing, json(m.signing.private), SECRET);
  writeFile(fiu.keys.encryption, json(m.encryption.private), SECRET);
  writeFile(fiu.keys.ledger, json(m.ledger.private), SECRET);
  writeFile(fiu.keys.public, renderPublicKeys(publicKeys.get(fiu.id)!), PUBLIC);
  removeStaleKeys(fiu);
  writeFile(fiu.partnersFile, renderPartners(fiu.id, layout, publicKeys), PUBLIC);
  writeFile(fiu.configFile, renderConfig(fiu), PUBLIC);
  for (const [partner, file] of Object.entries(fiu.agreements)) {
    makeFolder(path.dirname(file));
    writeFile(file, renderAgreement(devAgreement(fiu.id, partner, window), fiu.id), PUBLIC);
  }
}

/**
 * Makes a development PKI under `options.out`: a network CA; for each FIU a TLS certificate, an
 * operator CA with one operator certificate per role, signing, encryption and ledger keys, a partner
 * registry and a config that `fiugw serve` accepts; and a README. Throws `pki.invalid_argument` for bad
 * arguments and `pki.output_exists` for a non-empty output folder without `force`.
 *
 * DEVELOPMENT ONLY: the keys it writes are meant to be published.
 */
export async function initPki(options: InitPkiOptions): Promise<PkiLayout> {
  const log = options.log ?? (() => undefined);
  const basePort = options.basePort ?? DEFAULT_BASE_PORT;
  const days = options.days ?? DEFAULT_DAYS;
  const plan = planLayout({ out: options.out, fius: options.fius, basePort, days });
  const existed = checkOutput(plan.root, options.force ?? false);

  const now = (options.now ?? new Date()).getTime();
  const window = { notBefore: new Date(now - HOUR_MS), notAfter: new Date(now + days * DAY_MS) };
  log(`making a development PKI for ${plan.ids.join(', ')} in ${plan.root}`);
  const material = await generateMaterial(plan.ids, window);

  const fius: Record<string, FiuLayout> = {};
  const publicKeys = new Map<string, KeyRecord[]>();
  for (const id of plan.ids) {
    const m = material.fius.get(id)!;
    fius[id] = withKeyFiles(plan.fius[id]!, {
      signing: m.signing.public.jwk.kid,
      encryption: m.encryption.public.jwk.kid,
      ledger: m.ledger.public.jwk.kid,
    });
    // Partners register all three: the ledger key lets them verify this gateway's checkpoints.
    publicKeys.set(id, [m.signing.public, m.encryption.public, m.ledger.public]);
  }
  const layout: PkiLayout = { ...plan, fius };

  if (!existed) makeFolder(layout.root);
  makeFolder(path.dirname(layout.networkCa.cert));
  writeFile(layout.networkCa.cert, material.networkCa.certPem, PUBLIC);
  writeFile(layout.networkCa.key, material.networkCa.keyPem, SECRET);
  log(`created the network CA (ca/${path.basename(layout.networkCa.cert)})`);
  for (const id of layout.ids) {
    writeFiu(fius[id]!, material.fius.get(id)!, layout, publicKeys, window);
    log(
      `${id}: TLS certificate, ${DEV_OPERATORS.length} operator certificates, signing, encryption and ledger keys, config (${id}/)`,
    );
  }
  writeFile(layout.readme, renderReadme(layout, basePort, window), PUBLIC);
  log(`wrote README.md: what each file is`);
  return layout;
}
