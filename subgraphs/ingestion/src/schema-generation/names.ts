import type { NodeType } from '@memgate/graph-model';

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Every generated name of the ingestion API in one place, so the SDL
 * generator and the resolvers can never disagree about what a field is called.
 */
export const ingestionNames = {
  /** `upsertPeople` for a node type whose plural is `people`. */
  upsertField: (node: NodeType) => `upsert${upperFirst(node.plural)}`,
  /** `PersonInput`: one record of an upsert. */
  upsertInput: (node: NodeType) => `${node.name}Input`,
  /** `people` on a receipt: references to the entities it upserted. */
  receiptEntities: (node: NodeType) => node.plural,
  receiptType: 'IngestionReceipt',
  statusEnum: 'IngestionStatus',
  receiptQuery: 'ingestionReceipt',
} as const;
