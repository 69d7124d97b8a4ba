export { kafkaSecurityConfig, SASL_MECHANISMS } from './kafka-security-config.js';
export { kafkaClientConfig, kafkaClientSecurity } from './kafka-client-config.js';
export type { KafkaClientSecurity, KafkaSecurity } from './kafka-client-config.js';
