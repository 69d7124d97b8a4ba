import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { schemaPaths } from '@memgate/schema';
import { composeSupergraph, CompositionError, type ComposedSchemas } from './compose-supergraph.js';

/** `npm run compose`: writes the subgraph SDLs and the supergraph; `--check` only compares. */
export function outputFiles(composed: ComposedSchemas): Record<string, string> {
  return {
    [path.join(schemaPaths.generatedDir, 'query.graphql')]: composed.subgraphs.query,
    [path.join(schemaPaths.generatedDir, 'ingestion.graphql')]: composed.subgraphs.ingestion,
    [schemaPaths.supergraph]: composed.supergraph,
  };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let composed: ComposedSchemas;
  try {
    composed = await composeSupergraph();
  } catch (error) {
    console.error(error instanceof CompositionError ? error.message : error);
    process.exitCode = 1;
    return;
  }
  const stale: string[] = [];
  for (const [file, content] of Object.entries(outputFiles(composed))) {
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === content) continue;
    stale.push(path.relative(process.cwd(), file));
    if (!check) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  }
  if (check && stale.length > 0) {
    console.error(`Stale generated schema files (run npm run compose):\n  ${stale.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      stale.length > 0
        ? `Wrote ${stale.join(', ')}`
        : 'Supergraph and subgraph SDLs are up to date.',
    );
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) await main();
