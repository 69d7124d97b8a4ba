import { checkReadiness } from '@memgate/platform/http';
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

  it('answers /readyz with the platform’s supergraph check and its own lifecycle check', async () => {
    const readiness = new Readiness();
    expect(await checkReadiness(readiness.checks())).toEqual({
      ready: false,
      checks: {
        supergraph: { ok: false, reason: 'no supergraph is loaded yet' },
        gateway: { ok: false, reason: 'the gateway has not started' },
      },
    });
    readiness.supergraphLoad();
    readiness.started();
    expect(await checkReadiness(readiness.checks())).toEqual({
      ready: true,
      checks: { supergraph: { ok: true }, gateway: { ok: true } },
    });
  });
});
