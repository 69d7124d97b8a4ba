import { timeoutError, toEngineError, type RunOptions, type Statement } from '@memgate/cypher';
import { MemgateError } from '@memgate/platform/errors';
import neo4j, { type Driver, type Record as BoltRecord } from 'neo4j-driver';

/** What the work of a transaction can do: run statements and read their records. */
export interface TransactionScope {
  run(statement: Statement): Promise<BoltRecord[]>;
}

/** The part of the engine the batch writer needs; tests hand in a fake. */
export interface TransactionalGraph {
  writeTransaction<T>(work: (tx: TransactionScope) => Promise<T>, options?: RunOptions): Promise<T>;
}

/**
 * A write transaction whose later statements depend on the results of
 * earlier ones (which connect rows found both ends), and which can do other
 * work before it commits (publishing dead letters). `GraphClient.writeAll`
 * takes its statements up front, so this runs a managed transaction on the
 * client's driver with the same guarantees: the driver retries transient
 * errors, the timeout holds on both sides, errors carry Memgate's codes.
 */
export function transactionalGraph(
  client: { readonly driver: Driver },
  defaults: { readonly timeoutMs: number },
): TransactionalGraph {
  return {
    async writeTransaction<T>(
      work: (tx: TransactionScope) => Promise<T>,
      options: RunOptions = {},
    ): Promise<T> {
      const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
      const session = client.driver.session({ defaultAccessMode: neo4j.session.WRITE });
      const transaction = session.executeWrite(
        (tx) =>
          work({
            run: async (statement) => (await tx.run(statement.text, statement.params)).records,
          }),
        { timeout: timeoutMs, metadata: options.metadata ?? {} },
      );
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeoutError(timeoutMs)), timeoutMs + 50);
      });
      let timedOut = false;
      try {
        return await Promise.race([transaction, expired]);
      } catch (error) {
        timedOut = error instanceof MemgateError && error.code === 'QUERY_TIMEOUT';
        throw toEngineError(error, { timeoutMs });
      } finally {
        clearTimeout(timer);
        if (timedOut) {
          transaction.catch(() => undefined);
          void session.close().catch(() => undefined);
        } else {
          await session.close().catch(() => undefined);
        }
      }
    },
  };
}
