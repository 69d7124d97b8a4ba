import { Neo4jError } from 'neo4j-driver';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphClient } from './graph-client.js';

/**
 * What each attempt of a write transaction meets, in order: a statement
 * that fails, a commit that fails, or a statement that never answers.
 */
interface Attempt {
  readonly runFails?: Error;
  readonly commitFails?: Error;
  readonly hangs?: boolean;
}

const engine = vi.hoisted(() => ({
  attempts: [] as Attempt[],
  sessions: 0,
  rollbacks: 0,
  commits: 0,
}));

/** A driver whose sessions follow `engine.attempts`; the graph client only sees this. */
vi.mock('./bolt-driver.js', () => ({
  createBoltDriver: () => ({
    getServerInfo: () => Promise.resolve({ agent: 'Neo4j/5.26.0' }),
    close: () => Promise.resolve(),
    session: () => {
      const attempt = engine.attempts[engine.sessions] ?? {};
      engine.sessions += 1;
      let open = true;
      return {
        close: () => Promise.resolve(),
        beginTransaction: () => ({
          isOpen: () => open,
          run: () => {
            if (attempt.hangs) return new Promise(() => undefined);
            if (attempt.runFails) {
              open = false;
              return Promise.reject(attempt.runFails);
            }
            return Promise.resolve({ records: [] });
          },
          commit: () => {
            open = false;
            if (attempt.commitFails) return Promise.reject(attempt.commitFails);
            engine.commits += 1;
            return Promise.resolve();
          },
          rollback: () => {
            open = false;
            engine.rollbacks += 1;
            return Promise.resolve();
          },
        }),
      };
    },
  }),
}));

const driverError = (code: string, message = 'the engine said no') =>
  new Neo4jError(message, code, '50N42', 'general processing exception');

const client = (timeoutMs = 2_000, maxRetryTimeMs = 10_000) =>
  GraphClient.connect({ uri: 'bolt://fake' }, { timeoutMs, maxRetryTimeMs });

const writeOne = async (graph: GraphClient) => {
  let runs = 0;
  await graph.writeTransaction(async (tx) => {
    runs += 1;
    await tx.run({ text: 'CREATE (:Thing)', params: {} });
  });
  return runs;
};

beforeEach(() => {
  engine.attempts = [];
  engine.sessions = 0;
  engine.rollbacks = 0;
  engine.commits = 0;
});

describe('a write transaction and its retries', () => {
  it('runs the whole work again, on a new session, when the commit was lost with the connection', async () => {
    engine.attempts = [{ commitFails: driverError('ServiceUnavailable', 'connection lost') }];
    expect(await writeOne(await client())).toBe(2);
    expect(engine.sessions).toBe(2);
    expect(engine.commits).toBe(1);
  });

  it('retries a lock the engine could not take in time, although its message speaks of a timeout', async () => {
    engine.attempts = [
      {
        runFails: driverError(
          'Neo.TransientError.Transaction.LockAcquisitionTimeout',
          'Unable to acquire lock within timeout',
        ),
      },
    ];
    expect(await writeOne(await client())).toBe(2);
    expect(engine.commits).toBe(1);
  });

  it('rolls back and gives up on what is not transient', async () => {
    engine.attempts = [{ runFails: driverError('Neo.ClientError.Statement.SyntaxError') }];
    const graph = await client();
    await expect(writeOne(graph)).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(engine.sessions).toBe(1);
    expect(engine.commits).toBe(0);
  });

  it('rolls back when the work itself fails, and does not run it again', async () => {
    const graph = await client();
    const failed = graph.writeTransaction(async (tx) => {
      await tx.run({ text: 'CREATE (:Thing)', params: {} });
      throw new Error('the work gave up');
    });
    await expect(failed).rejects.toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(engine.rollbacks).toBe(1);
    expect(engine.sessions).toBe(1);
  });

  it('does not run again a transaction the server timed out', async () => {
    engine.attempts = [
      {
        runFails: driverError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'),
      },
    ];
    await expect(writeOne(await client())).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(engine.sessions).toBe(1);
  });

  it('does not run again a transaction our own timer gave up on', async () => {
    engine.attempts = [{ hangs: true }];
    await expect(writeOne(await client(100))).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(engine.sessions).toBe(1);
  });

  it('keeps every attempt within the transaction timeout, however long retries may go on', async () => {
    const busy = { runFails: driverError('Neo.TransientError.Transaction.Outdated') };
    engine.attempts = Array.from({ length: 100 }, () => busy);
    const started = Date.now();
    await expect(writeOne(await client(400, 60_000))).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
    });
    expect(engine.sessions).toBeGreaterThan(1);
    // Retries stop at the transaction's 400 ms, far short of the 60 s retry budget.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
