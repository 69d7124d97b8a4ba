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
