import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkMaven } from './prerequisites.js';
import { ServiceStartError } from './service-start-error.js';

const run = promisify(execFile);

export type ArtifactSet = 'kafka' | 'neo4j';

const COMPLETE_MARKER = '.complete';

/**
 * The poms sit beside this file in `src/launcher/maven/`. The path goes
 * through the package root so that the compiled `dist/launcher/` finds them
 * too: both are two levels below it.
 */
export function pomPath(set: ArtifactSet): string {
  return fileURLToPath(new URL(`../../src/launcher/maven/${set}/pom.xml`, import.meta.url));
}

/** Expands a leading `~` so that `MEMGATE_CACHE_DIR=~/.cache/memgate` works as users expect. */
export function resolveCacheDir(configured: string): string {
  return configured === '~' || configured.startsWith('~/')
    ? path.join(os.homedir(), configured.slice(1))
    : path.resolve(configured);
}

/**
 * Returns a directory holding every runtime jar the pom names, fetching them with
 * `mvn dependency:copy-dependencies` on first use. The directory name carries
 * a hash of the pom, so changing a version fetches afresh and never mixes
 * jars of two versions. Jars land in a temporary directory first and are
 * renamed into place, so an interrupted download never looks complete.
 */
export async function ensureArtifacts(
  pom: string,
  cacheDir: string,
  service: string,
): Promise<string> {
  const set = path.basename(path.dirname(pom));
  const digest = createHash('sha256')
    .update(await readFile(pom))
    .digest('hex')
    .slice(0, 12);
  const target = path.join(cacheDir, 'jars', `${set}-${digest}`);
  if (existsSync(path.join(target, COMPLETE_MARKER))) return target;

  await checkMaven(service);
  const staging = `${target}.partial-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await run(
      'mvn',
      [
        '--batch-mode',
        '--quiet',
        '--file',
        pom,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${staging}`,
        '-DincludeScope=runtime',
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const output = (error as { stdout?: string }).stdout ?? '';
    const reason =
      output
        .split('\n')
        .filter((line) => line.includes('[ERROR]'))
        .slice(0, 3)
        .join('\n    ') || String(error);
    throw new ServiceStartError(
      service,
      `could not fetch its jars from Maven Central.\n    ${reason}`,
      {
        cause: error,
        hint: 'Check network access to Maven Central (https://repo.maven.apache.org), or use external services with MEMGRAPH_URI / KAFKA_BROKERS.',
      },
    );
  }
  await writeFile(path.join(staging, COMPLETE_MARKER), new Date().toISOString());
  try {
    await rename(staging, target);
  } catch (error) {
    // Another process finished the same download first: keep theirs.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(path.join(target, COMPLETE_MARKER))) throw error;
  }
  return target;
}
