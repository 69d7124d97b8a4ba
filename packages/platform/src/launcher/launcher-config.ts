import { intVar, portVar } from '../config/index.js';
import { engineConfig, kafkaConfig, launcherConfig } from '../config/index.js';

/** Everything the launcher reads from the environment. */
export const servicesConfig = {
  ...engineConfig,
  kafkaBrokers: kafkaConfig.brokers,
  ...launcherConfig,
  localBoltPort: portVar('MEMGATE_LOCAL_BOLT_PORT', {
    description: 'Bolt port of the local engine (0: a free port).',
    default: 0,
  }),
  localKafkaPort: portVar('MEMGATE_LOCAL_KAFKA_PORT', {
    description: 'Listener port of the local Kafka broker (0: a free port).',
    default: 0,
  }),
  localEngineHeapMb: intVar('MEMGATE_LOCAL_ENGINE_HEAP_MB', {
    description: 'Heap of the local engine JVM, in MiB.',
    default: 768,
    min: 256,
  }),
  localKafkaHeapMb: intVar('MEMGATE_LOCAL_KAFKA_HEAP_MB', {
    description: 'Heap of the local Kafka broker JVM, in MiB.',
    default: 512,
    min: 256,
  }),
  serviceStartTimeoutMs: intVar('MEMGATE_SERVICE_START_TIMEOUT_MS', {
    description: 'How long the launcher waits for the engine and the broker to become ready.',
    default: 120_000,
    min: 1_000,
  }),
};
