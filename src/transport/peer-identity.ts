/**
 * Who is calling: read from the TLS peer certificate of the call. The certificate chain was already
 * checked against the trust anchors in the handshake (client certificates are required); here we only
 * read the name. A gateway certificate names its FIU id in the subject common name; an operator
 * certificate names the operator (`role@FIU-A`).
 */
import type { PeerCertificate } from 'node:tls';
import { GatewayError } from '../errors.js';

type AuthContext = { transportSecurityType?: string; sslPeerCertificate?: PeerCertificate } | null;

interface CallWithAuth {
  getAuthContext(): AuthContext;
}

/** Each call's auth context, read once: grpc-js decodes the peer certificate on every read. */
const contexts = new WeakMap<CallWithAuth, AuthContext>();

/** The call's auth context (its TLS peer certificate), read from the connection once per call. */
export function authContext(call: CallWithAuth): AuthContext {
  if (!contexts.has(call)) contexts.set(call, call.getAuthContext());
  return contexts.get(call)!;
}

/** The subject common name of the call's TLS client certificate; UNAUTHENTICATED when there is none. */
export function peerCommonName(call: CallWithAuth): string {
  const ctx = authContext(call);
  const cert = ctx?.sslPeerCertificate;
  const cn = cert?.subject?.CN;
  if (ctx?.transportSecurityType !== 'ssl' || !cert || typeof cn !== 'string' || cn.length === 0) {
    throw new GatewayError(
      'transport.no_peer_identity',
      'the call has no TLS client certificate with a name',
      {
        publicDetail: 'a client certificate naming the caller is required',
      },
    );
  }
  return cn;
}
