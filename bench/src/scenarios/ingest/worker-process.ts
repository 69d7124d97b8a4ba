/**
 * Entry of the child process running one ingestion worker for the ingest
 * benchmark, so its memory is its own to measure. Reads its configuration
 * from the environment like `worker-main.ts`; says it is ready once its
 * /readyz answers 200 (its consumer group joined: a new group waits the
 * broker's initial rebalance delay, 3 s by default, which a deployed worker
 * paid long ago), then sends a memory sample every 250 ms
 * (lib/child-process.ts); stops when its parent closes stdin.
 */
import { createIngestionWorker, ingestionConfig } from '@memgate/ingestion';
import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';
import { failAsChild, memorySample, serveAsChild } from '../../lib/child-process.js';

try {
  const config = loadConfig(ingestionConfig);
  const logger = createLogger({ service: 'bench-ingestion-worker', level: config.logLevel });
  const worker = await createIngestionWorker({
    config,
    logger,
    engine: { uri: config.uri ?? '', user: config.user, password: config.password },
    kafkaBrokers: config.brokers,
  });
  const { url } = await worker.start();
  await untilReady(new URL('/readyz', url));
  serveAsChild({ ready: true }, memorySample, () => worker.stop());
} catch (error) {
  failAsChild(error);
}

async function untilReady(readyz: URL): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(readyz).catch(() => undefined);
    await response?.body?.cancel();
    if (response?.status === 200) return;
    if (Date.now() > deadline)
      throw new Error(`the worker was not ready within 60 s (${readyz.href})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
