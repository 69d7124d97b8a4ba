import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parseGraphModel, type GraphModel } from '@memgate/graph-model';
import type { GraphQLSchema } from 'graphql';

const repo = new URL('../../', import.meta.url);

/** The committed supergraph and graph SDL: the schema users really get. */
export const committedSupergraphSdl = (): string =>
  readFileSync(new URL('schema/supergraph.graphql', repo), 'utf8');

export const committedGraphModel = (): GraphModel =>
  parseGraphModel(readFileSync(new URL('schema/graph.graphql', repo), 'utf8'));

/** The API schema @apollo/gateway serves for a supergraph (same library, same result). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}
