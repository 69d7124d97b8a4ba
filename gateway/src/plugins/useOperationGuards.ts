import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getVariableValues } from 'graphql';
import type { GatewayContext } from '../context.js';
import { runGuards, type OperationGuard } from '../operations/operationGuard.js';

/**
 * Runs the operation guards (anonymous access, RBAC, cost…) once Apollo
 * has parsed, validated and picked the operation, and before anything is
 * planned or executed. Apollo runs the `didResolveOperation` hooks of
 * different plugins concurrently, so the guards share this one hook, where
 * their order is kept: an anonymous caller hears UNAUTHENTICATED, not
 * FORBIDDEN.
 */
export function useOperationGuards(
  guards: readonly OperationGuard[],
): ApolloServerPlugin<GatewayContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          // Apollo refuses documents without a resolvable operation before this hook.
          if (!operation) return;
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
          );
          if (coerced.errors) {
            const [first] = coerced.errors;
            throw new GraphQLError(first?.message ?? 'Invalid variables.', {
              nodes: first?.nodes,
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          const rejection = await runGuards(guards, {
            schema,
            document,
            operation,
            variables: coerced.coerced,
            principal: contextValue.principal,
            transport: contextValue.transport,
            derived: contextValue.derived,
          });
          if (rejection) throw rejection;
        },
      });
    },
  };
}
