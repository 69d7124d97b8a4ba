/**
 * Entry of the child process running one ingestion worker for the ingest
 * benchmark, so its memory is its own to measure. Reads its configuration
 * from the environment like `worker-main.ts`; prints `{"ready": true}`
 * once consuming, then a memory sample every 250 ms; stops when its parent
 * closes stdin.
 */
import { createIngestionWorker, ingestionConfig } from '@memgate/ingestion';
import { loadConfig } from '@memgate/platform/config';
import { createLogger } from '@memgate/platform/logging';

const config = loadConfig(ingestionConfig);
const logger = createLogger({ service: 'bench-ingestion-worker', level: config.logLevel });
const worker = await createIngestionWorker({
  config,
  logger,
  engine: { uri: config.uri ?? '', user: config.user, password: config.password },
  kafkaBrokers: config.brokers,
});
await worker.start();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const timer = setInterval(() => {
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ rss, heapUsed })}\n`);
}, 250);
process.stdin.resume();
process.stdin.once('end', () => {
  clearInterval(timer);
  void worker.stop().finally(() => process.exit(0));
});
