import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { produceLogLines, SERVICES } from '../support/log-lines.js';
import { searchApi, startSearchEngine, type LocalSearchEngine } from '../support/opensearch.js';

/**
 * The ELK parsing rules, run by a real search engine: the ingest pipeline
 * and index template that the compose stack and Kubernetes load into
 * Elasticsearch are loaded unchanged into OpenSearch 2.19 (the same
 * processors and template API; Elasticsearch's modules are not on Maven
 * Central), and real log lines of every service go through them.
 */
const read = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(new URL(`../../deploy/logging/${file}`, import.meta.url), 'utf8'));

const STREAM = 'logs-memgate-default';
let engine: LocalSearchEngine | undefined;

interface Hit {
  _source: Record<string, unknown>;
}
interface SearchResult {
  hits: { hits: Hit[] };
}

beforeAll(async () => {
  engine = await startSearchEngine();
  await searchApi(
    engine,
    'PUT',
    '/_ingest/pipeline/memgate-logs',
    await read('elasticsearch/memgate-logs.pipeline.json'),
  );
  await searchApi(
    engine,
    'PUT',
    '/_index_template/memgate-logs',
    await read('elasticsearch/memgate-logs.index-template.json'),
  );
}, 300_000);

afterAll(async () => {
  await engine?.stop();
});

/** What a shipper (Filebeat → Logstash) hands Elasticsearch: the raw line and where it came from. */
function shipped(line: string, service: string): Record<string, unknown> {
  return {
    '@timestamp': new Date(Date.now() + 60_000).toISOString(),
    message: line,
    container: { name: `memgate-${service}-1`, image: { name: 'memgate:dev' } },
  };
}

async function search(query: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const result = await searchApi<SearchResult>(engine!, 'POST', `/${STREAM}/_search`, {
    query,
    size: 100,
    sort: [{ '@timestamp': 'asc' }],
  });
  return result.hits.hits.map((hit) => hit._source);
}

describe('the ELK log pipeline on real log lines', () => {
  it('parses every service’s lines into the template’s fields, found by trace id and request id', async () => {
    const { lines, traceId, requestId } = produceLogLines();
    expect(lines).toHaveLength(SERVICES.length + 1);
    const body = lines
      .flatMap((line) => {
        const service = (JSON.parse(line) as { service: string }).service;
        return [JSON.stringify({ create: {} }), JSON.stringify(shipped(line, service))];
      })
      .concat(
        JSON.stringify({ create: {} }),
        JSON.stringify(shipped('Segmentation fault (core dumped)', 'worker')),
      )
      .join('\n');
    const bulk = await searchApi<{ errors: boolean }>(
      engine!,
      'POST',
      `/${STREAM}/_bulk?refresh=true`,
      `${body}\n`,
    );
    expect(bulk.errors).toBe(false);

    const byTrace = await search({ term: { 'trace.id': traceId } });
    expect(byTrace.map((doc) => (doc['service'] as { name: string }).name).sort()).toEqual(
      [...SERVICES, 'worker'].sort(),
    );
    const byRequest = await search({ term: { 'http.request.id': requestId } });
    expect(byRequest).toHaveLength(byTrace.length);

    const first = JSON.parse(lines[0] ?? '{}') as { time: string };
    const gateway = byTrace.find((doc) => doc['message'] === 'gateway handled the request');
    expect(gateway).toMatchObject({
      '@timestamp': first.time,
      message: 'gateway handled the request',
      log: { level: 'info' },
      service: { name: 'gateway' },
      trace: { id: traceId },
      span: { id: expect.stringMatching(/^[0-9a-f]{16}$/) },
      http: { request: { id: requestId } },
      event: { dataset: 'memgate', original: lines[0] },
      memgate: { operation: 'People', path: '/graphql' },
      container: { name: 'memgate-gateway-1' },
    });
    expect(gateway).not.toHaveProperty('memgate.time');

    const failure = byTrace.find((doc) => doc['message'] === 'batch failed');
    expect(failure).toMatchObject({
      log: { level: 'error' },
      error: {
        type: 'MemgateError',
        message: 'The graph database is unavailable.',
        stack_trace: expect.stringContaining('MemgateError'),
      },
      memgate: { engine: { password: '[redacted]' } },
    });
    expect(JSON.stringify(failure)).not.toContain('hunter2');

    // Searchable by the fields the Kibana saved searches use.
    expect(
      await search({
        bool: {
          filter: [{ term: { 'log.level': 'error' } }, { term: { 'service.name': 'worker' } }],
        },
      }),
    ).toHaveLength(1);

    // A line that is not JSON is kept, marked, and still has a time.
    const [raw] = await search({ term: { 'event.kind': 'pipeline_error' } });
    expect(raw).toMatchObject({
      message: 'Segmentation fault (core dumped)',
      error: { message: expect.any(String) },
    });
    expect(raw?.['@timestamp']).toBeDefined();
  });

  it('maps the ids as exact keywords and the time as a date', async () => {
    const mapping = await searchApi<
      Record<string, { mappings: { properties: Record<string, unknown> } }>
    >(engine!, 'GET', `/${STREAM}/_mapping`);
    const [index] = Object.values(mapping);
    expect(index?.mappings.properties).toMatchObject({
      '@timestamp': { type: 'date' },
      trace: { properties: { id: { type: 'keyword' } } },
      http: { properties: { request: { properties: { id: { type: 'keyword' } } } } },
      service: { properties: { name: { type: 'keyword' } } },
      log: { properties: { level: { type: 'keyword' } } },
    });
  });
});
