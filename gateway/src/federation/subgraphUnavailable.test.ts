import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  subgraphUnavailable,
  toSubgraphResponseError,
  unavailableReason,
} from './subgraphUnavailable.js';

function withCode(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('unavailableReason', () => {
  it('finds a socket error code under undici’s "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') });
    expect(unavailableReason(error)).toBe('unreachable');
  });

  it('looks inside an AggregateError from trying several addresses', () => {
    const cause = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]);
    expect(unavailableReason(new TypeError('fetch failed', { cause }))).toBe('unreachable');
  });

  it('tells timeouts apart', () => {
    expect(unavailableReason(new DOMException('signal timed out', 'TimeoutError'))).toBe('timeout');
    const error = new TypeError('fetch failed', { cause: withCode('UND_ERR_CONNECT_TIMEOUT') });
    expect(unavailableReason(error)).toBe('timeout');
  });

  it('treats 502, 503 and 504 answers as unavailability, other statuses not', () => {
    const answer = (status: number): GraphQLError =>
      new GraphQLError(`${status}`, { extensions: { response: { status } } });
    expect(unavailableReason(answer(502))).toBe('bad-gateway');
    expect(unavailableReason(answer(504))).toBe('bad-gateway');
    expect(unavailableReason(answer(500))).toBeUndefined();
    expect(unavailableReason(answer(401))).toBeUndefined();
  });

  it('leaves every other error alone', () => {
    expect(unavailableReason(new SyntaxError('Unexpected token < in JSON'))).toBeUndefined();
    expect(unavailableReason(new Error('Missing query'))).toBeUndefined();
    expect(unavailableReason('not even an error')).toBeUndefined();
  });
});

describe('subgraphUnavailable', () => {
  it('becomes a response error carrying code, subgraph and reason but no URL', () => {
    const cause = new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') });
    const error = subgraphUnavailable('reviews', 'unreachable', cause);
    expect(error.httpStatus).toBe(502);
    expect(error.cause).toBe(cause);
    expect(toSubgraphResponseError(error)).toEqual({
      message: 'Subgraph "reviews" could not be reached.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'reviews', reason: 'unreachable' },
    });
  });
});
