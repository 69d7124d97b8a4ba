import { describe, expect, it } from 'vitest';
import { subscriptionResolvers } from './subscription-resolvers.js';

describe('subscriptionResolvers', () => {
  const resolvers = subscriptionResolvers();

  it('send a client that subscribes here to the gateway', () => {
    for (const field of [
      resolvers.Subscription.graphChanged,
      resolvers.Subscription.ingestionProgress,
    ]) {
      expect(() => field.subscribe()).toThrow(
        expect.objectContaining({
          code: 'BAD_REQUEST',
          message: expect.stringContaining('subscribe through the gateway'),
        }),
      );
    }
  });

  it('resolve a GraphNode by its __typename', () => {
    expect(resolvers.GraphNode.__resolveType({ __typename: 'Person' })).toBe('Person');
    expect(resolvers.GraphNode.__resolveType({})).toBeNull();
  });
});
