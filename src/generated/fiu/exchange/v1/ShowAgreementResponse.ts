// Original file: proto/fiu/exchange/v1/agreements.proto

import type { AgreementRevision as _fiu_exchange_v1_AgreementRevision, AgreementRevision__Output as _fiu_exchange_v1_AgreementRevision__Output } from '../../../fiu/exchange/v1/AgreementRevision.js';

export interface ShowAgreementResponse {
  'revisions'?: (_fiu_exchange_v1_AgreementRevision)[];
}

export interface ShowAgreementResponse__Output {
  'revisions': (_fiu_exchange_v1_AgreementRevision__Output)[];
}
