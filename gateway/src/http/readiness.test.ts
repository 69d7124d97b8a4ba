import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness.js';

describe('Readiness', () => {
  it('is ready only with a supergraph, once started, and not while stopping', () => {
    const readiness = new Readiness();
    expect(readiness.state()).toEqual({ ready: false, reason: 'no supergraph is loaded yet' });
    readiness.supergraphLoad();
    expect(readiness.state()).toEqual({ ready: false, reason: 'the gateway has not started' });
    readiness.started();
    expect(readiness.state()).toEqual({ ready: true });
    readiness.stopping();
    expect(readiness.state()).toEqual({ ready: false, reason: 'the gateway is stopping' });
  });

  it('answers the shared readiness check with its reason', async () => {
    const readiness = new Readiness();
    const check = readiness.asCheck();
    await expect(check.check()).rejects.toThrow('no supergraph is loaded yet');
    readiness.supergraphLoad();
    readiness.started();
    await expect(check.check()).resolves.toBeUndefined();
  });
});
