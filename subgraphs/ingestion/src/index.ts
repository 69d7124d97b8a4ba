export { generateIngestionSubgraphSdl } from './schema-generation/generate-ingestion-sdl.js';
export { createIngestionSchema } from './server/create-ingestion-schema.js';
export type { IngestionSchema, IngestionServices } from './server/create-ingestion-schema.js';
export { createIngestionSubgraph } from './server/create-ingestion-subgraph.js';
export type {
  IngestionSubgraph,
  IngestionSubgraphOptions,
} from './server/create-ingestion-subgraph.js';
export { createIngestionWorker } from './server/create-ingestion-worker.js';
export type { IngestionWorker, IngestionWorkerOptions } from './server/create-ingestion-worker.js';
export { ingestionConfig } from './server/config.js';
export type { IngestionConfig } from './server/config.js';
export { ingestionTopics } from './kafka/topics.js';
export type { IngestionTopics } from './kafka/topics.js';
export { decodeDeadLetter } from './kafka/dead-letter-codec.js';
export { decodeChangeEvents, encodeChangeFrame } from './kafka/change-codec.js';
export { FRAME_LIMITS } from './kafka/frames.js';
export type { DeadLetter } from './model/dead-letter.js';
export { loadMappings } from './mapping/load-mappings.js';
export type { RawRecord, RecordTransform } from './mapping/record-transform.js';
export type { CircuitSnapshot, CircuitState } from './worker/circuit-breaker.js';
export type { Receipt, IngestionStatus, IngestionError } from './receipts/receipt.js';
export type {
  GraphOperation,
  UpsertNodeOperation,
  ConnectOperation,
  DisconnectOperation,
  DeleteNodeOperation,
  EntityRef,
  ReceiptRef,
} from './transform/graph-operation.js';
export { ingestionNames } from './schema-generation/names.js';
