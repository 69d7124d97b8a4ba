import { buildSubgraphSchema } from '@apollo/subgraph';
import { BigIntScalar, DateTimeScalar, type GraphModel } from '@memgate/graph-model';
import { parse, type GraphQLSchema } from 'graphql';
import type { OperationAcceptor } from '../accept/operation-acceptor.js';
import type { RawAcceptor } from '../accept/raw-acceptor.js';
import { rawMutationResolvers } from '../accept/raw-resolvers.js';
import { JsonScalar } from '../accept/json-scalar.js';
import { typedMutationResolvers } from '../accept/typed-mutation-resolvers.js';
import { subscriptionResolvers } from '../changes/subscription-resolvers.js';
import { receiptResolvers, type ReceiptFinder } from '../receipts/receipt-resolvers.js';
import { generateIngestionSubgraphSdl } from '../schema-generation/generate-ingestion-sdl.js';

export interface IngestionSchema {
  readonly schema: GraphQLSchema;
  /** The generated subgraph SDL, as composed into the supergraph. */
  readonly sdl: string;
}

export interface IngestionServices {
  /** Typed mutations: upserts, connects, disconnects, deletes. */
  readonly acceptor: Pick<OperationAcceptor, 'accept'>;
  /** `ingest`: raw records of a source. */
  readonly rawAcceptor: Pick<RawAcceptor, 'accept'>;
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
      ...subscriptionResolvers(),
      Mutation: {
        ...typedMutationResolvers(model, services.acceptor),
        ...rawMutationResolvers(services.rawAcceptor),
      },
      DateTime: DateTimeScalar,
      BigInt: BigIntScalar,
      JSON: JsonScalar,
    },
  });
  return { schema, sdl };
}
