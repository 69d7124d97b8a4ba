import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import type { ChangeMessage } from '../changes/change-event.js';
import { ChangePublisher } from './change-publisher.js';

const message: ChangeMessage = {
  key: 'Person:p1',
  event: { kind: 'created', typename: 'Person', key: { id: 'p1' }, at: '2024-05-01T12:00:00Z' },
};

function setUp(failures: number, running: () => boolean = () => true) {
  const events: string[] = [];
  const retried: string[] = [];
  let attempts = 0;
  const publisher = new ChangePublisher({
    sink: {
      send: (messages) => {
        attempts += 1;
        events.push(`send ${messages.length}`);
        return attempts <= failures ? Promise.reject(new Error('broker down')) : Promise.resolve();
      },
    },
    backoff: { initialMs: 100, maxMs: 1000 },
    logger: silentLogger(),
    onRetry: (error) => retried.push((error as Error).message),
    random: () => 0,
    wait: (ms) => {
      events.push(`wait ${ms}`);
      return Promise.resolve();
    },
  });
  const control = {
    isRunning: running,
    heartbeat: () => {
      events.push('heartbeat');
      return Promise.reject(new Error('no broker to heartbeat to'));
    },
  };
  return { publisher, events, control, retried };
}

describe('ChangePublisher', () => {
  it('publishes nothing for a batch that changed nothing', async () => {
    const { publisher, events, control } = setUp(0);
    expect(await publisher.publish([], control)).toBe(true);
    expect(events).toEqual([]);
  });

  it('retries with backoff while the broker refuses, keeping the consumer alive', async () => {
    const { publisher, events, control, retried } = setUp(2);
    expect(await publisher.publish([message], control)).toBe(true);
    expect(events).toEqual([
      'send 1',
      'wait 50',
      'heartbeat',
      'send 1',
      'wait 100',
      'heartbeat',
      'send 1',
    ]);
    expect(retried).toEqual(['broker down', 'broker down']);
  });

  it('gives up when the consumer stops, leaving the events to the outbox', async () => {
    const { publisher, events, control, retried } = setUp(5, () => false);
    expect(await publisher.publish([message], control)).toBe(false);
    expect(events).toEqual(['send 1']);
    expect(retried).toEqual([]);
  });
});
