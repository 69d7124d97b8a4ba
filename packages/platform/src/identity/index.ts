/**
 * The trust boundary between the gateway and its subgraphs: the gateway
 * signs who the caller is, subgraphs verify it. Nothing here depends on the
 * rest of the gateway, so subgraphs can use it as it is.
 */
export {
  INTERNAL_IDENTITY_HEADER,
  INTERNAL_IDENTITY_ISSUER,
  INTERNAL_IDENTITY_TTL_SECONDS,
  signInternalIdentity,
  verifyInternalIdentity,
} from './internalIdentity.js';
export type {
  InternalIdentity,
  SignInternalIdentityOptions,
  VerifyInternalIdentityOptions,
} from './internalIdentity.js';
export {
  internalIdentityPrivateKey,
  internalIdentityPublicKey,
  internalIdentitySecret,
  MIN_SECRET_LENGTH,
} from './internalIdentityKeys.js';
export type { InternalIdentityKey } from './internalIdentityKeys.js';
export {
  FEDERATION_ROOT_FIELDS,
  selectsFederationField,
  useGatewayOnlyFederationFields,
} from './federationFieldsGuard.js';
export type { FederationFieldsPlugin } from './federationFieldsGuard.js';
export {
  admitInternalIdentity,
  checkInternalIdentity,
  identityRefusal,
  INTERNAL_IDENTITY_LOCAL,
  requireInternalIdentity,
} from './requireInternalIdentity.js';
export type {
  InternalIdentityCheck,
  RequireInternalIdentityOptions,
} from './requireInternalIdentity.js';
export {
  internalIdentityVerificationKey,
  internalIdentityVerifierConfig,
  subgraphIdentityPolicy,
} from './verifierConfig.js';
export type { InternalIdentityVerifierConfig, SubgraphIdentityPolicy } from './verifierConfig.js';
export { writerRolesConfig } from './writerRolesConfig.js';
export { ExpiringMemo } from './expiringMemo.js';
