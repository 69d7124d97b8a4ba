import { readFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { generateIngestionSubgraphSdl } from '@memgate/ingestion';
import { parseGraphModel } from '@memgate/graph-model';
import { generateQuerySubgraphSdl } from '@memgate/query';
import { schemaPaths } from '@memgate/schema';
import { parse } from 'graphql';

/** Where each subgraph listens by default; the gateway can re-point them (MEMGATE_SUBGRAPH_URL_*). */
export const SUBGRAPHS = {
  query: 'http://localhost:4001/graphql',
  ingestion: 'http://localhost:4002/graphql',
} as const;

export interface ComposedSchemas {
  /** Printed SDL per subgraph, as published with Rover. */
  readonly subgraphs: Record<keyof typeof SUBGRAPHS, string>;
  readonly supergraph: string;
}

export class CompositionError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(`Composition failed:\n  ${messages.join('\n  ')}`);
    this.name = 'CompositionError';
  }
}

/**
 * Derives both subgraph SDLs from the graph SDL and composes them with
 * Apollo's composition library, exactly as Rover or GraphOS would.
 */
export async function composeSupergraph(graphSdl?: string): Promise<ComposedSchemas> {
  const model = parseGraphModel(graphSdl ?? (await readFile(schemaPaths.graph, 'utf8')));
  const subgraphs = {
    query: generateQuerySubgraphSdl(model),
    ingestion: generateIngestionSubgraphSdl(model),
  };
  const result = composeServices(
    (Object.keys(SUBGRAPHS) as (keyof typeof SUBGRAPHS)[]).map((name) => ({
      name,
      url: SUBGRAPHS[name],
      typeDefs: parse(subgraphs[name]),
    })),
  );
  if (result.errors) {
    throw new CompositionError(result.errors.map((error) => error.message));
  }
  return { subgraphs, supergraph: result.supergraphSdl };
}
