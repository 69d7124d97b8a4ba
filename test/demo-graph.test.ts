import { readFile } from 'node:fs/promises';
import { parseGraphModel } from '@memgate/graph-model';
import { readGraphTypeDefs, schemaPaths } from '@memgate/schema';
import {
  buildASTSchema,
  getVariableValues,
  Kind,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEMO_RELATIONSHIPS } from '../scripts/demo/demo-graph.js';
import { connectBatches } from '../scripts/demo/load-demo-graph.js';

/** The ingestion subgraph's API as published (federation directives declared in the file). */
async function ingestionSchema(): Promise<GraphQLSchema> {
  const sdl = await readFile(`${schemaPaths.generatedDir}ingestion.graphql`, 'utf8');
  return buildASTSchema(parse(sdl), { assumeValidSDL: true });
}

describe('the demo relationships npm start loads', () => {
  const batches = connectBatches(parseGraphModel(readGraphTypeDefs()));

  it('are sent as valid connect mutations with inputs the ingestion API accepts', async () => {
    const schema = await ingestionSchema();
    for (const batch of batches) {
      const document = parse(
        `mutation ($input: [${batch.inputType}!]!) { ${batch.field}(input: $input) { id } }`,
      );
      expect(validate(schema, document), batch.field).toEqual([]);
      const operation = document.definitions[0];
      if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], {
        input: batch.records,
      });
      expect(coerced.errors ?? [], batch.field).toEqual([]);
    }
  });

  it('cover every relationship of the demo graph once, keyed by member type where the target is abstract', () => {
    expect(batches.reduce((sum, batch) => sum + batch.records.length, 0)).toBe(
      DEMO_RELATIONSHIPS.length,
    );
    const follows = batches.find((batch) => batch.field === 'connectPersonFollows');
    expect(follows?.records).toContainEqual({
      from: { id: 'person-tim' },
      to: { Person: { id: 'person-ada' } },
    });
    const knows = batches.find((batch) => batch.field === 'connectPersonKnows');
    expect(knows?.records[0]).toEqual({
      from: { id: 'person-ada' },
      to: { id: 'person-alan' },
      properties: { strength: 0.4, since: '1936-01-01T00:00:00Z' },
    });
  });
});
