import { Mutex } from 'async-mutex';
import { describe, expect, it } from 'vitest';
import { LaneTurn } from './write-lane.js';

describe('a turn in the write lane', () => {
  it('is taken once however often the transaction asks, and left once', async () => {
    const lane = new Mutex();
    const turn = new LaneTurn(lane);
    await turn.take();
    await turn.take();
    expect(lane.isLocked()).toBe(true);
    turn.leave();
    expect(lane.isLocked()).toBe(false);
    turn.leave();
    expect(lane.isLocked()).toBe(false);
  });

  it('comes after the turn before it is left', async () => {
    const lane = new Mutex();
    const first = new LaneTurn(lane);
    const second = new LaneTurn(lane);
    await first.take();
    let secondHasIt = false;
    const waiting = second.take().then(() => (secondHasIt = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondHasIt).toBe(false);
    first.leave();
    await waiting;
    expect(secondHasIt).toBe(true);
  });

  it('is handed straight on when its batch gave up while waiting (its write timed out)', async () => {
    const lane = new Mutex();
    const first = new LaneTurn(lane);
    const abandoned = new LaneTurn(lane);
    const third = new LaneTurn(lane);
    await first.take();
    const waiting = abandoned.take();
    abandoned.leave();
    const thirdTakes = third.take();
    first.leave();
    await expect(waiting).rejects.toThrow('the batch gave up its turn in the write lane');
    await thirdTakes;
    expect(lane.isLocked()).toBe(true);
    third.leave();
    expect(lane.isLocked()).toBe(false);
  });

  it('is never taken after its batch gave up: the abandoned transaction fails instead of writing', async () => {
    const lane = new Mutex();
    const turn = new LaneTurn(lane);
    turn.leave();
    await expect(turn.take()).rejects.toThrow('the batch gave up its turn in the write lane');
    expect(lane.isLocked()).toBe(false);
  });
});
