/** Totals so far, as the display shows them. */
export interface ProgressFigures {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly lines: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly chunks: number;
}

export interface ProgressDisplay {
  /** A chunk was acknowledged. */
  update(figures: ProgressFigures): void;
  /** A line of its own (a retry, a warning), not overwritten by the bar. */
  note(text: string): void;
  finish(figures: ProgressFigures): void;
}

const BAR_WIDTH = 24;

/**
 * On a terminal, one line redrawn in place: a bar, bytes, lines and
 * records with their rates. Elsewhere (CI logs, pipes, tests) a plain line
 * per acknowledged chunk, which a log keeps and a script can read.
 */
export function progressDisplay(
  stream: NodeJS.WriteStream,
  options: { readonly resumedBytes: number; readonly now?: () => number },
): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const tty = stream.isTTY;
  let drawn = false;
  const rates = (figures: ProgressFigures) => {
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    return {
      bytes: (figures.bytes - options.resumedBytes) / seconds,
      lines: figures.lines / seconds,
      records: figures.accepted / seconds,
    };
  };
  const render = (figures: ProgressFigures): string => {
    const rate = rates(figures);
    const share = figures.totalBytes > 0 ? figures.bytes / figures.totalBytes : 1;
    const filled = Math.round(share * BAR_WIDTH);
    return [
      `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(1)}%`,
      `${formatBytes(figures.bytes)}/${formatBytes(figures.totalBytes)}`,
      `${formatCount(figures.lines)} lines`,
      `${formatCount(figures.accepted)} records (${formatCount(figures.rejected)} rejected)`,
      `${formatBytes(rate.bytes)}/s, ${formatCount(rate.lines)} lines/s, ${formatCount(rate.records)} records/s`,
    ].join(' · ');
  };
  return {
    update(figures) {
      if (tty) {
        stream.write(`\r\x1b[2K${render(figures)}`);
        drawn = true;
      } else {
        stream.write(
          `chunk ${figures.chunks} acknowledged: ${formatCount(figures.lines)} lines, ${formatCount(figures.accepted)} records accepted, ${formatCount(figures.rejected)} rejected, ${formatBytes(figures.bytes)} of ${formatBytes(figures.totalBytes)}\n`,
        );
      }
    },
    note(text) {
      stream.write(`${tty && drawn ? '\r\x1b[2K' : ''}${text}\n`);
      drawn = false;
    },
    finish(figures) {
      if (tty && drawn) stream.write(`\r\x1b[2K${render(figures)}\n`);
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}
