import type { GraphModel } from '@memgate/graph-model';
import { entityStubType } from './entity-stubs.js';
import { ingestionNames } from './names.js';
import { receiptType, SCALAR_TYPES, STATUS_ENUM } from './receipt-types.js';
import { block } from './sdl-printing.js';
import { upsertInputType, upsertMutationField } from './upsert-inputs.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/**
 * The ingestion subgraph's API, a pure function of the graph model so that
 * `npm run compose` and the running service always print the same SDL: a
 * typed upsert per node type, receipts, and key-only stubs of the node types
 * for the gateway to resolve from the query subgraph.
 */
export function generateIngestionSubgraphSdl(model: GraphModel): string {
  const nodes = [...model.nodes.values()];
  const parts = [
    FEDERATION_LINK,
    SCALAR_TYPES,
    STATUS_ENUM,
    receiptType(model),
    ...nodes.map(entityStubType),
    ...nodes.map(upsertInputType),
    block('type', 'Query', [
      '"A receipt by id; null when there is no such receipt."',
      `${ingestionNames.receiptQuery}(id: ID!): ${ingestionNames.receiptType}`,
    ]),
  ];
  // A model without node types has nothing to upsert, and an empty type is not valid SDL.
  if (nodes.length > 0) {
    parts.push(block('type', 'Mutation', nodes.flatMap(upsertMutationField)));
  }
  return `${parts.join('\n\n')}\n`;
}
