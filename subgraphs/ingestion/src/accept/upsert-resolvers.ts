import type { GraphModel } from '@memgate/graph-model';
import type { GraphQLFieldResolver } from 'graphql';
import type { Receipt } from '../receipts/receipt.js';
import { ingestionNames } from '../schema-generation/names.js';
import type { UpsertAcceptor } from './upsert-acceptor.js';

type UpsertArgs = { input: readonly Readonly<Record<string, unknown>>[] };

/** `Mutation.upsertPeople` and its siblings: each hands its records to the acceptor. */
export function upsertMutationResolvers(
  model: GraphModel,
  acceptor: Pick<UpsertAcceptor, 'accept'>,
): Record<string, GraphQLFieldResolver<unknown, unknown, UpsertArgs, Promise<Receipt>>> {
  const resolvers: Record<
    string,
    GraphQLFieldResolver<unknown, unknown, UpsertArgs, Promise<Receipt>>
  > = {};
  for (const node of model.nodes.values()) {
    const field = ingestionNames.upsertField(node);
    resolvers[field] = (_source, args) => acceptor.accept(node, field, args.input);
  }
  return resolvers;
}
