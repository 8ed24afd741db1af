// Original file: proto/fiu/exchange/v1/operator.proto

import type { CaseSummary as _fiu_exchange_v1_CaseSummary, CaseSummary__Output as _fiu_exchange_v1_CaseSummary__Output } from '../../../fiu/exchange/v1/CaseSummary.js';
import type { CaseMessage as _fiu_exchange_v1_CaseMessage, CaseMessage__Output as _fiu_exchange_v1_CaseMessage__Output } from '../../../fiu/exchange/v1/CaseMessage.js';
import type { CaseDraftInfo as _fiu_exchange_v1_CaseDraftInfo, CaseDraftInfo__Output as _fiu_exchange_v1_CaseDraftInfo__Output } from '../../../fiu/exchange/v1/CaseDraftInfo.js';

export interface ShowCaseResponse {
  'case'?: (_fiu_exchange_v1_CaseSummary | null);
  'messages'?: (_fiu_exchange_v1_CaseMessage)[];
  /**
   * The drafts of the case (responses, disclosures, held requests), oldest first, with the decisions.
   */
  'drafts'?: (_fiu_exchange_v1_CaseDraftInfo)[];
}

export interface ShowCaseResponse__Output {
  'case': (_fiu_exchange_v1_CaseSummary__Output | null);
  'messages': (_fiu_exchange_v1_CaseMessage__Output)[];
  /**
   * The drafts of the case (responses, disclosures, held requests), oldest first, with the decisions.
   */
  'drafts': (_fiu_exchange_v1_CaseDraftInfo__Output)[];
}
