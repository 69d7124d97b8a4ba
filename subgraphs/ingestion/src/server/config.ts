import { fileURLToPath } from 'node:url';
import { graphConnectionConfig } from '@memgate/cypher';
import {
  engineConfig,
  environmentConfig,
  intVar,
  kafkaConfig,
  listVar,
  loggingConfig,
  portVar,
  stringVar,
  type ConfigOf,
  type EnvVar,
} from '@memgate/platform/config';
import { internalIdentityVerifierConfig, writerRolesConfig } from '@memgate/platform/identity';
import { kafkaSecurityConfig } from '@memgate/platform/kafka';
import { tracingConfig } from '@memgate/platform/tracing';
import { schemaPaths } from '@memgate/schema';
import { z } from 'zod';
import type { TopicLayout } from '../kafka/topics.js';
import type { BookkeepingLabels } from '../model/bookkeeping-labels.js';

/** Kafka topic names allow letters, digits, `.`, `_` and `-`; the prefix is part of one. */
const TOPIC_PREFIX = /^[A-Za-z0-9._-]{0,200}$/;
/** Bookkeeping labels are written into Cypher text, so they follow the graph's name rules. */
const LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A string variable whose value must also match `pattern`. */
function matching(variable: EnvVar<string>, pattern: RegExp, rule: string): EnvVar<string> {
  return { ...variable, schema: variable.schema.refine((value) => pattern.test(value), rule) };
}

/** As long as the internal identity secret: 256 bits, RFC 7518 §3.2. */
export const MIN_INGEST_TOKEN_LENGTH = 32;

/** `subgraphs/ingestion/mappings/`, from the sources and from the build alike. */
const DEFAULT_MAPPINGS_DIR = fileURLToPath(new URL('../../mappings/', import.meta.url));

/**
 * Everything the ingestion subgraph and its workers read from the
 * environment. Both processes load the same spec, so they always agree on
 * topic names and bookkeeping labels.
 */
export const ingestionConfig = {
  ...environmentConfig,
  ...engineConfig,
  // The CA only: reads stay on the MAIN (no MEMGRAPH_READ_URIS), because a
  // receipt or an applied offset read from a lagging replica would be stale.
  caFile: graphConnectionConfig.caFile,
  ...kafkaConfig,
  ...kafkaSecurityConfig,
  ...writerRolesConfig,
  ...internalIdentityVerifierConfig,
  ...tracingConfig,
  ...loggingConfig,
  port: portVar('MEMGATE_INGESTION_PORT', {
    description: 'HTTP port of the ingestion subgraph (0: a free port).',
    default: 4002,
  }),
  workerPort: portVar('MEMGATE_WORKER_PORT', {
    description:
      'HTTP port of an ingestion worker, serving /healthz, /readyz and /metrics (0: a free port).',
    default: 4003,
  }),
  ingestTokens: {
    ...listVar('MEMGATE_INGEST_TOKENS', {
      description:
        'Comma-separated bearer tokens (32+ characters each) that let producers call `POST /ingest/{source}` and `GET /ingest/receipts/{id}` directly (`Authorization: Bearer …`). The gateway does not proxy these routes; in production they answer only these tokens and the gateway’s signed identity.',
      item: z
        .string()
        .min(
          MIN_INGEST_TOKEN_LENGTH,
          `each token must be at least ${MIN_INGEST_TOKEN_LENGTH} characters`,
        ),
    }),
    secret: true,
  },
  graphSchemaPath: stringVar('MEMGATE_GRAPH_SCHEMA_PATH', {
    description:
      'The graph SDL (node types, relationships, keys) both subgraphs derive their API from.',
    default: schemaPaths.graph,
  }),
  topicPrefix: matching(
    stringVar('MEMGATE_KAFKA_TOPIC_PREFIX', {
      description:
        'Prefix of every Kafka topic Memgate creates, e.g. `memgate.` gives `memgate.graph-ops`.',
      default: 'memgate.',
    }),
    TOPIC_PREFIX,
    'must be letters, digits, ".", "_" or "-"',
  ),
  partitions: intVar('MEMGATE_KAFKA_PARTITIONS', {
    description:
      'Partitions of the topics the service creates when they are missing; the most workers that can write in parallel.',
    default: 6,
    min: 1,
    max: 10_000,
  }),
  replicationFactor: intVar('MEMGATE_KAFKA_REPLICATION_FACTOR', {
    description:
      'Replication factor of the topics the service creates (1 for a single local broker; 3 in production).',
    default: 1,
    min: 1,
    max: 32,
  }),
  workerGroupId: stringVar('MEMGATE_WORKER_GROUP_ID', {
    description:
      'Kafka consumer group of the writer workers; the graph remembers applied offsets per group.',
    default: 'memgate-writers',
  }),
  workerConcurrency: intVar('MEMGATE_WORKER_CONCURRENCY', {
    description:
      'Partitions one worker writes at the same time, each in its own transaction: the engine works on one batch while the worker prepares or publishes another. Batches that write relationships or delete nodes take turns ([ADR 0014](docs/adr/0014-write-lane.md)).',
    default: 2,
    min: 1,
    max: 64,
  }),
  workerSessionTimeoutMs: intVar('MEMGATE_WORKER_SESSION_TIMEOUT_MS', {
    description:
      'How long the broker waits for a silent worker (crashed, killed, cut off) before giving its partitions to the others.',
    default: 30_000,
    min: 3_000,
    max: 300_000,
  }),
  workerBatchMax: intVar('MEMGATE_WORKER_BATCH_MAX', {
    description:
      'Most records (graph operations, or raw records to map) a worker writes in one transaction.',
    default: 5000,
    min: 1,
    max: 100_000,
  }),
  maxRecordsPerRequest: intVar('MEMGATE_MAX_RECORDS_PER_REQUEST', {
    description: 'Most records one mutation may carry; more is a BAD_USER_INPUT error.',
    default: 10_000,
    min: 1,
  }),
  writeTimeoutMs: intVar('MEMGATE_WRITE_TIMEOUT_MS', {
    description: 'Timeout of one write transaction of a worker or of a receipt lookup.',
    default: 60_000,
    min: 100,
  }),
  mappingsDir: stringVar('MEMGATE_INGESTION_MAPPINGS_DIR', {
    description:
      'Directory of the raw-ingest mapping files (YAML or JSON), one source each; checked against the graph SDL at start-up.',
    default: DEFAULT_MAPPINGS_DIR,
  }),
  maxRecordBytes: intVar('MEMGATE_MAX_RECORD_BYTES', {
    description:
      "Largest raw record `ingest` accepts, in bytes of JSON (records share Kafka messages up to 256 KB; a larger one travels alone, and must stay under the broker's message limit).",
    default: 256 * 1024,
    min: 1,
    max: 16 * 1024 * 1024,
  }),
  maxBodyBytes: intVar('MEMGATE_INGEST_MAX_BODY_BYTES', {
    description:
      'Largest body `POST /ingest/{source}` reads, in bytes as they stream (413 PAYLOAD_TOO_LARGE past it). Bodies are streamed to Kafka, never held in memory, so this bounds an upload, not the heap.',
    default: 1024 * 1024 * 1024,
    min: 1,
  }),
  idempotencyWindowSeconds: intVar('MEMGATE_IDEMPOTENCY_WINDOW_SECONDS', {
    description:
      'How long an `ingest` idempotency key is remembered: a repeat within it answers the original receipt and queues nothing.',
    default: 86_400,
    min: 1,
  }),
  workerMaxAttempts: intVar('MEMGATE_WORKER_MAX_ATTEMPTS', {
    description:
      'Attempts of a batch that fails by itself (not because the engine is down) before the worker splits it to isolate the bad record.',
    default: 3,
    min: 1,
    max: 100,
  }),
  workerBackoffInitialMs: intVar('MEMGATE_WORKER_BACKOFF_INITIAL_MS', {
    description: 'First wait before retrying a failed batch; doubles per retry, with jitter.',
    default: 200,
    min: 1,
  }),
  workerBackoffMaxMs: intVar('MEMGATE_WORKER_BACKOFF_MAX_MS', {
    description: 'Longest wait between retries of a failed batch.',
    default: 10_000,
    min: 1,
    max: 25_000,
  }),
  workerEngineRetryMs: intVar('MEMGATE_WORKER_ENGINE_RETRY_MS', {
    description:
      'How long the graph client retries a batch transaction after a transient engine error before the worker backs off.',
    default: 5_000,
    min: 0,
  }),
  breakerFailures: intVar('MEMGATE_BREAKER_FAILURES', {
    description:
      'Consecutive failed batch writes with the engine down that open the circuit: the worker pauses consuming and probes the engine.',
    default: 3,
    min: 1,
  }),
  breakerProbeInitialMs: intVar('MEMGATE_BREAKER_PROBE_INITIAL_MS', {
    description:
      'First wait before probing the engine (RETURN 1) while the circuit is open; doubles per failed probe.',
    default: 500,
    min: 10,
  }),
  breakerProbeMaxMs: intVar('MEMGATE_BREAKER_PROBE_MAX_MS', {
    description: 'Longest wait between two probes of the engine while the circuit is open.',
    default: 30_000,
    min: 10,
  }),
  receiptLabel: matching(
    stringVar('MEMGATE_RECEIPT_LABEL', {
      description:
        'Label of the bookkeeping nodes that hold ingestion receipts; never part of the graph API.',
      default: 'MemgateReceipt',
    }),
    LABEL,
    'must be a label: letters, digits and _, not starting with a digit',
  ),
  offsetLabel: matching(
    stringVar('MEMGATE_OFFSET_LABEL', {
      description:
        'Label of the bookkeeping nodes that hold the Kafka offsets each worker group has applied to the graph.',
      default: 'MemgateOffset',
    }),
    LABEL,
    'must be a label: letters, digits and _, not starting with a digit',
  ),
};

export type IngestionConfig = ConfigOf<typeof ingestionConfig>;

export function bookkeepingLabelsOf(config: IngestionConfig): BookkeepingLabels {
  return { receipt: config.receiptLabel, offset: config.offsetLabel };
}

export function topicLayoutOf(config: IngestionConfig): TopicLayout {
  return { partitions: config.partitions, replicationFactor: config.replicationFactor };
}

export function backoffPolicyOf(config: IngestionConfig): { initialMs: number; maxMs: number } {
  return {
    initialMs: config.workerBackoffInitialMs,
    maxMs: Math.max(config.workerBackoffInitialMs, config.workerBackoffMaxMs),
  };
}
