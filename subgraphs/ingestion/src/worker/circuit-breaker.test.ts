import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { CircuitBreaker } from './circuit-breaker.js';

function setUp(probeAnswers: boolean[]) {
  const events: string[] = [];
  const states: string[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    probeInitialMs: 100,
    probeMaxMs: 400,
    probe: () => {
      const answers = probeAnswers.shift() ?? false;
      events.push(`probe at ${Date.now()} ${answers ? 'ok' : 'down'}`);
      return answers ? Promise.resolve() : Promise.reject(new Error('down'));
    },
    onOpen: () => events.push(`pause at ${Date.now()}`),
    onRecover: () => events.push(`resume at ${Date.now()}`),
    onStateChange: (state) => states.push(state),
    logger: silentLogger(),
  });
  return { breaker, events, states };
}

describe('CircuitBreaker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after N consecutive failures, not before, and a success resets the count', () => {
    vi.useFakeTimers({ now: 0 });
    const { breaker, events } = setUp([]);
    breaker.recordFailure(new Error('1'));
    breaker.recordFailure(new Error('2'));
    breaker.recordSuccess();
    breaker.recordFailure(new Error('1'));
    breaker.recordFailure(new Error('2'));
    expect(breaker.state).toBe('closed');
    breaker.recordFailure(new Error('3'));
    expect(breaker.snapshot()).toEqual({
      state: 'open',
      consecutiveFailures: 3,
      opened: 1,
      probes: 0,
    });
    expect(events).toEqual(['pause at 0']);
    breaker.stop();
  });

  it('probes on a growing interval while open, and resumes when the engine answers', async () => {
    vi.useFakeTimers({ now: 0 });
    const { breaker, events } = setUp([false, false, false, false, true]);
    for (let failure = 0; failure < 3; failure += 1) breaker.recordFailure(new Error('down'));
    await vi.advanceTimersByTimeAsync(2000);
    // 100, then 200, 400, capped at 400: no busy loop however long the outage.
    expect(events).toEqual([
      'pause at 0',
      'probe at 100 down',
      'probe at 300 down',
      'probe at 700 down',
      'probe at 1100 down',
      'probe at 1500 ok',
      'resume at 1500',
    ]);
    expect(breaker.snapshot()).toMatchObject({ state: 'half-open', probes: 5 });
    breaker.recordSuccess();
    expect(breaker.state).toBe('closed');
  });

  it('opens again on the first failure after resuming (half-open)', async () => {
    vi.useFakeTimers({ now: 0 });
    const { breaker, events } = setUp([true, true]);
    for (let failure = 0; failure < 3; failure += 1) breaker.recordFailure(new Error('down'));
    await vi.advanceTimersByTimeAsync(100);
    expect(breaker.state).toBe('half-open');
    breaker.recordFailure(new Error('down again'));
    expect(breaker.snapshot()).toMatchObject({ state: 'open', opened: 2 });
    await vi.advanceTimersByTimeAsync(100);
    expect(events).toEqual([
      'pause at 0',
      'probe at 100 ok',
      'resume at 100',
      'pause at 100',
      'probe at 200 ok',
      'resume at 200',
    ]);
  });

  it('stops probing when stopped', async () => {
    vi.useFakeTimers({ now: 0 });
    const { breaker, events } = setUp([]);
    for (let failure = 0; failure < 3; failure += 1) breaker.recordFailure(new Error('down'));
    breaker.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(events).toEqual(['pause at 0']);
  });

  it('reports every change of state, and only changes', async () => {
    vi.useFakeTimers({ now: 0 });
    const { breaker, states } = setUp([false, true, true]);
    breaker.recordSuccess();
    for (let failure = 0; failure < 4; failure += 1) breaker.recordFailure(new Error('down'));
    await vi.advanceTimersByTimeAsync(300);
    breaker.recordFailure(new Error('down again'));
    await vi.advanceTimersByTimeAsync(100);
    breaker.recordSuccess();
    breaker.recordSuccess();
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
    breaker.stop();
  });
});
