import type { GraphModel } from '@memgate/graph-model';
import type { GraphQLFieldResolver } from 'graphql';
import { decodeEntityKey } from '../model/entity-key.js';
import { ingestionNames } from '../schema-generation/names.js';
import { receiptStatus, type Receipt } from './receipt.js';

export interface ReceiptFinder {
  find(id: string): Promise<Receipt | null>;
}

type Resolver = GraphQLFieldResolver<Receipt, unknown>;

/**
 * `Query.ingestionReceipt` and the fields of `IngestionReceipt`. Entity lists
 * are federation references: `{ __typename: "Person", id }`, which the
 * gateway completes from the query subgraph.
 */
export function receiptResolvers(model: GraphModel, receipts: ReceiptFinder) {
  const receiptFields: Record<string, Resolver> = {
    status: (receipt) => receiptStatus(receipt),
  };
  for (const node of model.nodes.values()) {
    receiptFields[ingestionNames.receiptEntities(node)] = (receipt) =>
      (receipt.entityKeys.get(node.name) ?? []).map((key) => ({
        __typename: node.name,
        ...decodeEntityKey(node, key),
      }));
  }
  const findById: GraphQLFieldResolver<unknown, unknown, { id: string }> = (_source, args) =>
    receipts.find(args.id);
  return {
    Query: { [ingestionNames.receiptQuery]: findById },
    [ingestionNames.receiptType]: {
      ...receiptFields,
      // Federation: the gateway asks for a receipt by its key from another subgraph's result.
      __resolveReference: (reference: { id: string }) => receipts.find(reference.id),
    },
  };
}
