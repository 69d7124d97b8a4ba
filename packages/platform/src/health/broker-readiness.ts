import type { Admin, Kafka } from 'kafkajs';
import type { ReadinessCheck } from '../http/index.js';

export interface BrokerReadinessOptions {
  /** Bounded below the /readyz timeout (2 s), so the report says why. */
  readonly timeoutMs?: number;
  readonly name?: string;
}

/**
 * Ready when the cluster answers `describeCluster` with at least one broker
 * and a controller. One admin connection is kept between checks and rebuilt
 * after a failure, so a probe every few seconds opens no new sockets.
 */
export function brokerReadiness(
  kafka: Pick<Kafka, 'admin'>,
  options: BrokerReadinessOptions = {},
): ReadinessCheck & { close(): Promise<void> } {
  const timeoutMs = options.timeoutMs ?? 1_500;
  let admin: Admin | undefined;
  const close = async (): Promise<void> => {
    const current = admin;
    admin = undefined;
    await current?.disconnect().catch(() => undefined);
  };
  const check = async (): Promise<void> => {
    admin ??= kafka.admin();
    const current = admin;
    try {
      await withTimeout(
        (async () => {
          await current.connect();
          const cluster = await current.describeCluster();
          if (cluster.brokers.length === 0) throw new Error('the cluster lists no brokers');
          if (cluster.controller === null) throw new Error('the cluster has no active controller');
        })(),
        timeoutMs,
        `Kafka did not describe its cluster within ${timeoutMs} ms`,
      );
    } catch (error) {
      await close();
      throw error;
    }
  };
  return { name: options.name ?? 'broker', check, close };
}

async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
