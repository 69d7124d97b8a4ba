import { randomUUID } from 'node:crypto';
import { loadConfig } from '@memgate/platform/config';
import {
  findFreePort,
  resolveCacheDir,
  servicesConfig,
  startBoltEngine,
  type LocalBoltEngine,
} from '@memgate/platform/launcher';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphClient } from './graph-client.js';

/**
 * Two engines stand in for a Memgraph MAIN and a REPLICA: the shared one of
 * the integration run is the main, a second one started here the replica.
 * Neither replicates to the other, so each node's `instance` mark tells
 * which engine answered.
 */
const main = {
  uri: inject('boltUri'),
  user: inject('boltUser'),
  password: inject('boltPassword'),
};
const label = `Routing_${randomUUID().replaceAll('-', '')}`;
let replica: LocalBoltEngine | undefined;
let mainOnly: GraphClient | undefined;
let replicaOnly: GraphClient | undefined;

beforeAll(async () => {
  const config = loadConfig(servicesConfig);
  replica = await startBoltEngine({
    cacheDir: resolveCacheDir(config.cacheDir),
    port: 0,
    heapMb: 384,
    pageCacheMb: 64,
    startTimeoutMs: config.serviceStartTimeoutMs,
  });
  mainOnly = await GraphClient.connect(main, { timeoutMs: 10_000 });
  replicaOnly = await GraphClient.connect({ uri: replica.uri }, { timeoutMs: 10_000 });
  const mark = `CREATE (:\`${label}\` {instance: $instance})`;
  await mainOnly.write({ text: mark, params: { instance: 'main' } });
  await replicaOnly.write({ text: mark, params: { instance: 'replica' } });
});

afterAll(async () => {
  await mainOnly?.write({ text: `MATCH (n:\`${label}\`) DETACH DELETE n`, params: {} });
  await Promise.all([mainOnly?.close(), replicaOnly?.close()]);
  await replica?.stop();
});

const whoAnswers = `MATCH (n:\`${label}\`) RETURN n.instance AS instance`;
const instancesOf = (records: { get(key: string): unknown }[]): unknown[] =>
  records.map((record) => record.get('instance'));

describe('read routing (MEMGRAPH_READ_URIS)', () => {
  it('sends reads to the replica and writes to the main', async () => {
    const client = await GraphClient.connect(
      { ...main, readUris: [replica!.uri] },
      { timeoutMs: 10_000 },
    );
    try {
      for (let i = 0; i < 3; i++) {
        expect(instancesOf(await client.read({ text: whoAnswers, params: {} }))).toEqual([
          'replica',
        ]);
      }
      await client.write({
        text: `CREATE (:\`${label}\` {instance: 'written'})`,
        params: {},
      });
      const onMain = instancesOf(await mainOnly!.read({ text: whoAnswers, params: {} }));
      expect(onMain.sort()).toEqual(['main', 'written']);
      expect(instancesOf(await replicaOnly!.read({ text: whoAnswers, params: {} }))).toEqual([
        'replica',
      ]);
    } finally {
      await client.close();
    }
  });

  it('falls back to the main when a replica does not answer', async () => {
    const nowhere = `bolt://127.0.0.1:${await findFreePort()}`;
    const client = await GraphClient.connect(
      { ...main, readUris: [nowhere, replica!.uri] },
      { timeoutMs: 10_000, replicaCooldownMs: 60_000 },
    );
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) {
        answers.push(instancesOf(await client.read({ text: whoAnswers, params: {} }))[0]);
      }
      // The dead replica's turn goes to the main once; then it sits out.
      expect(answers).toEqual(['main', 'replica', 'replica', 'replica']);
    } finally {
      await client.close();
    }
  });
});
