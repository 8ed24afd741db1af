/**
 * Loads the wire contract from proto/ at run time (the same files in src/ under tsx and in dist/).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as PeerProto } from '../generated/peer.js';
import type { ProtoGrpcType as OperatorProto } from '../generated/operator.js';
import type { ProtoGrpcType as AuditProto } from '../generated/audit.js';
import type { ProtoGrpcType as AgreementsProto } from '../generated/agreements.js';
import type { ProtoGrpcType as KeysProto } from '../generated/keys.js';

/** The proto/ folder of the package. */
export const PROTO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../proto');

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

function load<T>(file: string): T {
  const def = protoLoader.loadSync(path.join(PROTO_DIR, file), {
    ...LOADER_OPTIONS,
    includeDirs: [PROTO_DIR],
  });
  return grpc.loadPackageDefinition(def) as unknown as T;
}

let peer: PeerProto | undefined;
let operator: OperatorProto | undefined;
let audit: AuditProto | undefined;
let agreements: AgreementsProto | undefined;
let keys: KeysProto | undefined;

/** The peer service definitions (loaded once). */
export function peerProto(): PeerProto {
  return (peer ??= load<PeerProto>('fiu/exchange/v1/peer.proto'));
}

/** The operator service definitions (loaded once). */
export function operatorProto(): OperatorProto {
  return (operator ??= load<OperatorProto>('fiu/exchange/v1/operator.proto'));
}

/** The audit service definitions (loaded once). */
export function auditProto(): AuditProto {
  return (audit ??= load<AuditProto>('fiu/exchange/v1/audit.proto'));
}

/** The agreements service definitions (loaded once). */
export function agreementsProto(): AgreementsProto {
  return (agreements ??= load<AgreementsProto>('fiu/exchange/v1/agreements.proto'));
}

/** The keys service definitions (loaded once). */
export function keysProto(): KeysProto {
  return (keys ??= load<KeysProto>('fiu/exchange/v1/keys.proto'));
}
