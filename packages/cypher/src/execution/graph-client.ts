import { setTimeout as sleep } from 'node:timers/promises';
import { MemgateError } from '@memgate/platform/errors';
import neo4j, {
  isRetryableError,
  type Driver,
  type ManagedTransaction,
  type Record as BoltRecord,
  type Session,
} from 'neo4j-driver';
import { engineFromAgent, type EngineKind } from '../dialect/index.js';
import { timeoutError, toEngineError } from './errors.js';

export interface EngineConnection {
  readonly uri: string;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
}

export interface GraphClientOptions {
  /** Default timeout of one transaction, client- and server-side. */
  readonly timeoutMs: number;
  readonly maxConnectionPoolSize?: number;
  /** How long the driver keeps retrying transient errors and lost connections. */
  readonly maxRetryTimeMs?: number;
  readonly userAgent?: string;
}

export interface RunOptions {
  readonly timeoutMs?: number;
  /** Shown by the engine's transaction listing; say who asked. */
  readonly metadata?: Record<string, string>;
}

export interface Statement {
  readonly text: string;
  readonly params: Record<string, unknown>;
}

/**
 * The one way Memgate runs Cypher: managed transactions (so the driver
 * retries transient errors such as Memgraph's write conflicts), a timeout
 * enforced on both sides, and errors mapped to Memgate's codes.
 */
export class GraphClient {
  readonly driver: Driver;
  readonly engine: EngineKind;
  private readonly options: GraphClientOptions;

  private constructor(driver: Driver, engine: EngineKind, options: GraphClientOptions) {
    this.driver = driver;
    this.engine = engine;
    this.options = options;
  }

  /** Connects, checks the engine answers, and detects which engine it is. */
  static async connect(
    connection: EngineConnection,
    options: GraphClientOptions,
  ): Promise<GraphClient> {
    const driver = neo4j.driver(
      connection.uri,
      connection.user ? neo4j.auth.basic(connection.user, connection.password ?? '') : undefined,
      {
        maxConnectionPoolSize: options.maxConnectionPoolSize ?? 50,
        maxTransactionRetryTime: options.maxRetryTimeMs ?? 15_000,
        connectionAcquisitionTimeout: options.timeoutMs,
        userAgent: options.userAgent ?? 'memgate',
        logging: { level: 'error', logger: () => undefined },
      },
    );
    try {
      const info = await driver.getServerInfo();
      return new GraphClient(driver, engineFromAgent(info.agent), options);
    } catch (error) {
      await driver.close();
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
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const deadline = Date.now() + (this.options.maxRetryTimeMs ?? 15_000);
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.withTimeout(timeoutMs, 'READ', (session) =>
          session.run(statement.text, statement.params, {
            timeout: timeoutMs,
            metadata: options.metadata ?? {},
          }),
        );
      } catch (error) {
        const retryable =
          isRetryableError(causeOf(error)) &&
          !(error instanceof MemgateError && error.code === 'QUERY_TIMEOUT');
        if (!retryable || Date.now() >= deadline) throw error;
        await sleep(Math.min(1_000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
  }

  async write(statement: Statement, options: RunOptions = {}): Promise<BoltRecord[]> {
    return this.run('WRITE', (tx) => tx.run(statement.text, statement.params), options);
  }

  /** Several statements in one write transaction: all commit or none do. */
  async writeAll(
    statements: readonly Statement[],
    options: RunOptions = {},
  ): Promise<BoltRecord[][]> {
    return this.run(
      'WRITE',
      async (tx) => {
        const results: BoltRecord[][] = [];
        for (const statement of statements) {
          results.push((await tx.run(statement.text, statement.params)).records);
        }
        return { records: results };
      },
      options,
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

  async close(): Promise<void> {
    await this.driver.close();
  }

  /**
   * Runs `work` on a fresh session. The server enforces the transaction
   * timeout where it supports one; this client-side timer covers engines
   * that ignore it and slow networks. Errors come out as Memgate's.
   */
  private async withTimeout<T extends { records: unknown[] }>(
    timeoutMs: number,
    mode: 'READ' | 'WRITE',
    work: (session: Session) => Promise<T>,
  ): Promise<T['records']> {
    const session = this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const pending = work(session);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeoutError(timeoutMs)), timeoutMs + 50);
    });
    let timedOut = false;
    try {
      return (await Promise.race([pending, expired])).records;
    } catch (error) {
      timedOut = error instanceof MemgateError && error.code === 'QUERY_TIMEOUT';
      throw toEngineError(error, { timeoutMs });
    } finally {
      clearTimeout(timer);
      if (timedOut) {
        // Do not wait for a query that overran: closing the session in the
        // background releases its connection once the server gives up.
        pending.catch(() => undefined);
        void session.close().catch(() => undefined);
      } else {
        await session.close().catch(() => undefined);
      }
    }
  }

  private async run<T extends { records: unknown[] }>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    options: RunOptions,
  ): Promise<T['records']> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const config = { timeout: timeoutMs, metadata: options.metadata ?? {} };
    return this.withTimeout(timeoutMs, mode, (session) =>
      mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config),
    );
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

/** The driver's own error behind a MemgateError, for retry decisions. */
function causeOf(error: unknown): unknown {
  return error instanceof MemgateError && error.cause !== undefined ? error.cause : error;
}
