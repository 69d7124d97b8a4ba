export { createGateway } from './createGateway.js';
export type { CreateGatewayOptions, Gateway } from './createGateway.js';
export {
  GATEWAY_ENVIRONMENTS,
  SUBGRAPH_NAMES,
  gatewayConfigSpec,
  introspectionEnabled,
  subgraphUrlsFrom,
} from './config.js';
export type { GatewayConfig, GatewayEnvironment, SubgraphName, SubgraphUrls } from './config.js';
export type { GatewayContext } from './context.js';
export type { Principal } from './security/principal.js';
// The trust boundary subgraphs install: verify the identity the gateway
// forwards, and keep `_entities` / `_service` to the gateway.
export {
  INTERNAL_IDENTITY_HEADER,
  internalIdentityPrivateKey,
  internalIdentityPublicKey,
  internalIdentitySecret,
  internalIdentityVerificationKey,
  internalIdentityVerifierConfig,
  requireInternalIdentity,
  signInternalIdentity,
  useGatewayOnlyFederationFields,
  verifyInternalIdentity,
} from '@memgate/platform/identity';
export type {
  InternalIdentity,
  InternalIdentityKey,
  InternalIdentityVerifierConfig,
  RequireInternalIdentityOptions,
  VerifyInternalIdentityOptions,
} from '@memgate/platform/identity';
export { subscriptionSdl } from './subscriptions/subscriptionSdl.js';
