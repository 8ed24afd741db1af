/**
 * Operator authorisation. The operator is named by the common name of its client certificate (checked
 * against the FIU's operator CA in the TLS handshake); its roles come from the configuration, never
 * from the request.
 */
import type { Role } from '../config.js';
import { GatewayError } from '../errors.js';

/** An authenticated operator and the roles the configuration gives it. */
export interface Operator {
  id: string;
  roles: Role[];
}

/** Looks up the operator's roles; an operator missing from the configuration has none and is refused. */
export function identifyOperator(name: string, configured: { name: string; roles: Role[] }[]): Operator {
  const entry = configured.find((o) => o.name === name);
  if (!entry) {
    throw new GatewayError('transport.operator_forbidden', `operator "${name}" is not in the configuration`, {
      publicDetail: `operator "${name}" is not registered at this gateway`,
    });
  }
  return { id: entry.name, roles: [...entry.roles] };
}

/** Throws PERMISSION_DENIED unless the operator holds one of `allowed`. */
export function requireRole(op: Operator, allowed: readonly Role[], action: string): void {
  if (!op.roles.some((r) => allowed.includes(r))) {
    const detail = `${action} needs one of the roles ${allowed.join(', ')}; ${op.id} has ${op.roles.join(', ')}`;
    throw new GatewayError('transport.operator_forbidden', detail, { publicDetail: detail });
  }
}
