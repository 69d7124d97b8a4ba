import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { memoryReport, type MemoryReport } from './memory-sampler.js';

/**
 * Marks the harness's own lines on a child's stdout, where the services it
 * runs also write their JSON logs (whose fields, such as `error`, must not
 * be read as messages).
 */
const TAG = '@bench ';

/** One line a benchmark child prints: what it serves, or a sample of itself. */
export interface ChildMessage {
  readonly url?: string;
  readonly urls?: Record<string, string>;
  readonly rss?: number;
  readonly heapUsed?: number;
  readonly subscriptions?: number;
  readonly received?: number;
  readonly closed?: number;
  readonly ready?: boolean;
  readonly error?: string;
  readonly [key: string]: unknown;
}

export interface ChildProcess {
  readonly name: string;
  /** The first message that carried a `url`, `urls` or `ready`. */
  readonly ready: ChildMessage;
  /** The latest message of each kind: samples overwrite each other. */
  latest(): ChildMessage;
  /** Every message after `ready`, oldest first. */
  readonly messages: ChildMessage[];
  /** Sends one line to the child (a command such as `gc`). */
  send(line: string): void;
  /** Resolves with the next message `accept` accepts. */
  next(accept: (message: ChildMessage) => boolean, timeoutMs?: number): Promise<ChildMessage>;
  /** Closes the child's stdin, which it takes as "stop", and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts a TypeScript entry of this harness in its own Node process, so what
 * it serves has its own event loop and its memory is its own. The child
 * speaks tagged JSON lines on stdout; it is ready once it prints a `url`, `urls`
 * or `ready`.
 */
export async function startChild(
  name: string,
  entry: URL,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  nodeOptions: readonly string[] = [],
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      '--conditions=memgate-source',
      '--import',
      'tsx',
      fileURLToPath(entry),
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const messages: ChildMessage[] = [];
  let latest: ChildMessage = {};
  const listeners = new Set<(message: ChildMessage) => void>();
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = await new Promise<ChildMessage>((resolve, reject) => {
    void exited.then((code) =>
      reject(new Error(`${name} exited with ${String(code)} before it was ready`)),
    );
    lines.on('line', (line) => {
      if (!line.startsWith(TAG)) {
        // The services' own log lines (warnings and errors): pass them on to stderr.
        process.stderr.write(`[${name}] ${line}\n`);
        return;
      }
      const message = JSON.parse(line.slice(TAG.length)) as ChildMessage;
      if (message.error) reject(new Error(`${name}: ${message.error}`));
      if (message.url !== undefined || message.urls !== undefined || message.ready === true) {
        resolve(message);
        return;
      }
      messages.push(message);
      latest = { ...latest, ...message };
      for (const listener of listeners) listener(message);
    });
  });
  return {
    name,
    ready,
    messages,
    latest: () => latest,
    send: (line) => child.stdin.write(`${line}\n`),
    next: (accept, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`${name}: no expected message within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (message: ChildMessage): void => {
          if (!accept(message)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(message);
        };
        listeners.add(listener);
      }),
    close: async () => {
      if (child.exitCode !== null) return;
      child.stdin.end();
      await exited;
    },
  };
}

/**
 * The child side: prints what it serves, then a sample every `intervalMs`
 * (and at once on `sample` or after `gc`), and stops when stdin ends.
 */
export function serveAsChild(
  ready: ChildMessage,
  sample: () => ChildMessage,
  stop: () => Promise<void>,
  options: { intervalMs?: number; onCommand?: (line: string) => void } = {},
): void {
  const intervalMs = options.intervalMs ?? 250;
  const print = (message: ChildMessage): void => {
    process.stdout.write(`${TAG}${JSON.stringify(message)}\n`);
  };
  print(ready);
  const timer = setInterval(() => print(sample()), intervalMs);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    if (line === 'gc') (globalThis as { gc?: () => void }).gc?.();
    else options.onCommand?.(line);
    print({ ...sample(), reply: line });
  });
  process.stdin.once('end', () => {
    clearInterval(timer);
    void stop().finally(() => process.exit(0));
  });
}

/** Reports a failure to start on stdout, where the parent waits for it, and exits. */
export function failAsChild(error: unknown): never {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stdout.write(`${TAG}${JSON.stringify({ error: text })}\n`);
  process.exit(1);
}

/**
 * The child side of memory reporting: this process's memory now, stamped
 * with the wall clock so the parent can place it on its own timeline.
 */
export function memorySample(): ChildMessage {
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed, at: Date.now() };
}

/** The parent side: the memory samples `child` sent, timed from `sinceMs` (a `Date.now()`). */
export function memoryOf(child: Pick<ChildProcess, 'messages'>, sinceMs: number): MemoryReport {
  return memoryReport(
    child.messages.flatMap((message) =>
      message.rss !== undefined &&
      message.heapUsed !== undefined &&
      typeof message['at'] === 'number'
        ? [
            {
              atMs: message['at'] - sinceMs,
              rssBytes: message.rss,
              heapUsedBytes: message.heapUsed,
            },
          ]
        : [],
    ),
  );
}
