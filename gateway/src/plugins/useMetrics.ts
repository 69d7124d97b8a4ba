import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import {
  secondsSince,
  type GraphqlMetrics,
  type GraphqlOperationType,
  type GraphqlOutcome,
} from '@memgate/platform/metrics';
import type { RequestHandler } from 'express';
import { operationStarted, type GatewayContext } from '../context.js';

export interface GatewayMetrics {
  /** Records every operation Apollo Server runs, once its response is ready. */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /**
   * First on the GraphQL path: records, as `rejected`, the requests refused
   * before any operation ran — by a middleware (401, 413, 429, batch size,
   * allowlist) or by Apollo's own request checks (CSRF, malformed).
   */
  readonly refusals: RequestHandler;
}

/**
 * `memgate_graphql_operations_total` and `…_duration_seconds` for every
 * operation on every transport, by bounded name, type and outcome.
 * Rejected means refused before execution — parse and validation errors,
 * authentication, RBAC and limits — which is what tells an attack or a
 * broken client from a failing subgraph (error, partial). The queries the
 * gateway runs itself to complete subscription events are not client
 * operations and are left out; their subgraph fetches are still measured.
 * Not the platform's `apolloMetricsPlugin`: the gateway refuses operations
 * after they resolve (RBAC, cost), which only "did execution start" tells apart.
 */
export function useMetrics(metrics: GraphqlMetrics): GatewayMetrics {
  return {
    plugin: {
      requestDidStart({ contextValue }) {
        if (contextValue.derived) return Promise.resolve();
        const started = process.hrtime.bigint();
        let executed = false;
        return Promise.resolve({
          executionDidStart() {
            executed = true;
            return Promise.resolve();
          },
          willSendResponse({ response, operation, operationName, request }) {
            metrics.observe({
              operation: operationName ?? requestedOperationName(request),
              type: operationType(operation?.operation),
              outcome: outcomeOf(response, executed),
              seconds: secondsSince(started),
            });
            return Promise.resolve();
          },
        });
      },
    },
    refusals: (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        if (res.statusCode < 400 || operationStarted(res)) return;
        metrics.observe({
          operation: requestedOperationName(firstRequest(req.body, req.query)),
          type: 'unknown',
          outcome: 'rejected',
          seconds: secondsSince(started),
        });
      });
      next();
    },
  };
}

function outcomeOf(response: GraphQLResponse, executed: boolean): GraphqlOutcome {
  const result =
    response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  if (!result.errors || result.errors.length === 0) return 'success';
  if (!executed) return 'rejected';
  return result.data === undefined || result.data === null ? 'error' : 'partial';
}

export function operationType(type: string | undefined): GraphqlOperationType {
  return type === 'query' || type === 'mutation' || type === 'subscription' ? type : 'unknown';
}

/** The request of a POST body (the first of a batch) or a GET query string. */
function firstRequest(body: unknown, query: unknown): unknown {
  return Array.isArray(body) ? body[0] : (body ?? query);
}

const NAMED_OPERATION = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * The operation's name for a request that may never have parsed: the one
 * the client gave, else the name of a document that starts with a named
 * operation. Cheap and good enough for a label, which BoundedLabel bounds.
 */
export function requestedOperationName(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const { operationName, query } = request as { operationName?: unknown; query?: unknown };
  if (typeof operationName === 'string') return operationName;
  return typeof query === 'string' ? NAMED_OPERATION.exec(query.slice(0, 200))?.[1] : undefined;
}
