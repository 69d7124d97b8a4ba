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
export type { Receipt, IngestionStatus } from './receipts/receipt.js';
export type {
  GraphOperation,
  UpsertNodeOperation,
  ReceiptRef,
} from './transform/graph-operation.js';
