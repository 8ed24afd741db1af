/**
 * Server credentials for mutual TLS with TLS 1.3 as the minimum. grpc-js's `ServerCredentials.createSsl`
 * has no way to set the protocol version, so this subclass hands the options to node's
 * `http2.createSecureServer` itself (grpc-js passes a secure credential's constructor and context
 * options through unchanged).
 */
import * as grpc from '@grpc/grpc-js';
import type { SecureContextOptions } from 'node:tls';

/** The lowest TLS version any gateway port accepts. */
export const MIN_TLS_VERSION = 'TLSv1.3' as const;

/** What a mutual-TLS server needs. */
export interface MutualTlsOptions {
  /** Trust anchors for client certificates (PEM). */
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

/** Requires and verifies a client certificate chaining to `ca`; TLS 1.3 only. */
export class MutualTlsServerCredentials extends grpc.ServerCredentials {
  constructor(options: MutualTlsOptions) {
    const context: SecureContextOptions = {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      minVersion: MIN_TLS_VERSION,
    };
    super({ requestCert: true, rejectUnauthorized: true }, context);
  }

  override _equals(other: grpc.ServerCredentials): boolean {
    return other === this;
  }
}
