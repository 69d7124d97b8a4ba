// Started by launcher.int.test.ts in a child process that the test then kills
// with SIGKILL, to prove the broker JVM does not outlive its parent.
import os from 'node:os';
import path from 'node:path';
import { startKafkaBroker } from '../src/launcher/kafka-broker.js';

const broker = await startKafkaBroker({
  cacheDir: process.env['MEMGATE_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'memgate'),
  port: 0,
  heapMb: 256,
  startTimeoutMs: 60_000,
});
process.stdout.write(`${JSON.stringify({ dataDir: broker.dataDir, brokers: broker.brokers })}\n`);
setInterval(() => undefined, 60_000);
