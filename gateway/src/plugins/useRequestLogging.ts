import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { traceFieldsOf, type Logger } from '@memgate/platform/logging';
import type { GatewayContext } from '../context.js';

/** `partial`: data came back together with errors, e.g. one subgraph was down. */
export type OperationOutcome = 'success' | 'partial' | 'error';

export interface RequestLoggingOptions {
  logger: Logger;
}

/**
 * One log line per GraphQL operation, written when the response is sent:
 * request id, operation name, duration, outcome and the error codes the
 * client received. The line is the operator's record of what happened.
 */
export function useRequestLogging(
  options: RequestLoggingOptions,
): ApolloServerPlugin<GatewayContext> {
  const logger = options.logger;
  return {
    requestDidStart(start) {
      const startedAt = performance.now();
      return Promise.resolve({
        willSendResponse(end) {
          const { outcome, errorCodes } = summarise(end.response);
          const line = {
            // Written on the operation's own trace, whatever context is current.
            ...traceFieldsOf(start.contextValue.traceContext),
            requestId: start.contextValue.requestId,
            operationName: end.operationName ?? end.request.operationName ?? null,
            operationType: end.operation?.operation ?? null,
            transport: start.contextValue.transport,
            // Queries the gateway runs itself to complete subscription events.
            ...(start.contextValue.derived && { derived: true }),
            durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
            outcome,
            ...(errorCodes.length > 0 && { errorCodes }),
          };
          if (errorCodes.includes('INTERNAL_SERVER_ERROR')) logger.error(line, 'operation');
          else logger.info(line, 'operation');
          return Promise.resolve();
        },
      });
    },
  };
}

function summarise(response: GraphQLResponse): { outcome: OperationOutcome; errorCodes: string[] } {
  const result =
    response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  const errors = result.errors ?? [];
  const errorCodes = [...new Set(errors.map((error) => codeOf(error.extensions)))];
  if (errors.length === 0) return { outcome: 'success', errorCodes };
  const hasData = result.data !== undefined && result.data !== null;
  return { outcome: hasData ? 'partial' : 'error', errorCodes };
}

function codeOf(extensions: Readonly<Record<string, unknown>> | undefined): string {
  const code = extensions?.['code'];
  return typeof code === 'string' ? code : 'UNKNOWN';
}
