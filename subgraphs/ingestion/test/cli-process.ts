import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** `bin/memgate.js`, as `npx memgate` runs it. */
export const MEMGATE_BIN = fileURLToPath(new URL('../bin/memgate.js', import.meta.url));

export interface CliRun {
  readonly child: ChildProcess;
  /** Every line the CLI wrote to stderr (progress) so far. */
  readonly progress: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>;
  /** Resolves when a progress line matches. */
  waitFor(pattern: RegExp): Promise<string>;
}

/** Runs `memgate <args>` as its own process; stderr is not a TTY, so progress comes as plain lines. */
export function runCli(args: readonly string[]): CliRun {
  const child = spawn(process.execPath, [MEMGATE_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const progress: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let stdout = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString('utf8');
  });
  createInterface({ input: child.stderr }).on('line', (line) => {
    progress.push(line);
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(line)) waiter.resolve(line);
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
  }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout })));
  return {
    child,
    progress,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const seen = progress.find((line) => pattern.test(line));
        if (seen !== undefined) {
          resolve(seen);
          return;
        }
        waiters.push({ pattern, resolve });
        void exited.then(() =>
          reject(new Error(`exited before ${String(pattern)}: ${progress.join('\n')}`)),
        );
      }),
  };
}
