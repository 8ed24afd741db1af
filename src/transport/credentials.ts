/**
 * TLS material and gRPC credentials. Peers authenticate each other with mutual TLS against the network
 * trust anchors; operators authenticate to their own gateway with certificates from the FIU's operator
 * CA, which is a separate trust anchor so that a partner's gateway certificate can never call the
 * operator API.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, type PeerCertificate } from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { GatewayError } from '../errors.js';
import { MIN_TLS_VERSION, MutualTlsServerCredentials } from './server-tls.js';

/** PEM material of one TLS endpoint. */
export interface TlsMaterial {
  /** Trust anchors, concatenated PEM. */
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new GatewayError('config.file_unreadable', `cannot read ${what} ${file}`, { cause: err });
  }
}

/** Reads the gateway's TLS material (trust anchors, certificate, key) from files. */
export function loadTlsMaterial(files: { ca: string[]; cert: string; key: string }): TlsMaterial {
  return {
    ca: Buffer.concat(files.ca.map((f) => readPem(f, 'trust anchor'))),
    cert: readPem(files.cert, 'TLS certificate'),
    key: readPem(files.key, 'TLS private key'),
  };
}

/** Reads and concatenates trust anchor files. */
export function loadTrustAnchors(files: string[]): Buffer {
  return Buffer.concat(files.map((f) => readPem(f, 'trust anchor')));
}

/** Server credentials that require a client certificate chaining to `clientCa`, over TLS 1.3 or later. */
export function serverCredentials(own: TlsMaterial, clientCa: Buffer): grpc.ServerCredentials {
  return new MutualTlsServerCredentials({ ca: clientCa, cert: own.cert, key: own.key });
}

/**
 * Client credentials for calling a gateway whose certificate must chain to `own.ca` and name
 * `expectedName` in its subject common name. The identity checked is the FIU (or gateway) named by the
 * certificate, not the network address, which is only configuration: use with {@link identityChannelOptions}
 * so that TLS SNI carries that name too.
 */
export function clientCredentials(
  own: TlsMaterial | { ca: Buffer; cert: Buffer; key: Buffer },
  expectedName: string,
  /** A further check of the server certificate at each handshake, such as revocation. */
  checkCertificate?: (cert: PeerCertificate) => Error | undefined,
): grpc.ChannelCredentials {
  const context = createSecureContext({
    ca: own.ca,
    key: own.key,
    cert: own.cert,
    minVersion: MIN_TLS_VERSION,
  });
  return grpc.credentials.createFromSecureContext(context, {
    checkServerIdentity(_host: string, cert: PeerCertificate): Error | undefined {
      if (cert.subject?.CN !== expectedName) {
        return new Error(`the server certificate names "${cert.subject?.CN}", expected "${expectedName}"`);
      }
      return checkCertificate?.(cert);
    },
  });
}

/** Channel options that make TLS (SNI and the identity check) use the expected name, not the address. */
export function identityChannelOptions(expectedName: string): grpc.ChannelOptions {
  return { 'grpc.ssl_target_name_override': expectedName, 'grpc.default_authority': expectedName };
}
