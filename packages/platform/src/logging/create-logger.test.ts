import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = (): Record<string, unknown>[] =>
    chunks
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with service, level label and ISO time', () => {
    const { stream, lines } = capture();
    createLogger({ service: 'gateway', level: 'info', destination: stream }).info(
      { requestId: 'r1' },
      'hello',
    );
    const [line] = lines();
    expect(line).toMatchObject({
      service: 'gateway',
      level: 'info',
      requestId: 'r1',
      msg: 'hello',
    });
    expect(String(line?.['time'])).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('redacts tokens, passwords and authorization headers', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'query', level: 'info', destination: stream });
    logger.info({
      req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1' } },
      engine: { password: 's3cret' },
      token: 'tok',
    });
    const text = JSON.stringify(lines());
    expect(text).not.toMatch(/abc\.def\.ghi|s3cret|sid=1|"tok"/);
    expect(text).toContain('[redacted]');
  });

  it('honours the configured level', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ service: 'ingestion', level: 'warn', destination: stream });
    logger.info('dropped');
    logger.warn('kept');
    expect(lines().map((line) => line['msg'])).toEqual(['kept']);
  });
});
