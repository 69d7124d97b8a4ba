import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphModel } from '@memgate/graph-model';
import { parse, type GraphQLSchema } from 'graphql';
import { BigIntScalar, DateTimeScalar } from '../accept/scalars.js';
import type { UpsertAcceptor } from '../accept/upsert-acceptor.js';
import { upsertMutationResolvers } from '../accept/upsert-resolvers.js';
import { receiptResolvers, type ReceiptFinder } from '../receipts/receipt-resolvers.js';
import { generateIngestionSubgraphSdl } from '../schema-generation/generate-ingestion-sdl.js';

export interface IngestionSchema {
  readonly schema: GraphQLSchema;
  /** The generated subgraph SDL, as composed into the supergraph. */
  readonly sdl: string;
}

export interface IngestionServices {
  readonly acceptor: Pick<UpsertAcceptor, 'accept'>;
  readonly receipts: ReceiptFinder;
}

/** The executable subgraph schema: generated SDL plus the resolvers that accept and report. */
export function createIngestionSchema(
  model: GraphModel,
  services: IngestionServices,
): IngestionSchema {
  const sdl = generateIngestionSubgraphSdl(model);
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      ...receiptResolvers(model, services.receipts),
      Mutation: upsertMutationResolvers(model, services.acceptor),
      DateTime: DateTimeScalar,
      BigInt: BigIntScalar,
    },
  });
  return { schema, sdl };
}
