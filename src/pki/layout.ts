/**
 * What `fiugw pki init` writes where, and the checks of its arguments. Pure: no I/O.
 *
 * ```
 * DIR/README.md
 * DIR/ca/network-ca.crt, network-ca.key             the development network CA
 * DIR/<FIU>/config.yaml                              for `fiugw serve --config`
 * DIR/<FIU>/partners.json                            every other FIU: address and public keys
 * DIR/<FIU>/tls/gateway.crt, gateway.key             peer and operator ports, client of partners
 * DIR/<FIU>/operators/operator-ca.crt, .key          this FIU's own operator CA
 * DIR/<FIU>/operators/<slot>.crt, .key, .profile.json  (a slot per role, and supervisor-2)
 * DIR/<FIU>/keys/signing-<kid>.jwk.json              private message keys
 * DIR/<FIU>/keys/encryption-<kid>.jwk.json
 * DIR/<FIU>/keys/ledger-<kid>.jwk.json               signs the audit-ledger checkpoints
 * DIR/<FIU>/keys/public.json                         { keys: [public records] }
 * DIR/<FIU>/data/                                    (made by the gateway, not by pki init)
 * ```
 */
import path from 'node:path';
import { FIU_ID, ROLES, type Role } from '../config.js';
import { GatewayError } from '../errors.js';
import type { KeyUse } from '../crypto/key-file.js';

/** The peer port of the first FIU; FIU i (0-based) listens on base + i. */
export const DEFAULT_BASE_PORT = 50051;
/** FIU i's operator port is base + OPERATOR_PORT_OFFSET + i. */
export const OPERATOR_PORT_OFFSET = 100;
/** Validity of certificates and message keys, in days from now. */
export const DEFAULT_DAYS = 365;
/** The fewest FIUs `pki init` makes (a network needs two). */
export const MIN_FIUS = 2;
/** The most FIUs `pki init` makes (FIU-A .. FIU-Z). */
export const MAX_FIUS = 26;
/** The longest validity `--days` accepts (ten years). */
export const MAX_DAYS = 3650;

/** Paths inside an FIU's folder, relative and with `/`, as config.yaml and the profiles name them. */
export const FIU_FILES = {
  config: 'config.yaml',
  partners: 'partners.json',
  dataDir: './data',
  tlsCert: 'tls/gateway.crt',
  tlsKey: 'tls/gateway.key',
  operatorCaCert: 'operators/operator-ca.crt',
  operatorCaKey: 'operators/operator-ca.key',
  publicKeys: 'keys/public.json',
  networkCaFromFiu: '../ca/network-ca.crt',
  networkCaFromOperators: '../../ca/network-ca.crt',
} as const;

/** The folder of the network CA; an FIU id must not collide with it on a case-insensitive disk. */
export const CA_DIR = 'ca';

/** Where one operator's files are. */
export interface OperatorFiles {
  /** The certificate's common name, `slot@FIU` (`analyst@FIU-A`), as config.yaml lists it. */
  name: string;
  role: Role;
  cert: string;
  key: string;
  profile: string;
}

/** The key files of an FIU; the private key files are named after their kid. */
export interface KeyFiles {
  dir: string;
  /** `{ keys: [public records] }` (signing, encryption, ledger), for partners to register. */
  public: string;
  signing: string;
  encryption: string;
  /** The private Ed25519 key that signs the gateway's audit-ledger checkpoints. */
  ledger: string;
  signingKid: string;
  encryptionKid: string;
  ledgerKid: string;
}

/** The kid of each of an FIU's generated keys. */
export interface KeyKids {
  signing: string;
  encryption: string;
  ledger: string;
}

/** Every file of one FIU, absolute. */
export interface FiuLayout {
  id: string;
  dir: string;
  /** 0 when the base port was 0 (the gateway then takes a free port; set partner addresses yourself). */
  peerPort: number;
  operatorPort: number;
  /** `127.0.0.1:<peerPort>`, as the other FIUs' partners.json name it. */
  peerAddress: string;
  /** `127.0.0.1:<operatorPort>`, as the operator profiles name it. */
  operatorAddress: string;
  configFile: string;
  partnersFile: string;
  /** The gateway's data folder (config `dataDir`); pki init does not create it. */
  dataDir: string;
  tls: { cert: string; key: string };
  operatorCa: { cert: string; key: string };
  /** Per slot: each role (analyst, liaison, supervisor, auditor, admin), and `supervisor-2`. */
  operators: OperatorSet;
  /** Operator profile file per slot; the same as `operators[slot].profile`. */
  profiles: Record<string, string>;
  /** The development sharing agreement with each other FIU, by partner id (`agreements/<PARTNER>.yaml`). */
  agreements: Record<string, string>;
  keys: KeyFiles;
}

/** Everything `initPki` wrote. */
export interface PkiLayout {
  /** The output folder, absolute. */
  root: string;
  readme: string;
  networkCa: { cert: string; key: string };
  /** The FIU ids, in the order given (which decides the ports). */
  ids: string[];
  fius: Record<string, FiuLayout>;
}

/** An FIU's layout before its keys exist (their file names are their kids). */
export type FiuPlan = Omit<FiuLayout, 'keys'> & { keysDir: string; publicKeys: string };

/** The layout before the keys exist. */
export type PkiPlan = Omit<PkiLayout, 'fius'> & { fius: Record<string, FiuPlan> };

function invalid(message: string): GatewayError {
  return new GatewayError('pki.invalid_argument', message);
}

/** Splits the `--fius` text (`FIU-A,FIU-B`) into ids; spaces around commas are allowed. */
export function splitFiuList(text: string): string[] {
  return text.split(',').map((s) => s.trim());
}

/** Checks the FIU ids: 2..26, each an FIU id, no duplicates, none named like the CA folder. */
export function checkFius(fius: readonly string[]): void {
  if (fius.length < MIN_FIUS || fius.length > MAX_FIUS) {
    throw invalid(`--fius: give ${MIN_FIUS} to ${MAX_FIUS} FIU ids separated by commas (got ${fius.length})`);
  }
  const seen = new Set<string>();
  for (const id of fius) {
    if (!FIU_ID.safeParse(id).success) {
      throw invalid(`--fius: "${id}" is not an FIU id (capital letters, digits and dashes, such as FIU-A)`);
    }
    if (seen.has(id)) throw invalid(`--fius: ${id} is listed twice`);
    if (id.toLowerCase() === CA_DIR)
      throw invalid(`--fius: "${id}" is reserved (the folder ${CA_DIR}/ holds the CA)`);
    seen.add(id);
  }
}

/** Checks the base port: 0 (every port 0), or a port such that the last operator port fits. */
export function checkBasePort(basePort: number, count: number): void {
  const highest = basePort + OPERATOR_PORT_OFFSET + count - 1;
  if (!Number.isInteger(basePort) || basePort < 0 || (basePort > 0 && highest > 65535)) {
    throw invalid(
      `--base-port: expected 0 or a port from 1 to ${65535 - OPERATOR_PORT_OFFSET - count + 1} ` +
        `(the operator ports are base + ${OPERATOR_PORT_OFFSET} + i), got ${basePort}`,
    );
  }
}

/** Checks the validity in days. */
export function checkDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw invalid(`--days: expected a whole number of days from 1 to ${MAX_DAYS}, got ${days}`);
  }
}

/** An absolute path from a folder and a `/`-separated relative path. */
function under(dir: string, rel: string): string {
  return path.join(dir, ...rel.split('/'));
}

/** The file name prefix of each key use: `keys/<prefix>-<kid>.jwk.json`. */
export const KEY_FILE_PREFIX = {
  sig: 'signing',
  enc: 'encryption',
  ledger: 'ledger',
} as const satisfies Record<KeyUse, string>;

/** The file name of a private key, relative to the FIU folder. */
export function keyFileName(use: KeyUse, kid: string): string {
  return `keys/${KEY_FILE_PREFIX[use]}-${kid}.jwk.json`;
}

/**
 * The development operators of each FIU: one per role, named after it (`analyst@FIU-A`), and a second
 * supervisor (`supervisor-2@FIU-A`), so that the four-eyes rule can be played with two different
 * supervisors. `slot` names the files and the profile.
 */
export const DEV_OPERATORS: ReadonlyArray<{ slot: string; role: Role }> = [
  ...ROLES.map((role) => ({ slot: role, role })),
  { slot: 'supervisor-2', role: 'supervisor' },
];

/** An FIU's operators by slot: every role, and the extra ones of {@link DEV_OPERATORS}. */
export type OperatorSet = Record<Role, OperatorFiles> & { [slot: string]: OperatorFiles };

/** The relative paths of an operator's files, as named from the operators/ folder. */
export function operatorFileNames(slot: string): { cert: string; key: string; profile: string } {
  return { cert: `${slot}.crt`, key: `${slot}.key`, profile: `${slot}.profile.json` };
}

function planFiu(root: string, ids: readonly string[], index: number, basePort: number): FiuPlan {
  const id = ids[index]!;
  const dir = path.join(root, id);
  const peerPort = basePort === 0 ? 0 : basePort + index;
  const operatorPort = basePort === 0 ? 0 : basePort + OPERATOR_PORT_OFFSET + index;
  const operatorsDir = path.join(dir, 'operators');
  const operators = {} as OperatorSet;
  const profiles: Record<string, string> = {};
  for (const { slot, role } of DEV_OPERATORS) {
    const names = operatorFileNames(slot);
    operators[slot] = {
      name: `${slot}@${id}`,
      role,
      cert: path.join(operatorsDir, names.cert),
      key: path.join(operatorsDir, names.key),
      profile: path.join(operatorsDir, names.profile),
    };
    profiles[slot] = operators[slot].profile;
  }
  return {
    id,
    dir,
    peerPort,
    operatorPort,
    peerAddress: `127.0.0.1:${peerPort}`,
    operatorAddress: `127.0.0.1:${operatorPort}`,
    configFile: under(dir, FIU_FILES.config),
    partnersFile: under(dir, FIU_FILES.partners),
    dataDir: under(dir, FIU_FILES.dataDir),
    tls: { cert: under(dir, FIU_FILES.tlsCert), key: under(dir, FIU_FILES.tlsKey) },
    operatorCa: { cert: under(dir, FIU_FILES.operatorCaCert), key: under(dir, FIU_FILES.operatorCaKey) },
    operators,
    profiles,
    agreements: Object.fromEntries(
      ids.filter((p) => p !== id).map((p) => [p, path.join(dir, 'agreements', `${p}.yaml`)]),
    ),
    keysDir: path.join(dir, 'keys'),
    publicKeys: under(dir, FIU_FILES.publicKeys),
  };
}

/** Checks the arguments and plans every path; throws `pki.invalid_argument`. */
export function planLayout(options: {
  out: string;
  fius: readonly string[];
  basePort: number;
  days: number;
}): PkiPlan {
  if (typeof options.out !== 'string' || options.out.trim() === '')
    throw invalid('--out: give the output folder');
  checkFius(options.fius);
  checkBasePort(options.basePort, options.fius.length);
  checkDays(options.days);
  const root = path.resolve(options.out);
  const fius: Record<string, FiuPlan> = {};
  options.fius.forEach((id, i) => (fius[id] = planFiu(root, options.fius, i, options.basePort)));
  return {
    root,
    readme: path.join(root, 'README.md'),
    networkCa: {
      cert: path.join(root, CA_DIR, 'network-ca.crt'),
      key: path.join(root, CA_DIR, 'network-ca.key'),
    },
    ids: [...options.fius],
    fius,
  };
}

/** Completes an FIU's plan with its key files. */
export function withKeyFiles(plan: FiuPlan, kids: KeyKids): FiuLayout {
  const { keysDir, publicKeys, ...rest } = plan;
  return {
    ...rest,
    keys: {
      dir: keysDir,
      public: publicKeys,
      signing: under(plan.dir, keyFileName('sig', kids.signing)),
      encryption: under(plan.dir, keyFileName('enc', kids.encryption)),
      ledger: under(plan.dir, keyFileName('ledger', kids.ledger)),
      signingKid: kids.signing,
      encryptionKid: kids.encryption,
      ledgerKid: kids.ledger,
    },
  };
}
