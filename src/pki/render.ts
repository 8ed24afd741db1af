/**
 * The text files of the development PKI: each FIU's config.yaml, partners.json and operator profiles,
 * and the README. Pure: the caller writes them.
 */
import path from 'node:path';
import { Document, isMap, isScalar, isSeq, type Pair } from 'yaml';
import type { KeyRecord } from '../crypto/key-file.js';
import { ledgerOrigin } from '../crypto/keys.js';
import type { PartnerRegistry } from '../partner-registry.js';
import {
  DEV_OPERATORS,
  FIU_FILES,
  keyFileName,
  operatorFileNames,
  OPERATOR_PORT_OFFSET,
  type FiuLayout,
  type PkiLayout,
} from './layout.js';

/** The comment above each top-level key of config.yaml. */
const CONFIG_COMMENTS: Record<string, string> = {
  fiu: " This gateway's FIU id; it is the common name (CN) of tls/gateway.crt.",
  dataDir: ' The SQLite database and other state (created on first start; not part of the dev PKI).',
  peer: ' The peer API: partner gateways call here over mutual TLS (gRPC).',
  operator: " The operator API: this FIU's operators call here with their operator certificates.",
  tls:
    ' TLS of the peer port (and the operator port): the trust anchors that partner certificates must\n' +
    " chain to, and this gateway's certificate and key (also its client certificate towards partners).",
  operatorTls:
    ' The operator CA: operator client certificates must chain to it. It is not the network CA, so a\n' +
    " partner gateway's certificate can never call the operator API.",
  keys:
    ' Private key records (JWK): Ed25519 message signing (JWS), X25519 message encryption (JWE) and\n' +
    ' Ed25519 ledger keys. List more than one while rotating; the newest valid key is used, and\n' +
    ' partners must know every listed key.',
  partnersFile:
    " The partner FIUs: each one's peer address and its registered public keys (signing, encryption and\n" +
    " ledger: the ledger keys verify that FIU's audit-ledger checkpoints).",
  operators: ' Operators by certificate common name, with their roles (roles never come from a request).',
};

/** The comment above each key of the `keys` section of config.yaml of FIU `fiu`. */
function keyComments(fiu: string): Record<string, string> {
  return {
    ledger: ` signs this gateway's audit-ledger checkpoints (C2SP signed notes, key name ${ledgerOrigin(fiu)})`,
  };
}

/** The relative path of a file inside the FIU's folder, `/`-separated. */
function relative(fiu: FiuLayout, file: string): string {
  return path.relative(fiu.dir, file).split(path.sep).join('/');
}

/** config.yaml of one FIU, with a comment on every section; every path relative to the file. */
export function renderConfig(fiu: FiuLayout): string {
  const doc = new Document({
    fiu: fiu.id,
    dataDir: FIU_FILES.dataDir,
    peer: { host: '127.0.0.1', port: fiu.peerPort },
    operator: { host: '127.0.0.1', port: fiu.operatorPort },
    tls: { ca: [FIU_FILES.networkCaFromFiu], cert: FIU_FILES.tlsCert, key: FIU_FILES.tlsKey },
    operatorTls: { ca: [FIU_FILES.operatorCaCert] },
    keys: {
      signing: [relative(fiu, fiu.keys.signing)],
      encryption: [relative(fiu, fiu.keys.encryption)],
      ledger: [relative(fiu, fiu.keys.ledger)],
    },
    partnersFile: FIU_FILES.partners,
    // One role each, named after it: analyst@FIU-A has [analyst]; supervisor-2@FIU-A is a supervisor.
    operators: DEV_OPERATORS.map(({ slot, role }) => ({ name: fiu.operators[slot]!.name, roles: [role] })),
  });
  doc.commentBefore =
    ` fiu-gateway configuration of ${fiu.id}, written by \`fiugw pki init\`.\n` +
    ' DEVELOPMENT ONLY: the keys next to this file are not secret. Never use them in production.\n' +
    ' Start: fiugw serve --config PATH-OF-THIS-FILE. Relative paths below are resolved against the\n' +
    ' folder of this file. Environment overrides: FIUGW_PEER_PORT, FIUGW_OPERATOR_PORT, FIUGW_DATABASE_URL.';
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items as Pair[]) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') {
        const comment = CONFIG_COMMENTS[pair.key.value];
        if (comment) pair.key.commentBefore = comment;
      }
      if (isScalar(pair.key) && pair.key.value === 'keys' && isMap(pair.value)) {
        const comments = keyComments(fiu.id);
        for (const item of pair.value.items as Pair[]) {
          const comment = isScalar(item.key) ? comments[String(item.key.value)] : undefined;
          if (comment && isScalar(item.key)) item.key.commentBefore = comment;
        }
      }
      // Short lists of roles read better inline: `roles: [admin]`.
      if (isScalar(pair.key) && pair.key.value === 'operators' && isSeq(pair.value)) {
        for (const item of pair.value.items) {
          const roles = isMap(item) ? item.get('roles', true) : undefined;
          if (isSeq(roles)) roles.flow = true;
        }
      }
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * partners.json of one FIU: every other FIU with its peer address and public keys (signing,
 * encryption and ledger: the ledger key verifies that FIU's audit-ledger checkpoints).
 */
export function renderPartners(
  self: string,
  layout: PkiLayout,
  publicKeys: Map<string, KeyRecord[]>,
): string {
  const registry: PartnerRegistry = {
    partners: layout.ids
      .filter((id) => id !== self)
      .map((id) => ({ id, address: layout.fius[id]!.peerAddress, keys: publicKeys.get(id)! })),
  };
  return json(registry);
}

/** keys/public.json: the FIU's public key records, for partners to register. */
export function renderPublicKeys(keys: KeyRecord[]): string {
  return json({ keys });
}

/** An operator profile; paths relative to the profile (in operators/). */
export function renderProfile(fiu: FiuLayout, slot: string): string {
  const names = operatorFileNames(slot);
  return json({
    fiu: fiu.id,
    operator: fiu.operators[slot]!.name,
    address: fiu.operatorAddress,
    ca: FIU_FILES.networkCaFromOperators,
    cert: names.cert,
    key: names.key,
  });
}

/** A JSON file: two-space indent and a final newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The README of the output folder. */
export function renderReadme(
  layout: PkiLayout,
  basePort: number,
  validity: { notBefore: Date; notAfter: Date },
): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const first = layout.ids[0]!;
  const ports =
    basePort === 0
      ? 'All ports are 0 (`--base-port 0`): each gateway takes a free port when it starts, so the\n' +
        'addresses in partners.json and in the operator profiles must be set by whoever starts them.'
      : `Ports: FIU number i (0-based, in the order given to \`--fius\`) listens for peers on\n` +
        `${basePort} + i and for its operators on ${basePort} + ${OPERATOR_PORT_OFFSET} + i, all on 127.0.0.1:\n\n` +
        '| FIU | peer port | operator port |\n|---|---|---|\n' +
        layout.ids
          .map((id) => `| ${id} | ${layout.fius[id]!.peerPort} | ${layout.fius[id]!.operatorPort} |`)
          .join('\n');
  return `# Development PKI — DEVELOPMENT ONLY

**DEVELOPMENT ONLY — these keys are public; never use in production.** Everything here, private keys
included, was generated by \`fiugw pki init\` and may be published (this folder may be committed to a
public repository). A production FIU brings its own certificates and keys.

FIUs: ${layout.ids.join(', ')}. Certificates (RSA 2048) and keys (Ed25519 message signing, X25519
message encryption, Ed25519 ledger) are valid from ${day(validity.notBefore)} to **${day(validity.notAfter)}** (UTC). Regenerate with
\`fiugw pki init --out DIR --fius ${layout.ids.join(',')} --force\` (for the committed set:
\`npm run certs:dev\`).

## Start the gateways

One terminal per FIU, from this folder:

${layout.ids.map((id) => `    fiugw serve --config ${id}/config.yaml`).join('\n')}

An operator command reaches its own gateway with a profile, for example
\`--profile ${first}/operators/analyst.profile.json\`.

Nothing is exchanged until both sides have applied their sharing agreement (docs/AGREEMENTS.md), for
example, once the gateways run:

${layout.ids
  .filter((id) => id !== first)
  .flatMap((id) => [
    `    fiugw agreements apply ${first}/agreements/${id}.yaml --profile ${first}/operators/admin.profile.json`,
    `    fiugw agreements apply ${id}/agreements/${first}.yaml --profile ${id}/operators/admin.profile.json`,
  ])
  .join('\n')}

${ports}

## Files

| file | what it is |
|---|---|
| \`ca/network-ca.crt\` | the development network CA: every gateway's TLS certificate chains to it, and every gateway trusts it (config \`tls.ca\`) |
| \`ca/network-ca.key\` | its private key (only \`fiugw pki init\` needs it) |
| \`<FIU>/config.yaml\` | the gateway's configuration, for \`fiugw serve --config\`; paths in it are relative to its folder |
| \`<FIU>/partners.json\` | the partner registry: every other FIU's peer address and public keys (signing, encryption, ledger) |
| \`<FIU>/tls/gateway.crt\`, \`gateway.key\` | the gateway's TLS certificate (CN = the FIU id; SANs \`localhost\`, \`127.0.0.1\`, \`urn:fiu:<FIU>\`; serverAuth and clientAuth): it serves the peer and operator ports and is the client certificate when the gateway calls a partner |
| \`<FIU>/operators/operator-ca.crt\`, \`.key\` | the FIU's own operator CA (config \`operatorTls.ca\`), separate from the network CA so that a partner's gateway certificate can never call the operator API |
| \`<FIU>/operators/<slot>.crt\`, \`.key\` | operator client certificates, CN \`<slot>@<FIU>\`: ${DEV_OPERATORS.map((o) => (o.slot === o.role ? o.slot : `${o.slot} (${o.role}, for the four-eyes rule)`)).join(', ')} |
| \`<FIU>/operators/<slot>.profile.json\` | what the operator commands need to reach their gateway: address, the network CA to check the gateway's certificate, the operator certificate and key (paths relative to the profile) |
| \`<FIU>/${keyFileName('sig', '<kid>')}\` | the private Ed25519 signing key, a JWK record whose kid is its RFC 7638 thumbprint |
| \`<FIU>/${keyFileName('enc', '<kid>')}\` | the private X25519 encryption key |
| \`<FIU>/${keyFileName('ledger', '<kid>')}\` | the private Ed25519 ledger key: it signs this gateway's audit-ledger checkpoints (C2SP signed notes, key name \`fiu-gateway/<FIU>\`) |
| \`<FIU>/${FIU_FILES.publicKeys}\` | the public parts of all three, as partners register them |
| \`<FIU>/agreements/<PARTNER>.yaml\` | the development sharing agreement with each other FIU, as this FIU keeps it (id \`MOU-<the two ids in order>\`, version 1, every message type, purpose and data category); apply it with \`fiugw agreements apply\` |
| \`<FIU>/data/\` | created by the gateway when it starts (database); not part of the PKI |

Private key files are written with mode 0600 and folders with 0700 (a git checkout does not keep
these modes).
`;
}
