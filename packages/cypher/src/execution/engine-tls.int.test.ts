import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@memgate/platform/config';
import {
  createTlsMaterial,
  resolveCacheDir,
  servicesConfig,
  startBoltEngine,
  type LocalBoltEngine,
} from '@memgate/platform/launcher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphClient } from './graph-client.js';

/** An engine of its own with `server.bolt.tls_level=REQUIRED` and a certificate from a test CA. */
let engine: LocalBoltEngine | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'memgate-bolt-tls-'));
  const tls = await createTlsMaterial(dir);
  const config = loadConfig(servicesConfig);
  engine = await startBoltEngine({
    cacheDir: resolveCacheDir(config.cacheDir),
    port: 0,
    heapMb: 384,
    pageCacheMb: 64,
    startTimeoutMs: config.serviceStartTimeoutMs,
    tls,
  });
});

afterAll(async () => {
  await engine?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Bolt over TLS', () => {
  it('connects with bolt+s and a CA file, and round-trips data', async () => {
    expect(engine!.uri).toMatch(/^bolt\+s:\/\/127\.0\.0\.1:\d+$/);
    const client = await GraphClient.connect(
      { uri: engine!.uri, caFile: engine!.caFile },
      { timeoutMs: 10_000 },
    );
    try {
      await client.write({ text: 'CREATE (:TlsCheck {id: $id})', params: { id: 'a' } });
      const records = await client.read({
        text: 'MATCH (n:TlsCheck) RETURN n.id AS id',
        params: {},
      });
      expect(records.map((record) => record.get('id') as unknown)).toEqual(['a']);
    } finally {
      await client.close();
    }
  });

  it('refuses a plaintext connection where TLS is required', async () => {
    const plain = engine!.uri.replace('bolt+s://', 'bolt://');
    await expect(
      GraphClient.connect({ uri: plain }, { timeoutMs: 5_000, maxRetryTimeMs: 0 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'DATABASE_UNAVAILABLE' }));
  });

  it('refuses TLS to a server whose CA the client does not trust', async () => {
    // No CA file: bolt+s checks the certificate against the system trust store.
    const failure = await GraphClient.connect(
      { uri: engine!.uri },
      { timeoutMs: 5_000, maxRetryTimeMs: 0 },
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(String((failure as Error).cause)).toMatch(/certificate|self.signed/i);
  });
});
