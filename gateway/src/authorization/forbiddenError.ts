import { GraphQLError, type ASTNode } from 'graphql';

/**
 * The one answer to an operation that asks for something the caller may not
 * have. Every denial reads the same and names no field, so it tells nothing
 * about what exists; its locations point into the caller's own document.
 */
export function forbiddenError(nodes: readonly ASTNode[]): GraphQLError {
  return new GraphQLError('Not authorized to run this operation.', {
    nodes,
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}
