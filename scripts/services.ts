import { isMemgateError } from '@memgate/platform/errors';
import { startServices, type RunningServices } from '@memgate/platform/launcher';

/**
 * `npm run services`: only the engine and the broker, left running until
 * Ctrl-C. Prints the variables that point tests, benchmarks and the
 * services at them, so a developer pays the JVMs' start-up once instead of
 * on every run (`MEMGRAPH_URI=… KAFKA_BROKERS=… npm run test:integration`).
 */
let services: RunningServices | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the engine and the broker…`);
  await services?.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  services = await startServices();
  const { engine, kafka } = services;
  console.log('Engine and broker are up. Point Memgate at them with:\n');
  if (engine) console.log(`  export MEMGRAPH_URI=${engine.uri}`);
  if (kafka) console.log(`  export KAFKA_BROKERS=${kafka.brokers.join(',')}`);
  console.log('\nCtrl-C stops them.');
} catch (error) {
  console.error(
    `Could not start the engine and the broker: ${isMemgateError(error) ? error.message : String(error)}`,
  );
  await services?.stop();
  process.exit(1);
}
