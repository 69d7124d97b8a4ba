export { startServices } from './services.js';
export type {
  EngineEndpoint,
  KafkaEndpoint,
  RunningServices,
  StartServicesOptions,
} from './services.js';
export { servicesConfig } from './launcher-config.js';
export { ServiceStartError } from './service-start-error.js';
export { boltReturnsOne, startBoltEngine, neo4jConf } from './bolt-engine.js';
export type { LocalBoltEngine } from './bolt-engine.js';
export { kafkaRoundTrip, startKafkaBroker, kafkaServerProperties } from './kafka-broker.js';
export type { LocalKafkaBroker } from './kafka-broker.js';
export { parseJavaMajor } from './prerequisites.js';
export { claimPort, findFreePort, isListening, isPortFree, LOOPBACK } from './ports.js';
