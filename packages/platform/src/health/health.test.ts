import { EventEmitter } from 'node:events';
import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { checkReadiness } from '../http/index.js';
import { consumerReadiness } from './consumer-readiness.js';
import { engineReadiness } from './engine-readiness.js';
import { supergraphReadiness } from './supergraph-readiness.js';

/** The event surface of a kafkajs consumer, driven by the test. */
function fakeConsumer(): Pick<Consumer, 'on' | 'events'> & {
  emit(name: string, payload?: unknown): void;
} {
  const emitter = new EventEmitter();
  const events = {
    GROUP_JOIN: 'consumer.group_join',
    REBALANCING: 'consumer.rebalancing',
    CRASH: 'consumer.crash',
    STOP: 'consumer.stop',
    DISCONNECT: 'consumer.disconnect',
  } as Consumer['events'];
  return {
    events,
    on: ((name: string, listener: (event: unknown) => void) => {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    }) as Consumer['on'],
    emit: (name, payload) => emitter.emit(name, { payload }),
  };
}

describe('readiness checks', () => {
  it('reports the engine, the supergraph and the consumer with their reasons', async () => {
    const consumer = fakeConsumer();
    let supergraph: boolean | string = 'composition failed: Unknown type Person';
    const checks = [
      engineReadiness({ ping: () => Promise.reject(new Error('connection refused')) }),
      supergraphReadiness(() => supergraph),
      consumerReadiness(consumer),
    ];
    expect(await checkReadiness(checks)).toEqual({
      ready: false,
      checks: {
        engine: { ok: false, reason: 'connection refused' },
        supergraph: { ok: false, reason: 'composition failed: Unknown type Person' },
        consumer: { ok: false, reason: 'the consumer has not joined its group yet' },
      },
    });
    supergraph = true;
    consumer.emit('consumer.group_join', { memberAssignment: { 'memgate.graph-ops': [0, 1] } });
    checks[0] = engineReadiness({ ping: () => Promise.resolve(1) });
    expect((await checkReadiness(checks)).ready).toBe(true);
    consumer.emit('consumer.rebalancing');
    expect((await checkReadiness(checks)).checks['consumer']).toEqual({
      ok: false,
      reason: 'the group is rebalancing',
    });
  });

  it('can require partitions of a consumer that joined', async () => {
    const consumer = fakeConsumer();
    const check = consumerReadiness(consumer, { requirePartitions: true });
    consumer.emit('consumer.group_join', { memberAssignment: {} });
    await expect(check.check()).rejects.toThrow('the consumer has no partitions assigned');
  });
});
