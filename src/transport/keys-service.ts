/**
 * The keys API handlers (proto/fiu/exchange/v1/keys.proto): the operator is read from its TLS client
 * certificate, its roles from the configuration; the partner-keys service does the rest.
 */
import type { KeysHandlers } from '../generated/fiu/exchange/v1/Keys.js';
import type { PartnerRefresh as WireRefresh } from '../generated/fiu/exchange/v1/PartnerRefresh.js';
import type { Logger } from '../log.js';
import type { Operator } from '../services/authorize.js';
import type { PartnerRefresh } from '../services/partner-keys.js';
import { peerCommonName } from './peer-identity.js';
import { unary } from './unary.js';

/** What the keys API needs from the services. */
export interface KeysApi {
  identify(commonName: string): Operator;
  refresh(op: Operator, partner: string): Promise<PartnerRefresh[]>;
}

function wireRefresh(r: PartnerRefresh): WireRefresh {
  return {
    partner: r.partner,
    ok: r.ok,
    errorCode: r.ok ? '' : r.errorCode,
    keysInSet: r.ok ? r.keysInSet : 0,
    learned: r.learned.map((l) => ({
      fiu: l.record.fiu,
      kid: l.record.jwk.kid,
      use: l.record.use,
      notBefore: l.record.notBefore,
      notAfter: l.record.notAfter,
      ledgerIndex: String(l.ledgerIndex),
    })),
  };
}

/** The Keys service implementation. */
export function keysHandlers(api: KeysApi, log: Logger): KeysHandlers {
  return {
    RefreshPartnerKeys: unary(log, 'Keys.RefreshPartnerKeys', async (req, call) => {
      const op = api.identify(peerCommonName(call));
      return { partners: (await api.refresh(op, req.partner)).map(wireRefresh) };
    }),
  };
}
