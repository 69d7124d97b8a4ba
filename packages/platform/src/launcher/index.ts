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
export { createTlsMaterial } from './tls-material.js';
export type { TlsMaterial } from './tls-material.js';
export { BROKER_USER } from './kafka-security.js';
export type { KafkaBrokerSecurity, ScramMechanism } from './kafka-security.js';
// For tools the project fetches the same way as its engines (e.g. the ops tests' search engine).
export { ensureArtifacts, resolveCacheDir } from './maven-artifacts.js';
export { startJvm } from './jvm-process.js';
export type { JvmProcess, JvmSpec } from './jvm-process.js';
export { waitUntilReady } from './readiness.js';
