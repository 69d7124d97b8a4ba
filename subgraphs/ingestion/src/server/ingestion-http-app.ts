import type { ApolloServer } from '@apollo/server';
import {
  createServiceApp,
  graphqlRoute,
  type CallerCheck,
  type RawHandler,
  type ReadinessCheck,
} from '@memgate/platform/http';
import type { Logger } from '@memgate/platform/logging';
import type { Tracer } from '@memgate/platform/tracing';
import type { Express, RequestHandler } from 'express';
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
const GRAPHQL_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export interface IngestionHttpParts {
  readonly apollo: ApolloServer;
  readonly receipts: ReceiptFinder;
  /** `POST /ingest/{source}`; absent, the service takes no uploads (tests of the GraphQL side). */
  readonly uploads?: {
    readonly sources: Pick<MappingRegistry, 'find' | 'sources'>;
    readonly acceptor: Pick<UploadAcceptor, 'accept'>;
  };
  /** What /readyz checks: the engine and the broker. */
  readonly readiness: readonly ReadinessCheck[];
  /** Serves /metrics. */
  readonly metrics?: { readonly handler: RequestHandler };
  /** A server span around every request, continuing the caller's trace. */
  readonly tracer?: Tracer;
  /** The caller check of /graphql, before its body is read: `admitInternalIdentity`. */
  readonly graphqlAdmit: CallerCheck;
  /** Guard of the REST routes under /ingest: `requireRestCaller`. */
  readonly restAccess?: RequestHandler;
  readonly logger: Logger;
}

export interface IngestionHttpApp {
  /** The REST routes and the shell every service shares. */
  readonly app: Express;
  /** What `listen` serves before `app`: the GraphQL endpoint. */
  readonly routes: Readonly<Record<string, RawHandler>>;
}

/**
 * GraphQL at /graphql, uploads and receipts over REST, and the shell every
 * service shares (/healthz, /readyz, /metrics, request ids, tracing).
 * Uploads read their own body as a stream: no body parser runs before them,
 * and their guard answers before a byte of the body is read.
 */
export function createIngestionHttpApp(parts: IngestionHttpParts): IngestionHttpApp {
  const { app, finish } = createServiceApp({
    logger: parts.logger,
    readiness: parts.readiness,
    ...(parts.metrics && { metrics: parts.metrics }),
    ...(parts.tracer && { tracer: parts.tracer }),
  });
  if (parts.restAccess) app.use('/ingest', parts.restAccess);
  if (parts.uploads) app.use(uploadRoute(parts.uploads.sources, parts.uploads.acceptor));
  app.use(receiptRoute(parts.receipts));
  finish();
  const graphql = graphqlRoute({
    apollo: parts.apollo,
    context: () => Promise.resolve({}),
    maxBodyBytes: GRAPHQL_BODY_LIMIT_BYTES,
    // The caller is checked before a byte of the body is read: a stranger
    // must not make the service buffer and parse up to the limit.
    admit: parts.graphqlAdmit,
    ...(parts.tracer && { tracer: parts.tracer }),
    logger: parts.logger,
  });
  return { app, routes: { '/graphql': graphql } };
}
