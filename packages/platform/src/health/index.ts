export { engineReadiness } from './engine-readiness.js';
export type { Pingable } from './engine-readiness.js';
export { brokerReadiness } from './broker-readiness.js';
export type { BrokerReadinessOptions } from './broker-readiness.js';
export { supergraphReadiness } from './supergraph-readiness.js';
export { consumerReadiness } from './consumer-readiness.js';
export type { ConsumerReadinessOptions } from './consumer-readiness.js';
