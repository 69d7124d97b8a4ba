import { describe, expect, it } from 'vitest';
import { BufferedResponse } from './bufferedResponse.js';

describe('BufferedResponse', () => {
  it('reads as RemoteGraphQLDataSource reads a fetch response', async () => {
    const response = new BufferedResponse(
      'http://query/graphql',
      200,
      { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] },
      '{"data":{"a":1}}',
    );
    expect(response.ok).toBe(true);
    expect(response.statusText).toBe('OK');
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await response.json()).toEqual({ data: { a: 1 } });
    expect(response.bodyUsed).toBe(true);
  });

  it('is not ok outside 2xx, and rejects a body that is not JSON when asked for JSON', async () => {
    const response = new BufferedResponse('http://query/graphql', 503, {}, 'no healthy upstream');
    expect(response.ok).toBe(false);
    expect(response.statusText).toBe('Service Unavailable');
    expect(await response.text()).toBe('no healthy upstream');
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });
});
