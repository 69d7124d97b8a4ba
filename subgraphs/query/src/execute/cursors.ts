import { MemgateError } from '@memgate/platform/errors';

const PREFIX = 'memgate:offset:';

/**
 * Cursors are opaque to clients: base64url of a versioned offset. Decoding
 * validates everything, so a forged or stale-format cursor is a clear
 * BAD_USER_INPUT rather than a wrong page.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== cursor) {
    throw new MemgateError('BAD_USER_INPUT', `"${cursor}" is not a cursor this API issued.`);
  }
  return offset;
}
