/**
 * The partner directory: where each partner gateway listens. Loaded from the partner registry;
 * addresses can be changed at run time (the demo and tests bind partners on port 0).
 */
import { GatewayError } from '../errors.js';
import type { PartnerRegistry } from '../partner-registry.js';

export class PartnerDirectory {
  private readonly addresses = new Map<string, string>();

  constructor(registry: PartnerRegistry) {
    for (const p of registry.partners) this.addresses.set(p.id, p.address);
  }

  /** True when `fiu` is a registered partner. */
  has(fiu: string): boolean {
    return this.addresses.has(fiu);
  }

  /** The peer API address of a partner; `transport.unknown_partner` when it is not registered. */
  address(fiu: string): string {
    const a = this.addresses.get(fiu);
    if (a === undefined) {
      throw new GatewayError('transport.unknown_partner', `${fiu} is not a registered partner`, {
        publicDetail: `${fiu} is not a registered partner of this gateway`,
      });
    }
    return a;
  }

  /** Changes a registered partner's address. */
  setAddress(fiu: string, address: string): void {
    this.address(fiu);
    this.addresses.set(fiu, address);
  }

  ids(): string[] {
    return [...this.addresses.keys()];
  }
}
