import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline as pipe } from 'node:stream/promises';
import type { GraphClient } from '@memgate/cypher';
import { PIPELINE_LABEL, RELATIONSHIP, SOURCE, linkRow, nodeRow } from './bench-model.js';
import { range, type WriteProgress } from './direct-writer.js';

/** How fast Kafka took the records: from the first byte sent to the last acknowledgement. */
export interface Acceptance {
  readonly records: number;
  readonly ms: number;
}

export interface PipelineResult {
  /** From the first record sent to the last one visible in the graph. */
  readonly nodesMs: number;
  readonly linksMs: number;
  readonly nodeAcceptance: Acceptance;
  readonly linkAcceptance: Acceptance;
  /** Records visible in the graph over time (nodes, then nodes + relationships). */
  readonly progress: readonly WriteProgress[];
}

const LINKS_PER_MUTATION = 10_000;
const POLL_MS = 200;

/**
 * The whole pipeline, as producers use it: the nodes as one NDJSON upload
 * (REST, streamed), the relationships as `connect` mutations of 10,000
 * each, sent one after the other; the worker writes them from Kafka. Each
 * phase ends when the graph holds every record, seen by polling its counts.
 */
export async function runPipeline(
  url: string,
  graph: GraphClient,
  counts: { nodes: number; links: number },
  signal: AbortSignal,
): Promise<PipelineResult> {
  const progress: WriteProgress[] = [];
  const started = performance.now();
  const since = (at: number) => performance.now() - at;

  const nodeAcceptance = uploadNodes(url, counts.nodes);
  const nodesVisible = waitForCount(graph, nodeCount, counts.nodes, signal, (written) =>
    progress.push({ atMs: since(started), written }),
  );
  const accepted = await nodeAcceptance;
  await nodesVisible;
  const nodesMs = since(started);

  const linksStarted = performance.now();
  const linksVisible = waitForCount(graph, linkCount, counts.links, signal, (written) =>
    progress.push({ atMs: since(started), written: counts.nodes + written }),
  );
  const linkAcceptance = await connectLinks(url, counts, signal);
  await linksVisible;
  return {
    nodesMs,
    linksMs: since(linksStarted),
    nodeAcceptance: accepted,
    linkAcceptance,
    progress,
  };
}

const nodeCount = `MATCH (n:${PIPELINE_LABEL}) RETURN count(n) AS n`;
const linkCount = `MATCH (:${PIPELINE_LABEL})-[r:${RELATIONSHIP}]->() RETURN count(r) AS n`;

async function waitForCount(
  graph: GraphClient,
  text: string,
  target: number,
  signal: AbortSignal,
  onCount: (count: number) => void,
): Promise<void> {
  for (;;) {
    const [record] = await graph.read({ text, params: {} });
    const count = Number(record?.get('n') ?? 0);
    onCount(count);
    if (count >= target || signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The node records as one NDJSON body, generated as it is sent. */
async function uploadNodes(url: string, nodes: number): Promise<Acceptance> {
  const started = performance.now();
  function* lines(): Generator<string> {
    const perPiece = 500;
    for (let start = 0; start < nodes; start += perPiece) {
      yield range(start, Math.min(nodes, start + perPiece))
        .map((index) => `${JSON.stringify(nodeRow(index))}\n`)
        .join('');
    }
  }
  const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      new URL(`/ingest/${SOURCE}`, url),
      { method: 'POST', headers: { 'content-type': 'application/x-ndjson' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    pipe(Readable.from(lines()), req).catch(reject);
  });
  if (status.status !== 202)
    throw new Error(`the upload answered ${status.status}: ${status.body}`);
  return { records: nodes, ms: performance.now() - started };
}

const CONNECT = /* GraphQL */ `
  mutation ($input: [BenchItemLinksConnectInput!]!) {
    connectBenchItemLinks(input: $input) {
      id
    }
  }
`;

async function connectLinks(
  url: string,
  counts: { nodes: number; links: number },
  signal: AbortSignal,
): Promise<Acceptance> {
  const started = performance.now();
  for (let start = 0; start < counts.links && !signal.aborted; start += LINKS_PER_MUTATION) {
    const input = range(start, Math.min(counts.links, start + LINKS_PER_MUTATION)).map((index) => {
      const { from, to } = linkRow(index, counts.nodes);
      return { from: { id: from }, to: { id: to } };
    });
    const response = await fetch(new URL('/graphql', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CONNECT, variables: { input } }),
    });
    const result = (await response.json()) as { errors?: unknown[] };
    if (result.errors) throw new Error(`connect failed: ${JSON.stringify(result.errors[0])}`);
  }
  return { records: counts.links, ms: performance.now() - started };
}
