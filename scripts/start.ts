import { isMemgateError } from '@memgate/platform/errors';
import { loadDemoGraph, type Receipt } from './demo/load-demo-graph.js';
import { startStack, type RunningStack } from './stack/start-stack.js';

/**
 * `npm start`: the whole stack on this machine (or on MEMGRAPH_URI /
 * KAFKA_BROKERS), the demo graph loaded through the pipeline, and the
 * addresses printed. Ctrl-C stops everything, JVMs included.
 */
const started = performance.now();
let stack: RunningStack | undefined;
/** Set by the first Ctrl-C (or SIGTERM), which stops whatever has started so far. */
const shutdownState = { stopping: false };

async function shutdown(signal: string): Promise<void> {
  if (shutdownState.stopping) return;
  shutdownState.stopping = true;
  console.log(`\n${signal}: stopping Memgate…`);
  await stack?.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  stack = await startStack();
  const demo = await loadDemoGraph(stack.gatewayUrl);
  const { engine, kafka } = stack.services;
  const rows = [
    ['Gateway (GraphQL, Apollo Sandbox)', stack.gatewayUrl],
    ['Query subgraph', stack.queryUrl],
    ['Ingestion subgraph', stack.ingestionUrl],
    ['Ingestion worker (metrics)', `${stack.workerUrl}/metrics`],
    [`Bolt engine${engine?.external ? '' : ' (local Neo4j)'}`, engine?.uri ?? '—'],
    [`Kafka${kafka?.external ? '' : ' (local KRaft broker)'}`, kafka?.brokers.join(',') ?? '—'],
  ];
  const width = Math.max(...rows.map(([name]) => name?.length ?? 0));
  console.log('\nMemgate is up:\n');
  for (const [name, value] of rows) console.log(`  ${name?.padEnd(width)}  ${value}`);
  console.log('\nStart-up times:');
  for (const [part, ms] of Object.entries(stack.timings))
    console.log(`  ${part.padEnd(width)}  ${(ms / 1000).toFixed(1)} s`);
  console.log(`  ${'total'.padEnd(width)}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const written = (receipts: readonly Receipt[]): number =>
    receipts.reduce((sum, receipt) => sum + receipt.written, 0);
  console.log(
    `\nDemo graph: ${written(demo.nodes)} nodes and ${written(demo.relationships)} relationships written through Kafka (${demo.nodes.length + demo.relationships.length} receipts).`,
  );
  console.log(`\nTry, in Apollo Sandbox at ${stack.gatewayUrl}:\n`);
  console.log(
    `  { ingestionReceipt(id: "${demo.nodes[0]?.id ?? ''}") { status written people { name age } } }`,
  );
  console.log(
    '  { people(sort: [{ name: ASC }]) { name worksAt { name } knowsAggregate { count } } }',
  );
  console.log('\nCtrl-C stops everything.');
} catch (error) {
  // Ctrl-C during start-up stops the stack under the start-up's feet, which
  // then fails: shutdown() is already stopping it and reports the outcome.
  if (!shutdownState.stopping) {
    console.error(
      `\nMemgate could not start: ${isMemgateError(error) ? error.message : String(error)}`,
    );
    await stack?.stop();
    process.exit(1);
  }
}
