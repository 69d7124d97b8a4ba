import type { GraphQLError } from 'graphql';
import type { GraphqlMetrics, GraphqlOutcome } from './graphql-metrics.js';

/**
 * The parts of Apollo Server's plugin API this plugin uses, written out so
 * the platform does not depend on @apollo/server (structurally identical).
 */
interface RequestContext {
  readonly operationName?: string | null;
  readonly operation?: { readonly operation: string } | null;
  readonly errors?: readonly GraphQLError[];
  readonly response: {
    readonly body: { readonly kind: string; readonly singleResult?: { readonly data?: unknown } };
  };
}

export interface MetricsPlugin {
  requestDidStart(): Promise<{
    willSendResponse(context: RequestContext): Promise<void>;
  }>;
}

/**
 * Apollo Server plugin: one observation per operation, by (bounded) name,
 * type and outcome — rejected when it never executed (parse or validation
 * errors), partial when data came with errors.
 */
export function apolloMetricsPlugin(metrics: GraphqlMetrics): MetricsPlugin {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse(context: RequestContext) {
          const errors = context.errors ?? [];
          const data = context.response.body.singleResult?.data;
          const outcome: GraphqlOutcome =
            errors.length === 0
              ? 'success'
              : !context.operation
                ? 'rejected'
                : data === undefined || data === null
                  ? 'error'
                  : 'partial';
          const type = context.operation?.operation;
          metrics.observe({
            operation: context.operationName,
            type:
              type === 'query' || type === 'mutation' || type === 'subscription' ? type : 'unknown',
            outcome,
            seconds: Number(process.hrtime.bigint() - started) / 1e9,
          });
          return Promise.resolve();
        },
      });
    },
  };
}
