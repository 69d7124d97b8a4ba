import type { Consumer } from 'kafkajs';
import type { ReadinessCheck } from '../http/index.js';

export interface ConsumerReadinessOptions {
  readonly name?: string;
  /**
   * Also require at least one partition. Off by default: with more workers
   * than partitions a worker is healthy but idle, and should not flap.
   */
  readonly requirePartitions?: boolean;
}

/**
 * Ready while the consumer is a member of its group with an assignment:
 * between a GROUP_JOIN and the next rebalance, crash, stop or disconnect.
 * Attach before `consumer.run()` so the first join is seen.
 */
export function consumerReadiness(
  consumer: Pick<Consumer, 'on' | 'events'>,
  options: ConsumerReadinessOptions = {},
): ReadinessCheck {
  let state: { joined: false; reason: string } | { joined: true; partitions: number } = {
    joined: false,
    reason: 'the consumer has not joined its group yet',
  };
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const assignment = event.payload.memberAssignment;
    const partitions = Object.values(assignment).reduce((sum, list) => sum + list.length, 0);
    state = { joined: true, partitions };
  });
  const leave = (reason: string) => () => {
    state = { joined: false, reason };
  };
  consumer.on(consumer.events.REBALANCING, leave('the group is rebalancing'));
  consumer.on(consumer.events.CRASH, leave('the consumer crashed'));
  consumer.on(consumer.events.STOP, leave('the consumer stopped'));
  consumer.on(consumer.events.DISCONNECT, leave('the consumer disconnected'));
  return {
    name: options.name ?? 'consumer',
    check: () => {
      if (!state.joined) return Promise.reject(new Error(state.reason));
      if (options.requirePartitions && state.partitions === 0) {
        return Promise.reject(new Error('the consumer has no partitions assigned'));
      }
      return Promise.resolve();
    },
  };
}
