import type { DeadLetter } from '../model/dead-letter.js';
import { isRecord } from './json-records.js';

export const DEAD_LETTER_FORMAT_VERSION = 1;

/** One JSON object per letter, versioned like every other message of the pipeline. */
export function encodeDeadLetter(letter: DeadLetter, failedAt: Date): string {
  return JSON.stringify({
    v: DEAD_LETTER_FORMAT_VERSION,
    ...letter,
    failedAt: failedAt.toISOString(),
  });
}

/** For tools and tests that read the topic back; undefined for anything that is not a letter. */
export function decodeDeadLetter(
  value: Buffer | null,
): (DeadLetter & { failedAt: string }) | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    if (!isRecord(parsed) || parsed['v'] !== DEAD_LETTER_FORMAT_VERSION) return undefined;
    const { v: _version, ...letter } = parsed;
    return letter as unknown as DeadLetter & { failedAt: string };
  } catch {
    return undefined;
  }
}
