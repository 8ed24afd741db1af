/**
 * The development PKI: what `fiugw pki init` makes, and helpers for tests that need certificates of
 * their own (another CA, an expired certificate, a wrong name). DEVELOPMENT ONLY: production FIUs
 * bring their own certificates and keys.
 */
export {
  createCa,
  DEV_ORGANIZATION,
  gatewaySubjectAltNames,
  generateRsaKey,
  issueCertificate,
  RSA_BITS,
  type CertificateMaterial,
  type CertificateUsage,
  type CreateCaOptions,
  type IssueCertificateOptions,
  type SubjectAltName,
  type Validity,
} from './ca.js';
export { initPki, NETWORK_CA_NAME, operatorCaName, type InitPkiOptions } from './init.js';
export {
  checkFius,
  DEFAULT_BASE_PORT,
  DEFAULT_DAYS,
  MAX_FIUS,
  MIN_FIUS,
  OPERATOR_PORT_OFFSET,
  splitFiuList,
  type FiuLayout,
  type KeyFiles,
  type OperatorFiles,
  type PkiLayout,
} from './layout.js';
export { devAgreement, devAgreementId, renderAgreement } from './agreements.js';
export {
  networkCrlFile,
  REVOCATION_REASONS,
  revokeCertificate,
  type RevocationReason,
  type RevokeOptions,
  type RevokeResult,
} from './crl.js';
