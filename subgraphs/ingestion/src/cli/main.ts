import { parseArgs } from 'node:util';
import { ingestFile, IngestUsageError } from './ingest-command.js';

const USAGE = `Usage: memgate ingest <file> --source <name> [options]

Streams a local NDJSON or CSV file (with a header row) to the ingestion
service's POST /ingest/{source}, in chunks of whole records, each
acknowledged by Kafka before the next is sent.

Options:
  --source <name>       the source (a mapping file) the records belong to  (required)
  --url <url>           the ingestion service                (default http://localhost:4002)
  --resume              continue an interrupted run from <file>.memgate-progress.json
  --format ndjson|csv   the file's format                    (default: from its extension)
  --chunk-lines <n>     lines per request                    (default 10000)
  --chunk-bytes <n>     at most this many bytes per request  (default 16777216)
  --attempts <n>        tries per chunk while the service is unavailable (default 8)
  -h, --help            this text

Environment:
  MEMGATE_INGEST_TOKEN  sent as \`Authorization: Bearer …\`: one of the service's
                        MEMGATE_INGEST_TOKENS, which it requires in production

Exit codes: 0 done, 1 failed (run again with --resume), 2 usage error.`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) {
    throw new IngestUsageError(`--${name}: "${value}" is not a whole number >= 1`);
  }
  return parsed;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      source: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:4002' },
      resume: { type: 'boolean', default: false },
      format: { type: 'string' },
      'chunk-lines': { type: 'string' },
      'chunk-bytes': { type: 'string' },
      attempts: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, file, ...extra] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command !== 'ingest') throw new IngestUsageError(`unknown command "${command}"`);
  if (file === undefined || extra.length > 0) throw new IngestUsageError('give exactly one file');
  if (values.source === undefined) throw new IngestUsageError('--source is required');
  if (values.format !== undefined && values.format !== 'ndjson' && values.format !== 'csv') {
    throw new IngestUsageError(`--format: "${values.format}" is not ndjson or csv`);
  }
  const figures = await ingestFile(
    {
      file,
      source: values.source,
      url: values.url,
      // From the environment, not an option: a command line shows in every process listing.
      token: process.env['MEMGATE_INGEST_TOKEN'] || undefined,
      resume: values.resume,
      format: values.format,
      linesPerChunk: positiveInt('chunk-lines', values['chunk-lines'], 10_000),
      maxChunkBytes: positiveInt('chunk-bytes', values['chunk-bytes'], 16 * 1024 * 1024),
      attempts: positiveInt('attempts', values.attempts, 8),
    },
    process.stderr,
  );
  process.stdout.write(
    `${JSON.stringify({ file, source: values.source, ...figures, done: true })}\n`,
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof IngestUsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(
    `memgate: ${(error as Error).message}${usage ? '\n\nmemgate --help for usage.' : ''}\n`,
  );
  process.exitCode = usage ? 2 : 1;
}
