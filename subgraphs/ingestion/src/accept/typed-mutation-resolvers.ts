import type { GraphModel } from '@memgate/graph-model';
import type { GraphQLFieldResolver } from 'graphql';
import type { Receipt } from '../receipts/receipt.js';
import { ingestionNames } from '../schema-generation/names.js';
import { writableRelationships } from '../schema-generation/relationship-inputs.js';
import { deletesToOperations } from '../transform/deletes-to-operations.js';
import {
  connectsToOperations,
  disconnectsToOperations,
} from '../transform/relationships-to-operations.js';
import { upsertsToOperations } from '../transform/upserts-to-operations.js';
import type { OperationAcceptor } from './operation-acceptor.js';

type Records = readonly Readonly<Record<string, unknown>>[];
type MutationResolver = GraphQLFieldResolver<
  unknown,
  unknown,
  Record<string, unknown>,
  Promise<Receipt>
>;

/**
 * `upsertPeople`, `connectPersonKnows`, `disconnectPersonKnows`,
 * `deletePeople` and their siblings: each turns its input into operations
 * and hands them to the acceptor, which queues them and answers a receipt.
 */
export function typedMutationResolvers(
  model: GraphModel,
  acceptor: Pick<OperationAcceptor, 'accept'>,
): Record<string, MutationResolver> {
  const resolvers: Record<string, MutationResolver> = {};
  for (const node of model.nodes.values()) {
    const upsert = ingestionNames.upsertField(node);
    resolvers[upsert] = (_source, args) => {
      const input = args['input'] as Records;
      return acceptor.accept({
        source: upsert,
        count: input.length,
        operations: (receipt) => upsertsToOperations(node, input, receipt),
      });
    };
    for (const field of writableRelationships(model, node)) {
      const connect = ingestionNames.connectField(node, field);
      resolvers[connect] = (_source, args) => {
        const input = args['input'] as Records;
        return acceptor.accept({
          source: connect,
          count: input.length,
          operations: (receipt) => connectsToOperations(model, node, field, input, receipt),
        });
      };
      const disconnect = ingestionNames.disconnectField(node, field);
      resolvers[disconnect] = (_source, args) => {
        const input = args['input'] as Records;
        return acceptor.accept({
          source: disconnect,
          count: input.length,
          operations: (receipt) => disconnectsToOperations(model, node, field, input, receipt),
        });
      };
    }
    const remove = ingestionNames.deleteField(node);
    resolvers[remove] = (_source, args) => {
      const keys = args['keys'] as readonly unknown[];
      return acceptor.accept({
        source: remove,
        count: keys.length,
        operations: (receipt) => deletesToOperations(node, keys, receipt),
      });
    };
  }
  return resolvers;
}
