import { listen, type Listening } from '@memgate/platform/http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkRefused, sendChunk } from './chunk-sender.js';

const TOKEN = 'cli-test-token-0123456789abcdef-0123456789';

describe('sendChunk', () => {
  let server: Listening;
  const seen: (string | undefined)[] = [];

  beforeAll(async () => {
    const app = express();
    app.post('/ingest/:source', (req, res) => {
      seen.push(req.get('authorization'));
      if (req.get('authorization') !== `Bearer ${TOKEN}`) {
        res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'No token.' } });
        return;
      }
      res.status(202).json({ receiptId: 'r1', accepted: 1, rejected: 0 });
    });
    server = await listen(app, 0, '127.0.0.1');
  });

  afterAll(() => server.close());

  const options = (token?: string) => ({
    url: server.url,
    source: 'crm',
    contentType: 'application/x-ndjson',
    token,
    attempts: 3,
    onRetry: () => {
      throw new Error('a refusal is not retried');
    },
  });

  it('sends the ingest token as a bearer token', async () => {
    await expect(sendChunk(Buffer.from('{}\n'), 'k:0', options(TOKEN))).resolves.toEqual({
      receiptId: 'r1',
      accepted: 1,
      rejected: 0,
    });
    expect(seen.at(-1)).toBe(`Bearer ${TOKEN}`);
  });

  it('gives up at once when the service refuses the caller', async () => {
    const refused = sendChunk(Buffer.from('{}\n'), 'k:0', options());
    await expect(refused).rejects.toBeInstanceOf(ChunkRefused);
    await expect(refused).rejects.toMatchObject({ status: 401, message: '401 No token.' });
    expect(seen.at(-1)).toBeUndefined();
  });
});
