import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface UploadResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Record<string, unknown>;
}

/**
 * POSTs a body to the ingestion service. A string or Buffer goes with its
 * Content-Length; an iterable is streamed chunked, without one, as a
 * producer piping a file would. The response is read even when the server
 * answers before the whole body is sent (413): writing the rest may then
 * fail, which is expected.
 */
export function upload(
  baseUrl: string,
  path: string,
  body: string | Buffer | Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
  headers: Record<string, string> = {},
): Promise<UploadResponse> {
  const url = new URL(path, baseUrl);
  const fixed = typeof body === 'string' || Buffer.isBuffer(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          ...(fixed ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown>;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (fixed) {
      req.end(body);
    } else {
      pipeline(Readable.from(body), req).catch((error: unknown) => {
        if (!answered && (error as NodeJS.ErrnoException).code !== 'EPIPE') {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    }
  });
}
