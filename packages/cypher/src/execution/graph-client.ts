import { setTimeout as sleep } from 'node:timers/promises';
import { MemgateError } from '@memgate/platform/errors';
import neo4j, {
  isRetryableError,
  Neo4jError,
  type Config,
  type Driver,
  type Record as BoltRecord,
  type Session,
  type Transaction,
} from 'neo4j-driver';
import { engineFromAgent, type EngineKind } from '../dialect/index.js';
import { createBoltDriver } from './bolt-driver.js';
import { timeoutError, toEngineError } from './errors.js';
import { instrumented, type GraphInstrumentation } from './instrumentation.js';
import { ReplicaPool, type Replica } from './replica-pool.js';

export interface EngineConnection {
  /** The MAIN instance: every write, and reads when no replica is given. */
  readonly uri: string;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  /** PEM CA file that signed the engines' Bolt certificates (MEMGRAPH_CA_FILE); implies TLS. */
  readonly caFile?: string | undefined;
  /** REPLICA instances for reads (MEMGRAPH_READ_URIS); same credentials and CA as the main. */
  readonly readUris?: readonly string[] | undefined;
}

export interface GraphClientOptions {
  /** Default timeout of one transaction, client- and server-side. */
  readonly timeoutMs: number;
  readonly maxConnectionPoolSize?: number;
  /**
   * How long a statement or transaction is retried after transient errors
   * and lost connections (a write transaction's attempts also stay within
   * its timeout).
   */
  readonly maxRetryTimeMs?: number;
  readonly userAgent?: string;
  /** Spans and metrics per statement (see `RunOptions.kind`). */
  readonly instrumentation?: GraphInstrumentation;
  /** How long a failed replica is skipped before reads try it again. */
  readonly replicaCooldownMs?: number;
}

export interface RunOptions {
  readonly timeoutMs?: number;
  /**
   * The compiled operation kind (root field kind, writer statement kind):
   * the span name and the `kind` metric label. Never the query text.
   */
  readonly kind?: string;
  /** Shown by the engine's transaction listing; say who asked. */
  readonly metadata?: Record<string, string>;
}

export interface Statement {
  readonly text: string;
  readonly params: Record<string, unknown>;
  /** The compiled operation it comes from, for spans and metrics (never the text). */
  readonly kind?: string;
}

/** What the work of a write transaction can do: run statements and read their records. */
export interface TransactionScope {
  /**
   * Statements run in the order `run` is called. A statement may be sent
   * before an earlier one has answered: Bolt pipelines them in one round trip.
   */
  run(statement: Statement): Promise<BoltRecord[]>;
}

/**
 * The one way Memgate runs Cypher: transactions retried on transient
 * errors such as Memgraph's write conflicts, a timeout
 * enforced on both sides, and errors mapped to Memgate's codes. Writes go
 * to the MAIN; reads go to REPLICAs when there are any (Memgraph replicates
 * asynchronously by default, so a read may trail a write by milliseconds),
 * and back to the MAIN while a replica is unreachable.
 */
export class GraphClient {
  /** The MAIN's driver. */
  readonly driver: Driver;
  readonly engine: EngineKind;
  private readonly options: GraphClientOptions;
  private readonly replicas: ReplicaPool;

  private constructor(
    driver: Driver,
    engine: EngineKind,
    options: GraphClientOptions,
    replicas: ReplicaPool,
  ) {
    this.driver = driver;
    this.engine = engine;
    this.options = options;
    this.replicas = replicas;
  }

  /** Connects, checks the engine answers, and detects which engine it is. */
  static async connect(
    connection: EngineConnection,
    options: GraphClientOptions,
  ): Promise<GraphClient> {
    const config: Config = {
      maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50,
      connectionAcquisitionTimeout: options.timeoutMs,
      userAgent: options.userAgent ?? 'memgate',
      logging: { level: 'error', logger: () => undefined },
    };
    const driver = createBoltDriver(connection, config);
    const replicas: Replica[] = (connection.readUris ?? []).map((uri) => ({
      uri,
      driver: createBoltDriver({ ...connection, uri }, config),
    }));
    try {
      const info = await driver.getServerInfo();
      const pool = new ReplicaPool(replicas, options.replicaCooldownMs);
      return new GraphClient(driver, engineFromAgent(info.agent), options, pool);
    } catch (error) {
      await Promise.all(
        [driver, ...replicas.map((replica) => replica.driver)].map((d) => d.close()),
      );
      throw toEngineError(error, { timeoutMs: options.timeoutMs });
    }
  }

  /**
   * A read in an auto-commit READ transaction: RUN and PULL go out together,
   * one network round trip, where a managed transaction needs two (BEGIN +
   * RUN + PULL, then COMMIT). Reads change nothing, so retrying a transient
   * failure is always safe; we do it here, as executeRead would.
   */
  async read(statement: Statement, options: RunOptions = {}): Promise<BoltRecord[]> {
    return this.observed('read', statement.text, options, async () => {
      const replica = this.replicas.pick();
      if (replica) {
        try {
          // One attempt: an unreachable replica falls back to the main at
          // once instead of spending the retry budget.
          return await this.readOn(replica.driver, statement, options, false);
        } catch (error) {
          // A bad query fails the same on the main; only unreachability falls back.
          if (!(error instanceof MemgateError && error.code === 'DATABASE_UNAVAILABLE'))
            throw error;
          this.replicas.markDown(replica);
        }
      }
      return this.readOn(this.driver, statement, options, true);
    });
  }

  private async readOn(
    driver: Driver,
    statement: Statement,
    options: RunOptions,
    retry: boolean,
  ): Promise<BoltRecord[]> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    return this.retrying(
      () =>
        this.readWithTimeout(driver, timeoutMs, (session) =>
          session.run(statement.text, statement.params, {
            timeout: timeoutMs,
            metadata: options.metadata ?? {},
          }),
        ),
      { retry },
    );
  }

  /**
   * `attempt` again while it fails with what the driver calls retryable (a
   * transient error, such as Memgraph's write conflicts or a lock that
   * could not be taken in time, or a lost connection), with backoff and
   * jitter, for `maxRetryTimeMs` and never past `until`. A transaction that
   * ran out of time, on the server or on our own timer, is not run again.
   */
  private async retrying<T>(
    attempt: () => Promise<T>,
    { retry, until = Infinity }: { retry: boolean; until?: number },
  ): Promise<T> {
    const deadline = Math.min(until, Date.now() + (this.options.maxRetryTimeMs ?? 15_000));
    for (let failures = 0; ; failures += 1) {
      try {
        return await attempt();
      } catch (error) {
        const delay = Math.min(1_000, 50 * 2 ** failures) * (0.5 + Math.random() / 2);
        if (!retry || !isRetryable(error) || Date.now() + delay >= deadline) throw error;
        await sleep(delay);
      }
    }
  }

  async write(statement: Statement, options: RunOptions = {}): Promise<BoltRecord[]> {
    return this.writeTransaction((tx) => tx.run(statement), options);
  }

  /** Several statements in one write transaction: all commit or none do. */
  async writeAll(
    statements: readonly Statement[],
    options: RunOptions = {},
  ): Promise<BoltRecord[][]> {
    return this.writeTransaction(async (tx) => {
      const results: BoltRecord[][] = [];
      for (const statement of statements) results.push(await tx.run(statement));
      return results;
    }, options);
  }

  /**
   * A write transaction whose later statements depend on earlier results,
   * and which may do other work before it commits. The whole of `work` is
   * run again on retryable errors (Memgraph's write conflicts among them),
   * so `work` must be safe to run again; all attempts together take at most
   * the timeout. Each statement is traced and measured on its own; a
   * statement's time includes waiting behind those sent before it.
   *
   * An explicit transaction, not the driver's `executeWrite`: that one waits
   * for BEGIN's answer before `work` may send anything, a round trip per
   * transaction. Here BEGIN goes out with the first statement, and the
   * statements `work` sends before awaiting go out with it too (ADR 0015).
   * Every statement's records are pulled at once (`fetchSize: -1`), so a
   * statement sent ahead has run completely before the next one starts.
   */
  async writeTransaction<T>(
    work: (tx: TransactionScope) => Promise<T>,
    options: RunOptions = {},
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const until = Date.now() + timeoutMs;
    const scope = (tx: Transaction): TransactionScope => ({
      run: (statement) =>
        this.observed(
          'write',
          statement.text,
          { ...options, kind: statement.kind ?? options.kind },
          async () => (await tx.run(statement.text, statement.params)).records,
        ),
    });
    return this.retrying(
      () => {
        const left = Math.max(1, until - Date.now());
        const session = this.driver.session({
          defaultAccessMode: neo4j.session.WRITE,
          fetchSize: -1,
        });
        const config = { timeout: left, metadata: options.metadata ?? {} };
        return this.guarded(session, timeoutMs, committed(session, config, scope, work), left);
      },
      { retry: true, until },
    );
  }

  /**
   * An index or constraint statement. Several services create the same
   * schema at start-up; when another one got there first ("already exists",
   * Neo4j's non-atomic IF NOT EXISTS included) the goal is met, so that
   * counts as success.
   */
  async runSchemaStatement(text: string): Promise<void> {
    try {
      await this.runAutoCommit(text);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /**
   * Schema statements: one auto-commit transaction each, because Memgraph
   * refuses index and constraint changes inside an explicit transaction.
   */
  async runAutoCommit(text: string): Promise<void> {
    const session = this.driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(text);
    } catch (error) {
      throw toEngineError(error, { timeoutMs: this.options.timeoutMs });
    } finally {
      await session.close();
    }
  }

  /**
   * One statement in its own auto-commit transaction on the main, rows as
   * plain objects: for info queries such as `SHOW STORAGE INFO`, which
   * Memgraph refuses inside explicit transactions.
   */
  async readAutoCommit(text: string): Promise<Record<string, unknown>[]> {
    const records = await this.readWithTimeout(this.driver, this.options.timeoutMs, (session) =>
      session.run(text),
    );
    return records.map((record) => record.toObject() as Record<string, unknown>);
  }

  /** Resolves when the main answers `RETURN 1`: the readiness probe. */
  async ping(): Promise<void> {
    await this.readAutoCommit('RETURN 1 AS one');
  }

  async close(): Promise<void> {
    await Promise.all([this.driver.close(), this.replicas.close()]);
  }

  /** Spans and metrics around one statement, when the client was given them. */
  private observed<T>(
    mode: 'read' | 'write',
    text: string,
    options: RunOptions,
    work: () => Promise<T[]>,
  ): Promise<T[]> {
    return instrumented(
      this.options.instrumentation,
      { kind: options.kind ?? mode, mode, engine: this.engine, text },
      work,
    );
  }

  /**
   * Runs a read `work` on a fresh session. The server enforces the transaction
   * timeout where it supports one; this client-side timer covers engines
   * that ignore it and slow networks. Errors come out as Memgate's.
   */
  private async readWithTimeout<T extends { records: unknown[] }>(
    driver: Driver,
    timeoutMs: number,
    work: (session: Session) => Promise<T>,
  ): Promise<T['records']> {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    // The driver's Result is a thenable: awaiting it gives the records holder T describes.
    const result: T = await this.guarded<T>(session, timeoutMs, work(session));
    return result.records;
  }

  /**
   * Waits for `pending` with the client-side timeout, maps errors to
   * Memgate's, and closes the session — at once after a timeout, without
   * waiting for a query that overran (the server gives up on its own).
   */
  private async guarded<R>(
    session: Session,
    timeoutMs: number,
    pending: Promise<R>,
    /** What is left of the timeout, when earlier attempts used some of it. */
    leftMs: number = timeoutMs,
  ): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(timeoutMs)), leftMs + 50);
    });
    let timedOut = false;
    try {
      return await Promise.race([pending, expired]);
    } catch (error) {
      timedOut = error instanceof MemgateError && error.code === 'QUERY_TIMEOUT';
      throw toEngineError(error, { timeoutMs });
    } finally {
      clearTimeout(timer);
      if (timedOut) {
        pending.catch(() => undefined);
        void session.close().catch(() => undefined);
      } else {
        await session.close().catch(() => undefined);
      }
    }
  }
}

/** Neo4j: Neo.ClientError.Schema.*AlreadyExists; Memgraph: a message saying so. */
function isAlreadyExists(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = cause instanceof Error ? cause.message : '';
  return (
    (typeof code === 'string' && /^Neo\.ClientError\.Schema\.\w*AlreadyExists$/.test(code)) ||
    /already exists/i.test(message)
  );
}

/** `work` in a transaction of `session`, then COMMIT; ROLLBACK if anything failed on the way. */
async function committed<T>(
  session: Session,
  config: Parameters<Session['beginTransaction']>[0],
  scope: (tx: Transaction) => TransactionScope,
  work: (tx: TransactionScope) => Promise<T>,
): Promise<T> {
  let tx: Transaction | undefined;
  try {
    tx = session.beginTransaction(config);
    const result = await work(scope(tx));
    await tx.commit();
    return result;
  } catch (error) {
    if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
    throw error;
  }
}

/**
 * Worth another attempt, judged on the driver's own error: transient ones
 * and lost connections, not a transaction that ran out of time (the server
 * says `TransactionTimedOut…`; our own timer's error has no driver error
 * behind it). A lock the engine could not take in time is transient.
 */
function isRetryable(error: unknown): boolean {
  const cause = causeOf(error);
  if (cause instanceof Neo4jError && /TransactionTimedOut/.test(cause.code)) return false;
  return isRetryableError(cause);
}

/** The driver's own error behind a MemgateError, for retry decisions. */
function causeOf(error: unknown): unknown {
  return error instanceof MemgateError && error.cause !== undefined ? error.cause : error;
}
