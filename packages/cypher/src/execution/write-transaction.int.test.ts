import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphClient } from './graph-client.js';

const label = `WriteTx_${randomUUID().replaceAll('-', '')}`;
let client: GraphClient;

beforeAll(async () => {
  client = await GraphClient.connect(
    { uri: inject('boltUri'), user: inject('boltUser'), password: inject('boltPassword') },
    { timeoutMs: 10_000, maxRetryTimeMs: 10_000 },
  );
});

afterAll(async () => {
  await client.write({ text: `MATCH (n:\`${label}\`) DETACH DELETE n`, params: {} });
  await client.close();
});

const names = async (): Promise<string[]> => {
  const [record] = await client.read({
    text: `MATCH (n:\`${label}\`) WITH n ORDER BY n.name RETURN collect(n.name) AS names`,
    params: {},
  });
  return record?.get('names') as string[];
};

describe('a write transaction on the real engine', () => {
  it('runs statements sent together in the order they were sent, and commits them together', async () => {
    const answers = await client.writeTransaction(async (tx) => {
      // Both go out at once: the second reads what the first wrote.
      const created = tx.run({ text: `CREATE (:\`${label}\` {name: 'a'})`, params: {} });
      const counted = tx.run({
        text: `MATCH (n:\`${label}\`) RETURN count(n) AS n`,
        params: {},
      });
      await created;
      return Number((await counted)[0]?.get('n'));
    });
    expect(answers).toBe(1);
    expect(await names()).toEqual(['a']);
  });

  it('rolls everything back when the work fails, and does not run it again', async () => {
    let runs = 0;
    const failed = client.writeTransaction(async (tx) => {
      runs += 1;
      await tx.run({ text: `CREATE (:\`${label}\` {name: 'rolled back'})`, params: {} });
      throw new Error('the work gave up');
    });
    await expect(failed).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(runs).toBe(1);
    expect(await names()).toEqual(['a']);
  });

  it('runs the whole work again after a transient error, and commits once', async () => {
    await client.write({
      text: `CREATE (:\`${label}\` {name: 'x'}), (:\`${label}\` {name: 'y'})`,
      params: {},
    });
    // Two transactions lock x and y in opposite orders: the engine aborts
    // one of them as a deadlock (a transient error), which is run again.
    let runs = 0;
    const lockBoth = (first: string, second: string) =>
      client.writeTransaction(async (tx) => {
        runs += 1;
        const lock = (name: string) =>
          tx.run({
            text: `MATCH (n:\`${label}\` {name: $name}) SET n.touched = coalesce(n.touched, 0) + 1`,
            params: { name },
          });
        await lock(first);
        await sleep(200);
        await lock(second);
      });
    await Promise.all([lockBoth('x', 'y'), lockBoth('y', 'x')]);
    expect(runs).toBeGreaterThan(2);
    const [record] = await client.read({
      text: `MATCH (n:\`${label}\`) WHERE n.name IN ['x', 'y'] RETURN collect(toString(n.touched)) AS touched`,
      params: {},
    });
    // Each transaction committed exactly once: each node was touched twice.
    expect(record?.get('touched')).toEqual(['2', '2']);
  });
});
