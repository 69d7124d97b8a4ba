import { readFile } from 'node:fs/promises';
import {
  IntrospectAndCompose,
  type SupergraphManager,
  type SupergraphSdlHook,
} from '@apollo/gateway';
import { MemgateError } from '@memgate/platform/errors';
import type { Logger } from '@memgate/platform/logging';
import type { SubgraphEndpoint } from './subgraphList.js';
import { watchFile } from './watchFile.js';

/** A fixed supergraph, e.g. one a test composed in memory. */
export function staticSupergraph(supergraphSdl: string): SupergraphSdlHook {
  return () => Promise.resolve({ supergraphSdl });
}

export interface FileSupergraphOptions {
  logger: Logger;
  /** How long the file must stay quiet before it is read again. */
  debounceMs?: number;
}

/**
 * The supergraph in a file, re-read whenever the file changes. A new version
 * is handed to @apollo/gateway's `update`, which validates it and swaps the
 * schema and query planner between operations; when it throws, the version
 * being served stays, and the reason is logged.
 */
export function fileSupergraph(path: string, options: FileSupergraphOptions): SupergraphSdlHook {
  const { logger, debounceMs = 100 } = options;
  return async ({ update }) => {
    let served = await readInitial(path);
    let closed = false;

    const reload = async (): Promise<void> => {
      let next: string;
      try {
        next = await readFile(path, 'utf8');
      } catch (error) {
        // Mid-replacement the file can be briefly missing; the next event retries.
        logger.warn({ err: error, path }, 'could not read the supergraph; keeping the current one');
        return;
      }
      if (closed || next === served) return;
      try {
        update(next);
        served = next;
        logger.info({ path }, 'supergraph reloaded');
      } catch (error) {
        logger.error({ err: error, path }, 'new supergraph rejected; keeping the current one');
      }
    };

    // One reload at a time, in order: an older read must not win over a newer one.
    let reloading = Promise.resolve();
    const watch = watchFile(path, {
      debounceMs,
      onChange: () => {
        reloading = reloading.then(reload);
      },
    });
    return {
      supergraphSdl: served,
      cleanup: () => {
        closed = true;
        watch.close();
        return Promise.resolve();
      },
    };
  };
}

async function readInitial(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new MemgateError(
      'INVALID_SCHEMA',
      `Cannot read the supergraph at ${path}: compose it with \`npm run compose\`, or point MEMGATE_SUPERGRAPH_PATH at one.`,
      { cause: error },
    );
  }
}

/**
 * Development: the supergraph composed from running subgraphs, asked for
 * their SDL through the gateway's own data sources (so with its signed
 * identity), and recomposed when one changes. A failed recomposition keeps
 * the schema being served. Production serves a committed supergraph
 * instead: what runs there must be what CI composed and checked.
 */
export function composedSupergraph(
  subgraphs: readonly SubgraphEndpoint[],
  options: { pollIntervalMs: number; logger: Logger },
): SupergraphManager {
  return new IntrospectAndCompose({
    subgraphs: subgraphs.map(({ name, url }) => ({ name, url })),
    pollIntervalInMs: options.pollIntervalMs,
    logger: options.logger,
  });
}
