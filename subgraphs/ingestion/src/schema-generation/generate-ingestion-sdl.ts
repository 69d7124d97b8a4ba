import type { GraphModel } from '@memgate/graph-model';
import { entityStubType } from './entity-stubs.js';
import { abstractKeyInputTypes, keyInputType } from './key-inputs.js';
import { ingestionNames } from './names.js';
import { ERROR_TYPE, receiptType, SCALAR_TYPES, STATUS_ENUM } from './receipt-types.js';
import {
  deleteMutationField,
  propertiesInputTypes,
  relationshipInputTypes,
  relationshipMutationFields,
  writableRelationships,
} from './relationship-inputs.js';
import { block } from './sdl-printing.js';
import { subscriptionTypes } from './subscription-types.js';
import { upsertInputType, upsertMutationField } from './upsert-inputs.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const INGEST_FIELD = [
  '"Raw records of a source (a mapping file names it), mapped to nodes and relationships by the workers. Answers once every record is durably queued. A repeated idempotencyKey within the idempotency window answers the original receipt and queues nothing."',
  `${ingestionNames.ingestField}(source: String!, records: [JSON!]!, idempotencyKey: String): ${ingestionNames.receiptType}!`,
];

/**
 * The ingestion subgraph's API, a pure function of the graph model so that
 * `npm run compose` and the running service always print the same SDL:
 * typed upserts, connects, disconnects and deletes per node type, raw
 * ingest, receipts, key-only stubs of the node types for the gateway to
 * resolve from the query subgraph, and the subscriptions the gateway serves
 * from the changes topic. Raw sources are configuration, not
 * schema: `ingest` takes the source by name.
 */
export function generateIngestionSubgraphSdl(model: GraphModel): string {
  const nodes = [...model.nodes.values()];
  const relationships = nodes.flatMap((node) =>
    writableRelationships(model, node).map((field) => ({ node, field })),
  );
  const parts = [
    FEDERATION_LINK,
    SCALAR_TYPES,
    STATUS_ENUM,
    ERROR_TYPE,
    receiptType(model),
    ...nodes.map(entityStubType),
    ...nodes.map(upsertInputType),
    ...nodes.map(keyInputType),
    ...abstractKeyInputTypes(model),
    ...propertiesInputTypes(model),
    ...relationships.flatMap(({ node, field }) => relationshipInputTypes(model, node, field)),
    block('type', 'Query', [
      '"A receipt by id; null when there is no such receipt."',
      `${ingestionNames.receiptQuery}(id: ID!): ${ingestionNames.receiptType}`,
    ]),
    block('type', 'Mutation', [
      ...nodes.flatMap(upsertMutationField),
      ...relationships.flatMap(({ node, field }) => relationshipMutationFields(node, field)),
      ...nodes.flatMap(deleteMutationField),
      ...INGEST_FIELD,
    ]),
    ...subscriptionTypes(model),
  ];
  return `${parts.join('\n\n')}\n`;
}
