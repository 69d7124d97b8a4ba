import type { LatencySummary } from '../../lib/latency-recorder.js';
import { LatencyRecorder } from '../../lib/latency-recorder.js';
import { decodeChangeEvents } from '@memgate/ingestion';
import { Kafka, logLevel } from 'kafkajs';

export interface VisibilityResult {
  readonly rate: number;
  readonly sent: number;
  readonly seen: number;
  readonly latency: LatencySummary;
}

const UPSERT = /* GraphQL */ `
  mutation ($input: [BenchItemInput!]!) {
    upsertBenchItems(input: $input) {
      id
    }
  }
`;

/**
 * End-to-end latency at a steady rate: one-record upserts sent on a fixed
 * schedule (open loop, so a slow pipeline does not slow the load), each
 * timed from its acceptance (the mutation answered: the record is in
 * Kafka) to its visibility (its `created` event on the changes topic, which
 * the worker publishes right after the transaction that wrote it commits).
 */
export async function measureVisibility(options: {
  readonly url: string;
  readonly brokers: readonly string[];
  readonly changesTopic: string;
  readonly rate: number;
  readonly durationMs: number;
  readonly signal: AbortSignal;
}): Promise<VisibilityResult> {
  const kafka = new Kafka({
    clientId: 'memgate-bench',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({
    groupId: `bench-visibility-${Date.now()}`,
    maxWaitTimeInMs: 50,
  });
  const acceptedAt = new Map<string, bigint>();
  const seenAt = new Map<string, bigint>();
  const recorder = new LatencyRecorder();
  const record = (id: string) => {
    const accepted = acceptedAt.get(id);
    const seen = seenAt.get(id);
    if (accepted === undefined || seen === undefined) return;
    // The event can arrive before the mutation's answer does: that is no latency at all.
    recorder.record(Math.max(0, Number(seen - accepted)));
  };
  const joined = new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: options.changesTopic, fromBeginning: false });
    await consumer.run({
      eachMessage: ({ message }) => {
        const now = process.hrtime.bigint();
        const decoded = decodeChangeEvents(message.value);
        for (const event of decoded.ok ? decoded.events : []) {
          const { kind, key } = event as { kind?: string; key?: { id?: string } };
          const id = key?.id;
          if (kind === 'created' && id?.startsWith('lat-') && !seenAt.has(id)) {
            seenAt.set(id, now);
            record(id);
          }
        }
        return Promise.resolve();
      },
    });
    await joined;
    // The group is assigned: give the fetcher a moment to be at the end of the topic.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const intervalMs = 1000 / options.rate;
    const total = Math.floor((options.durationMs / 1000) * options.rate);
    const started = performance.now();
    const requests: Promise<void>[] = [];
    for (let index = 0; index < total && !options.signal.aborted; index += 1) {
      const due = started + index * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const id = `lat-${index}`;
      requests.push(
        fetch(new URL('/graphql', options.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: UPSERT, variables: { input: [{ id, name: id }] } }),
        }).then(async (response) => {
          await response.arrayBuffer();
          acceptedAt.set(id, process.hrtime.bigint());
          record(id);
        }),
      );
    }
    await Promise.all(requests);
    const deadline = performance.now() + 30_000;
    while (seenAt.size < acceptedAt.size && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      rate: options.rate,
      sent: acceptedAt.size,
      seen: seenAt.size,
      latency: recorder.summary(),
    };
  } finally {
    await consumer.disconnect();
  }
}
