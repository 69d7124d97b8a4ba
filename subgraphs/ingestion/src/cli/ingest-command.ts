import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { sendChunk } from './chunk-sender.js';
import { fileHash } from './file-hash.js';
import { csvHeader, fileChunks, type FileFormat } from './file-chunks.js';
import { progressDisplay, type ProgressFigures } from './progress-display.js';
import {
  progressPath,
  readProgress,
  removeProgress,
  writeProgress,
  type ProgressState,
} from './progress-state.js';

export interface IngestOptions {
  readonly file: string;
  readonly source: string;
  readonly url: string;
  /** A bearer token for the service (MEMGATE_INGEST_TOKEN), required by it in production. */
  readonly token?: string | undefined;
  readonly resume: boolean;
  readonly format?: FileFormat | undefined;
  readonly linesPerChunk: number;
  readonly maxChunkBytes: number;
  readonly attempts: number;
}

/** What the user must fix; the message says how. Exit code 2 for the CLI. */
export class IngestUsageError extends Error {
  override readonly name = 'IngestUsageError';
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

export function formatOf(file: string, given?: FileFormat): FileFormat {
  if (given) return given;
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (['.ndjson', '.jsonl', '.json'].includes(extension)) return 'ndjson';
  throw new IngestUsageError(
    `cannot tell the format of ${file} from its extension: pass --format ndjson or --format csv`,
  );
}

/**
 * `memgate ingest <file> --source <name>`: streams a local NDJSON or CSV
 * file to `POST /ingest/{source}` in chunks of whole records, one request
 * at a time, each with the idempotency key `<sha256 of the file>:<chunk>`.
 * Every acknowledged chunk is recorded in `<file>.memgate-progress.json`,
 * so an interrupted run continues with `--resume` where it stopped; a chunk
 * sent twice (acknowledged but not yet recorded when the run died) is
 * answered with its first receipt and queues nothing.
 */
export async function ingestFile(
  options: IngestOptions,
  out: NodeJS.WriteStream,
): Promise<ProgressFigures> {
  const file = resolve(options.file);
  const format = formatOf(file, options.format);
  const { size } = await stat(file);
  const previous = await readProgress(file);
  if (previous && !options.resume) {
    throw new IngestUsageError(
      `${progressPath(file)} records an earlier run: pass --resume to continue it, or delete the file to start over`,
    );
  }
  const sha256 = await fileHash(file);
  if (previous) checkResumable(previous, { sha256, source: options.source, format, options });
  const header = format === 'csv' ? await csvHeader(file) : undefined;
  let state: ProgressState = previous ?? {
    version: 1,
    file,
    sha256,
    source: options.source,
    format,
    linesPerChunk: options.linesPerChunk,
    nextChunk: 0,
    nextOffset: header?.end ?? 0,
    lines: 0,
    accepted: 0,
    rejected: 0,
  };
  const display = progressDisplay(out, { resumedBytes: state.nextOffset });
  if (previous) {
    display.note(
      `resuming at chunk ${state.nextChunk} (byte ${state.nextOffset} of ${size}): ${state.accepted} records accepted before`,
    );
  }
  const figures = (): ProgressFigures => ({
    bytes: state.nextOffset,
    totalBytes: size,
    lines: state.lines,
    accepted: state.accepted,
    rejected: state.rejected,
    chunks: state.nextChunk,
  });

  for await (const chunk of fileChunks(file, {
    format,
    linesPerChunk: state.linesPerChunk,
    maxChunkBytes: options.maxChunkBytes,
    from: { offset: state.nextOffset, index: state.nextChunk },
    header: header?.header,
  })) {
    const answer = await sendChunk(chunk.body, `${sha256.slice(0, 32)}:${chunk.index}`, {
      url: options.url,
      token: options.token,
      source: options.source,
      contentType: CONTENT_TYPES[format],
      attempts: options.attempts,
      onRetry: (attempt, reason, waitMs) =>
        display.note(`chunk ${chunk.index}: ${reason}; attempt ${attempt + 1} in ${waitMs} ms`),
    });
    state = {
      ...state,
      nextChunk: chunk.index + 1,
      nextOffset: chunk.end,
      lines: state.lines + chunk.lines,
      accepted: state.accepted + answer.accepted,
      rejected: state.rejected + answer.rejected,
      lastReceiptId: answer.receiptId,
    };
    await writeProgress(state);
    display.update(figures());
  }
  display.finish(figures());
  // Done: nothing left to resume. Running again re-sends with the same keys, which queues nothing.
  await removeProgress(file);
  return figures();
}

function checkResumable(
  previous: ProgressState,
  now: { sha256: string; source: string; format: FileFormat; options: IngestOptions },
): void {
  const differences = [
    ...(previous.sha256 === now.sha256 ? [] : ['the file changed']),
    ...(previous.source === now.source ? [] : [`the source was ${previous.source}`]),
    ...(previous.format === now.format ? [] : [`the format was ${previous.format}`]),
  ];
  if (differences.length > 0) {
    throw new IngestUsageError(
      `cannot resume: ${differences.join(', ')}. Delete ${progressPath(previous.file)} to start over.`,
    );
  }
}
