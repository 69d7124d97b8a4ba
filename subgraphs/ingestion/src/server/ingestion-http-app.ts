import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphClient } from '@memgate/cypher';
import { createServiceApp } from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import express, { type Express } from 'express';
import type { Admin } from 'kafkajs';
import { receiptRoute } from '../receipts/receipt-route.js';
import type { ReceiptFinder } from '../receipts/receipt-resolvers.js';
import type { MappingRegistry } from '../mapping/mapping-registry.js';
import type { UploadAcceptor } from '../upload/upload-acceptor.js';
import { uploadRoute } from '../upload/upload-route.js';

/**
 * A mutation carries up to MEMGATE_MAX_RECORDS_PER_REQUEST records of a few
 * hundred bytes each; the record count, not the body size, is the limit
 * clients are told about.
 */
const GRAPHQL_BODY_LIMIT = '64mb';

export interface IngestionHttpParts {
  readonly apollo: ApolloServer;
  readonly receipts: ReceiptFinder;
  /** `POST /ingest/{source}`; absent, the service takes no uploads (tests of the GraphQL side). */
  readonly uploads?: {
    readonly sources: Pick<MappingRegistry, 'find' | 'sources'>;
    readonly acceptor: Pick<UploadAcceptor, 'accept'>;
  };
  readonly client: Pick<GraphClient, 'driver'>;
  readonly admin: Pick<Admin, 'describeCluster'>;
  readonly logger: Logger;
}

/**
 * GraphQL at /graphql, uploads and receipts over REST, and /readyz checking
 * the engine and the broker. Uploads read their own body as a stream: no
 * body parser runs before them.
 */
export function createIngestionHttpApp(parts: IngestionHttpParts): Express {
  const { app, finish } = createServiceApp({
    logger: parts.logger,
    readiness: [
      {
        name: 'engine',
        check: async () => {
          await parts.client.driver.getServerInfo();
        },
      },
      {
        name: 'broker',
        check: async () => {
          await parts.admin.describeCluster();
        },
      },
    ],
  });
  app.use('/graphql', express.json({ limit: GRAPHQL_BODY_LIMIT }), expressMiddleware(parts.apollo));
  if (parts.uploads) app.use(uploadRoute(parts.uploads.sources, parts.uploads.acceptor));
  app.use(receiptRoute(parts.receipts));
  finish();
  return app;
}
