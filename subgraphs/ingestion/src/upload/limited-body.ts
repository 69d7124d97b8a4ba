import type { Readable } from 'node:stream';
import { MemgateError } from '@memgate/platform/errors';

export function payloadTooLarge(limitBytes: number, given?: number): MemgateError {
  return new MemgateError(
    'PAYLOAD_TOO_LARGE',
    `The body is larger than ${limitBytes} bytes (MEMGATE_INGEST_MAX_BODY_BYTES); split it into several uploads.`,
    { details: { limitBytes, ...(given !== undefined && { givenBytes: given }) } },
  );
}

/**
 * The request body as it arrives, counting bytes as they stream (a chunked
 * body has no Content-Length to check up front) and failing with
 * PAYLOAD_TOO_LARGE past the limit. Reading pulls: nothing is read before
 * the consumer asks, so a slow consumer slows the client down through TCP.
 * Stopping early does not destroy the request, so an error can still be
 * answered on it.
 */
export async function* limitedBody(request: Readable, limitBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of request.iterator({ destroyOnReturn: false })) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    bytes += buffer.length;
    if (bytes > limitBytes) throw payloadTooLarge(limitBytes);
    yield buffer;
  }
}
