/**
 * The peer API handlers: the caller's FIU is read from its TLS certificate, then the exchange service
 * does the rest. Nothing in a request is trusted to name the caller.
 */
import type { PeerExchangeHandlers } from '../generated/fiu/exchange/v1/PeerExchange.js';
import type { Logger } from '../log.js';
import { peerCommonName } from './peer-identity.js';
import { unary } from './unary.js';

/** What the peer API needs from the services. */
export interface PeerApi {
  receive(sealed: string, tlsPeer: string): Promise<string>;
}

/** The PeerExchange service implementation. */
export function peerHandlers(api: PeerApi, log: Logger): PeerExchangeHandlers {
  return {
    Deliver: unary(log, 'Deliver', async (req, call) => {
      const tlsPeer = peerCommonName(call);
      const receipt = await api.receive(req.sealed, tlsPeer);
      return { receipt };
    }),
  };
}
