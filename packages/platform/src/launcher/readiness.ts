import { setTimeout as sleep } from 'node:timers/promises';
import type { JvmProcess } from './jvm-process.js';
import { ServiceStartError } from './service-start-error.js';

export interface WaitOptions {
  service: string;
  timeoutMs: number;
  /** When the process dies while we wait, stop waiting and show its log. */
  process?: JvmProcess;
  /** A log whose tail explains a failure better than the console does. */
  explain?: () => Promise<string>;
  intervalMs?: number;
}

/**
 * Calls `probe` until it resolves true. A probe that throws counts as "not yet";
 * the last error goes into the timeout message.
 */
export async function waitUntilReady(
  probe: () => Promise<boolean>,
  options: WaitOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (options.process?.hasExited()) {
      const tail = await (options.explain ?? options.process.logTail)();
      throw new ServiceStartError(
        options.service,
        `the process exited during start-up.\n${indent(tail)}`,
      );
    }
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await sleep(options.intervalMs ?? 250);
  }
  const tail = options.explain
    ? await options.explain()
    : ((await options.process?.logTail()) ?? '');
  const why = lastError instanceof Error ? ` Last error: ${lastError.message}` : '';
  throw new ServiceStartError(
    options.service,
    `not ready after ${options.timeoutMs / 1000}s.${why}${tail ? `\n${indent(tail)}` : ''}`,
  );
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    | ${line}`)
    .join('\n');
}
