// The image's HEALTHCHECK: GET /healthz on the port of this container's role.
// Written in Node because the slim base image has no curl or wget.
// The lint config declares no Node globals for plain .js files:
/* global process, console, fetch, AbortSignal */

const role = process.env.MEMGATE_ROLE ?? '';
const ports = new Map([
  ['gateway', process.env.MEMGATE_GATEWAY_PORT || '4000'],
  ['query', process.env.MEMGATE_QUERY_PORT || '4001'],
  ['ingestion', process.env.MEMGATE_INGESTION_PORT || '4002'],
  // The workers serve /healthz, /readyz and /metrics on their own port.
  ['worker', process.env.MEMGATE_WORKER_PORT || '4003'],
]);

const port = ports.get(role);
if (port === undefined) {
  console.error(`healthcheck: unknown MEMGATE_ROLE '${role}'`);
  process.exit(1);
}
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
    signal: AbortSignal.timeout(2_500),
  });
  if (!response.ok) console.error(`healthcheck: /healthz answered ${response.status}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`healthcheck: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
