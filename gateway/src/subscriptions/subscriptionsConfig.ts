import { intVar, kafkaConfig, stringVar, type EnvVar } from '@memgate/platform/config';

/** Kafka topic names allow letters, digits, `.`, `_` and `-`; the prefix is part of one. */
const TOPIC_PREFIX = /^[A-Za-z0-9._-]{0,200}$/;

function matching(variable: EnvVar<string>, pattern: RegExp, rule: string): EnvVar<string> {
  return { ...variable, schema: variable.schema.refine((value) => pattern.test(value), rule) };
}

/** Subscriptions: the change feed the gateway reads, and the WebSocket transport. */
export const subscriptionsConfigSpec = {
  ...kafkaConfig,
  topicPrefix: matching(
    stringVar('MEMGATE_KAFKA_TOPIC_PREFIX', {
      description:
        'Prefix of every Kafka topic Memgate creates, e.g. `memgate.` gives `memgate.graph-ops`.',
      default: 'memgate.',
    }),
    TOPIC_PREFIX,
    'must be letters, digits, ".", "_" or "-"',
  ),
  subscriptionGroupPrefix: stringVar('MEMGATE_SUBSCRIPTIONS_GROUP_PREFIX', {
    description:
      'Prefix of the Kafka consumer group each gateway replica reads the change feed with (`<prefix>-<host>-<pid>`), so every replica sees every change.',
    default: 'memgate-gateway',
  }),
  subscriptionBurstMs: intVar('MEMGATE_SUBSCRIPTIONS_BURST_MS', {
    description:
      'How long changes are collected before the nodes they concern are fetched in one query.',
    default: 10,
    min: 0,
    max: 1000,
  }),
  wsInitTimeoutMs: intVar('MEMGATE_WS_INIT_TIMEOUT_MS', {
    description: 'How long a WebSocket may stay open without `connection_init` (then close 4408).',
    default: 3_000,
    min: 100,
  }),
  wsKeepAliveMs: intVar('MEMGATE_WS_KEEPALIVE_MS', {
    description:
      'Interval of WebSocket pings; a peer that does not answer within one more interval is dropped. 0 turns pings off.',
    default: 12_000,
    min: 0,
  }),
  wsMaxBufferedBytes: intVar('MEMGATE_WS_MAX_BUFFERED_BYTES', {
    description:
      'Most bytes waiting to be sent to one WebSocket client; a slower client is disconnected (close 1013, try again later) rather than buffered without end.',
    default: 1024 * 1024,
    min: 1024,
  }),
  wsMaxPendingEvents: intVar('MEMGATE_WS_MAX_PENDING_EVENTS', {
    description:
      'Most events one subscription may have waiting for delivery before its client counts as too slow.',
    default: 1_000,
    min: 1,
  }),
  wsMaxSubscriptions: intVar('MEMGATE_WS_MAX_SUBSCRIPTIONS', {
    description: 'Most subscriptions one WebSocket connection may hold at once.',
    default: 100,
    min: 1,
  }),
};
