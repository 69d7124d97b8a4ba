import { withQueryMemoryLimit, type GraphClient, type Statement } from '@memgate/cypher';
import type { Record as BoltRecord } from 'neo4j-driver';

export interface QueryExecutorOptions {
  readonly timeoutMs: number;
  /** Memgraph only: the per-query memory cap appended to every read. */
  readonly queryMemoryLimitMb: number | undefined;
}

/** Called once per statement sent: metrics, logs and the round-trip tests listen here. */
export type StatementObserver = (event: {
  readonly statement: Statement;
  readonly durationMs: number;
  readonly rows: number;
  readonly error: unknown;
}) => void;

/** Runs compiled reads: a read transaction each, with timeout and memory cap. */
export class QueryExecutor {
  private readonly observers: StatementObserver[] = [];

  constructor(
    private readonly client: GraphClient,
    private readonly options: QueryExecutorOptions,
  ) {}

  observe(observer: StatementObserver): () => void {
    this.observers.push(observer);
    return () => {
      const index = this.observers.indexOf(observer);
      if (index >= 0) this.observers.splice(index, 1);
    };
  }

  async read(statement: Statement): Promise<BoltRecord[]> {
    const text = withQueryMemoryLimit(
      this.client.engine,
      statement.text,
      this.options.queryMemoryLimitMb,
    );
    const started = performance.now();
    let records: BoltRecord[] = [];
    let error: unknown;
    try {
      records = await this.client.read(
        { text, params: statement.params },
        { timeoutMs: this.options.timeoutMs, ...(statement.kind ? { kind: statement.kind } : {}) },
      );
      return records;
    } catch (caught) {
      error = caught;
      throw caught;
    } finally {
      const event = {
        statement,
        durationMs: performance.now() - started,
        rows: records.length,
        error,
      };
      for (const observer of this.observers) observer(event);
    }
  }
}
