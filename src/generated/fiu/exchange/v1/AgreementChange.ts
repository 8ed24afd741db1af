// Original file: proto/fiu/exchange/v1/agreements.proto

import type { AgreementRevision as _fiu_exchange_v1_AgreementRevision, AgreementRevision__Output as _fiu_exchange_v1_AgreementRevision__Output } from '../../../fiu/exchange/v1/AgreementRevision.js';

export interface AgreementChange {
  'revision'?: (_fiu_exchange_v1_AgreementRevision | null);
  /**
   * False when nothing changed (the same document and status were already in force).
   */
  'changed'?: (boolean);
}

export interface AgreementChange__Output {
  'revision': (_fiu_exchange_v1_AgreementRevision__Output | null);
  /**
   * False when nothing changed (the same document and status were already in force).
   */
  'changed': (boolean);
}
