import { describe, expect, it } from 'vitest';
import type { CircuitSnapshot } from './circuit-breaker.js';
import { circuitReadiness } from './circuit-readiness.js';

const snapshot = (state: CircuitSnapshot['state']): CircuitSnapshot => ({
  state,
  consecutiveFailures: 3,
  opened: 1,
  probes: 4,
});

describe('circuitReadiness', () => {
  it('is ready while the circuit is closed or half-open (consuming again)', async () => {
    await expect(circuitReadiness(() => snapshot('closed')).check()).resolves.toBeUndefined();
    await expect(circuitReadiness(() => snapshot('half-open')).check()).resolves.toBeUndefined();
  });

  it('is not ready while the circuit is open, and says why', async () => {
    const check = circuitReadiness(() => snapshot('open'));
    expect(check.name).toBe('circuit');
    await expect(check.check()).rejects.toThrow(
      'the engine circuit is open after 3 failed writes: consumption paused, 4 probes so far',
    );
  });
});
