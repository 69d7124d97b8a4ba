import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GraphModel } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import type { CompiledMapping } from './compiled-mapping.js';
import { invalidMappings, type MappingProblem } from './mapping-problems.js';
import { MappingRegistry } from './mapping-registry.js';
import { readMapping } from './read-mapping.js';
import type { RecordTransform } from './record-transform.js';

const MAPPING_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface LoadMappingsOptions {
  readonly dir: string;
  readonly model: GraphModel;
  /**
   * Import each source's hook module. The worker runs them; the subgraph
   * only needs to know the sources, so it checks that the hook files exist.
   */
  readonly loadHooks: boolean;
}

/**
 * Reads every mapping file of a directory (YAML or JSON), checks it against
 * the mapping schema and the graph model, and compiles it. Any problem in
 * any file stops the start-up with all of them listed, each with its file
 * and line.
 */
export async function loadMappings(options: LoadMappingsOptions): Promise<MappingRegistry> {
  const problems: MappingProblem[] = [];
  const mappings: CompiledMapping[] = [];
  const sources = new Map<string, string>();
  const topics = new Map<string, string>();
  for (const path of await mappingFiles(options.dir)) {
    const file = displayPath(path);
    const read = readMapping(file, await readFile(path, 'utf8'), options.model);
    const { mapping, report } = read;
    if (mapping) {
      const other = sources.get(mapping.source);
      if (other) report(['source'], `the source "${mapping.source}" is already mapped by ${other}`);
      sources.set(mapping.source, file);
      if (mapping.topic !== undefined) {
        // Two sources reading one topic in one group would each get half its messages.
        const consumer = `${mapping.topic} (group ${mapping.groupId ?? 'of the workers'})`;
        const reader = topics.get(consumer);
        if (reader) report(['topic'], `the topic ${consumer} is already read by ${reader}`);
        topics.set(consumer, file);
      }
      const hookPath =
        mapping.hook === undefined ? undefined : resolve(dirname(path), mapping.hook);
      const hook = hookPath
        ? await checkHook(hookPath, options.loadHooks, (message) => report(['hook'], message))
        : undefined;
      if (read.problems.length === 0) mappings.push({ ...mapping, hookPath, hook });
    }
    problems.push(...read.problems);
  }
  if (problems.length > 0) throw invalidMappings(problems);
  return new MappingRegistry(mappings);
}

async function mappingFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `Cannot read the ingestion mappings directory ${dir} (MEMGATE_INGESTION_MAPPINGS_DIR): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return names
    .filter((name) => MAPPING_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(dir, name));
}

async function checkHook(
  path: string,
  load: boolean,
  report: (message: string) => void,
): Promise<RecordTransform | undefined> {
  try {
    await access(path);
  } catch {
    report(`the hook module ${displayPath(path)} does not exist`);
    return undefined;
  }
  if (!load) return undefined;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const typescript = /\.[cm]?ts$/.test(path)
      ? ' (a TypeScript hook needs a TypeScript-aware runtime such as tsx; compile it to JavaScript otherwise)'
      : '';
    report(
      `cannot load the hook module ${displayPath(path)}: ${(error as Error).message}${typescript}`,
    );
    return undefined;
  }
  const transform = module['transform'] ?? module['default'];
  if (typeof transform !== 'function') {
    report(
      `the hook module ${displayPath(path)} exports no transform function (export const transform = (record) => record)`,
    );
    return undefined;
  }
  return transform as RecordTransform;
}

/** Paths in messages relative to the working directory when under it, as people type them. */
function displayPath(path: string): string {
  const local = relative(process.cwd(), path);
  return local.startsWith('..') || isAbsolute(local) ? path : local;
}
