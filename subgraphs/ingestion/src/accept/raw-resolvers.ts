import type { GraphQLFieldResolver } from 'graphql';
import type { Receipt } from '../receipts/receipt.js';
import { ingestionNames } from '../schema-generation/names.js';
import type { RawAcceptor } from './raw-acceptor.js';

type IngestArgs = { source: string; records: readonly unknown[]; idempotencyKey?: string | null };

/** `Mutation.ingest`. */
export function rawMutationResolvers(
  acceptor: Pick<RawAcceptor, 'accept'>,
): Record<string, GraphQLFieldResolver<unknown, unknown, IngestArgs, Promise<Receipt>>> {
  return {
    [ingestionNames.ingestField]: (_source, args) =>
      acceptor.accept(args.source, args.records, args.idempotencyKey),
  };
}
