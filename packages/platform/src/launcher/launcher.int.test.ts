import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import { ensureArtifacts } from './maven-artifacts.js';
import { isListening } from './ports.js';

const boltUri = inject('boltUri');
const kafkaBrokers = inject('kafkaBrokers');
const auth = inject('boltUser')
  ? neo4j.auth.basic(inject('boltUser') ?? '', inject('boltPassword') ?? '')
  : undefined;

describe('the launched Bolt engine', () => {
  it('writes and reads nodes', async () => {
    const driver = neo4j.driver(boltUri, auth);
    const label = `LauncherCheck_${randomUUID().replaceAll('-', '')}`;
    try {
      await driver.executeQuery(`UNWIND $rows AS row CREATE (n:\`${label}\`) SET n = row`, {
        rows: [
          { id: 'a', score: 1.5 },
          { id: 'b', score: 2.5 },
        ],
      });
      const { records } = await driver.executeQuery(
        `MATCH (n:\`${label}\`) RETURN n.id AS id, n.score AS score ORDER BY id`,
      );
      expect(records.map((r) => [r.get('id') as unknown, r.get('score') as unknown])).toEqual([
        ['a', 1.5],
        ['b', 2.5],
      ]);
      await driver.executeQuery(`MATCH (n:\`${label}\`) DETACH DELETE n`);
    } finally {
      await driver.close();
    }
  });
});

describe('the launched Kafka broker', () => {
  it('round-trips keyed messages through a consumer group with kafkajs', async () => {
    const kafka = new Kafka({
      brokers: kafkaBrokers,
      clientId: 'launcher-test',
      logLevel: logLevel.NOTHING,
    });
    const topic = `launcher-check-${randomUUID()}`;
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true });
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
      await producer.connect();
      const sent = Array.from({ length: 30 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}` }));
      await producer.send({ topic, acks: -1, messages: sent });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received: { key: string; value: string; partition: number }[] = [];
      await new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message, partition }) => {
            received.push({ key: String(message.key), value: String(message.value), partition });
            if (received.length === sent.length) resolve();
          },
        });
      });
      expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
      // Messages with one key land on one partition, in the order they were sent.
      for (const key of ['k0', 'k1', 'k2', 'k3', 'k4']) {
        const ofKey = received.filter((m) => m.key === key);
        expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
        expect(ofKey.map((m) => m.value)).toEqual(
          sent.filter((m) => m.key === key).map((m) => m.value),
        );
      }
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});

describe('launcher failures', () => {
  it('names the artifact Maven could not download', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-badpom-'));
    const pomDir = path.join(dir, 'no-such-engine');
    await mkdir(pomDir);
    const pom = path.join(pomDir, 'pom.xml');
    await writeFile(
      pom,
      `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
       <groupId>dev.memgate.test</groupId><artifactId>bad</artifactId><version>1</version><packaging>pom</packaging>
       <dependencies><dependency><groupId>dev.memgate.nonexistent</groupId><artifactId>nothing-here</artifactId><version>0.0.1</version></dependency></dependencies>
       </project>`,
    );
    await expect(ensureArtifacts(pom, path.join(dir, 'cache'), 'Test engine')).rejects.toThrow(
      /^Test engine: could not fetch its jars from Maven Central\.\n[\s\S]*dev\.memgate\.nonexistent:nothing-here:jar:0\.0\.1[\s\S]*→ Check network access to Maven Central/,
    );
    // A failed download leaves nothing that could later pass for a complete one.
    expect(await readdir(path.join(dir, 'cache', 'jars')).catch(() => [])).toEqual([]);
  });
});

describe('no orphan JVMs', () => {
  it('stops the broker JVM when the process that started it is killed with SIGKILL', async () => {
    const fixture = fileURLToPath(
      new URL('../../test-fixtures/start-broker-then-hang.ts', import.meta.url),
    );
    const child = spawn(
      process.execPath,
      ['--conditions=memgate-source', '--import', 'tsx', fixture],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const started = await new Promise<{ dataDir: string; brokers: string[] }>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as never));
      child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
    });
    const port = Number(started.brokers[0]?.split(':')[1]);
    expect(await isListening(port)).toBe(true);
    expect(await jvmPidsUsing(started.dataDir)).toHaveLength(1);

    child.kill('SIGKILL');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await jvmPidsUsing(started.dataDir)).length > 0) {
      await sleep(200);
    }
    expect(await jvmPidsUsing(started.dataDir)).toEqual([]);
    expect(await isListening(port)).toBe(false);
  });
});

/** Java processes whose command line mentions `marker`, read from /proc. */
async function jvmPidsUsing(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = cmdline.split('\0');
    if (args[0]?.endsWith('java') && cmdline.includes(marker)) pids.push(Number(entry));
  }
  return pids;
}
