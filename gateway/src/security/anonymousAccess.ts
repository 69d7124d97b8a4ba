import { HeaderMap } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { OperationGuard } from '../operations/operationGuard.js';
import { tokenRequired } from './authenticationError.js';
import type { AnonymousAccess } from './authConfig.js';

/** Whether a caller without a token may run an operation of this type. */
export function anonymousMayRun(policy: AnonymousAccess, type: OperationTypeNode): boolean {
  if (policy === 'all') return true;
  // Subscriptions read, like queries; mutations write and need a writer role anyway.
  return policy === 'queries' && type !== OperationTypeNode.MUTATION;
}

/**
 * Anonymous access per operation type. Only known once the document is
 * parsed, so it is a guard and not part of the HTTP authentication, which
 * has already turned away every *invalid* token.
 */
export function anonymousAccessGuard(policy: AnonymousAccess): OperationGuard {
  return (request) => {
    if (
      request.principal.kind !== 'anonymous' ||
      anonymousMayRun(policy, request.operation.operation)
    ) {
      return Promise.resolve(undefined);
    }
    const reason = tokenRequired();
    return Promise.resolve(
      new GraphQLError(reason.message, {
        extensions: {
          code: reason.code,
          http: { status: 401, headers: new HeaderMap([['www-authenticate', reason.challenge()]]) },
        },
      }),
    );
  };
}
