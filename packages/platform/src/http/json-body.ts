import type { IncomingMessage } from 'node:http';
import { MemgateError } from '../errors/index.js';

/**
 * Reads a JSON request body of at most `limitBytes`: undefined when the
 * body is not declared as JSON (the GraphQL layer then answers with its own
 * CSRF or bad-request message), `{}` when it is empty. A declared or actual
 * size over the limit is PAYLOAD_TOO_LARGE, a charset other than UTF-8 is
 * UNSUPPORTED_MEDIA_TYPE, and text that does not parse is BAD_REQUEST —
 * the same answers the shell gives for bodies express parses.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = mediaTypeOf(req.headers['content-type']);
  if (declared?.type !== 'application/json') return undefined;
  if (declared.charset !== undefined && !/^utf-?8$/i.test(declared.charset)) {
    throw new MemgateError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The request body's charset ${declared.charset} is not supported; send UTF-8.`,
    );
  }
  const length = Number(req.headers['content-length']);
  if (length > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    // Stop buffering at once; Node discards the rest of the body when the answer is sent.
    if (received > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks, received).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MemgateError('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

function tooLarge(limitBytes: number): MemgateError {
  return new MemgateError(
    'PAYLOAD_TOO_LARGE',
    `The request body is larger than ${limitBytes} bytes.`,
    { details: { limitBytes } },
  );
}

/** `application/json; charset=utf-8` → its type and charset, lower-cased. */
function mediaTypeOf(header: string | undefined): { type: string; charset?: string } | undefined {
  if (!header) return undefined;
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().split('='))
    .find(([name]) => name?.toLowerCase() === 'charset')?.[1]
    ?.replace(/^"|"$/g, '');
  return { type: type.trim().toLowerCase(), ...(charset !== undefined && { charset }) };
}
