import { buildSubgraphSchema } from '@apollo/subgraph';
import { parseGraphModel } from '@memgate/graph-model';
import { readGraphTypeDefs } from '@memgate/schema';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { generateIngestionSubgraphSdl } from './generate-ingestion-sdl.js';

const sdl = generateIngestionSubgraphSdl(testModel());

describe('generateIngestionSubgraphSdl', () => {
  it('links federation 2 and imports @key only', () => {
    expect(sdl.split('\n')[0]).toBe(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])',
    );
  });

  it('offers one upsert per node type, named after its plural, answering with a receipt', () => {
    expect(sdl).toContain('  upsertPeople(input: [PersonInput!]!): IngestionReceipt!\n');
    expect(sdl).toContain('  upsertReadings(input: [ReadingInput!]!): IngestionReceipt!\n');
  });

  it('makes key fields required and every other stored scalar optional, with descriptions', () => {
    expect(sdl).toContain(
      [
        'input PersonInput {',
        '  id: ID!',
        '  name: String',
        '  age: Int',
        '  """From 0 to 1."""',
        '  score: Float',
        '  active: Boolean',
        '  tags: [String!]',
        '  bornAt: DateTime',
        '  wealth: BigInt',
        '}',
      ].join('\n'),
    );
    expect(sdl).toContain(
      'input ReadingInput {\n  sensor: String!\n  seq: Int!\n  value: Float\n}',
    );
  });

  it('leaves relationship fields out of the inputs', () => {
    expect(sdl).not.toMatch(/knows/);
  });

  it('declares node types as key-only stubs the gateway resolves elsewhere', () => {
    expect(sdl).toContain('type Person @key(fields: "id", resolvable: false) {\n  id: ID!\n}');
    expect(sdl).toContain(
      'type Reading @key(fields: "sensor seq", resolvable: false) {\n  sensor: String!\n  seq: Int!\n}',
    );
  });

  it('describes the receipt as an entity listing the entities it touched', () => {
    expect(sdl).toContain('type IngestionReceipt @key(fields: "id") {');
    for (const field of [
      'id: ID!',
      'source: String!',
      'status: IngestionStatus!',
      'accepted: Int!',
      'rejected: Int!',
      'written: Int!',
      'createdAt: DateTime!',
      'updatedAt: DateTime!',
      'people: [Person!]!',
      'readings: [Reading!]!',
    ]) {
      expect(sdl).toContain(`\n  ${field}\n`);
    }
    expect(sdl).toMatch(/enum IngestionStatus \{[^}]*ACCEPTED[^}]*COMPLETED[^}]*FAILED[^}]*\}/);
    expect(sdl).toContain('  ingestionReceipt(id: ID!): IngestionReceipt\n');
  });

  it('is a pure function of the model', () => {
    expect(generateIngestionSubgraphSdl(testModel())).toBe(sdl);
  });

  it('never mentions the bookkeeping labels', () => {
    expect(sdl).not.toMatch(/Memgate(Receipt|Offset)/);
  });

  it('builds as a subgraph schema, for the test model and the example domain', () => {
    expect(() => buildSubgraphSchema({ typeDefs: parse(sdl) })).not.toThrow();
    const example = generateIngestionSubgraphSdl(parseGraphModel(readGraphTypeDefs()));
    expect(() => buildSubgraphSchema({ typeDefs: parse(example) })).not.toThrow();
    expect(example).toContain('upsertPeople(input: [PersonInput!]!): IngestionReceipt!');
  });
});
