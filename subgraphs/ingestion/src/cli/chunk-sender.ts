import { setTimeout as sleep } from 'node:timers/promises';

export interface ChunkAnswer {
  readonly receiptId: string;
  readonly accepted: number;
  readonly rejected: number;
}

/** A chunk the service refused for good (4xx): retrying it cannot help. */
export class ChunkRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ChunkRefused';
  }
}

export interface SendOptions {
  readonly url: string;
  readonly source: string;
  readonly contentType: string;
  /** One of the service's MEMGATE_INGEST_TOKENS, sent as `Authorization: Bearer …`. */
  readonly token?: string | undefined;
  readonly attempts: number;
  readonly onRetry: (attempt: number, reason: string, waitMs: number) => void;
}

/**
 * POSTs one chunk and waits for its `202`. The service unavailable (a 5xx,
 * 429, a refused connection) is retried with backoff: the chunk's
 * idempotency key makes a repeat harmless even when the first attempt did
 * get through. A 4xx is the chunk's own fault and is not retried.
 */
export async function sendChunk(
  body: Buffer,
  idempotencyKey: string,
  options: SendOptions,
): Promise<ChunkAnswer> {
  const endpoint = new URL(`/ingest/${encodeURIComponent(options.source)}`, options.url);
  for (let attempt = 1; ; attempt += 1) {
    let reason: string;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': options.contentType,
          'idempotency-key': idempotencyKey,
          ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
        },
        body,
      });
      const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (response.status === 202) return answerOf(answer);
      const error = answer['error'] as { message?: string } | undefined;
      reason = `${response.status} ${error?.message ?? response.statusText}`;
      if (response.status < 500 && response.status !== 429 && response.status !== 408) {
        throw new ChunkRefused(response.status, reason);
      }
    } catch (error) {
      if (error instanceof ChunkRefused) throw error;
      const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
      reason = cause?.code ?? cause?.message ?? (error as Error).message;
    }
    if (attempt >= options.attempts) {
      throw new Error(`the service did not take the chunk after ${attempt} attempts: ${reason}`);
    }
    const waitMs = Math.min(30_000, 500 * 2 ** (attempt - 1));
    options.onRetry(attempt, reason, waitMs);
    await sleep(waitMs);
  }
}

function answerOf(answer: Record<string, unknown>): ChunkAnswer {
  const { receiptId, accepted, rejected } = answer;
  if (
    typeof receiptId !== 'string' ||
    typeof accepted !== 'number' ||
    typeof rejected !== 'number'
  ) {
    throw new Error(`unexpected answer from the service: ${JSON.stringify(answer)}`);
  }
  return { receiptId, accepted, rejected };
}
