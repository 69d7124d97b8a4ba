import { parseGraphModel } from '@memgate/graph-model';
import { describe, expect, it } from 'vitest';
import { apiSchemaOf, committedGraphModel, committedSupergraphSdl } from '../../test/apiSchema.js';
import { modelGuards } from './modelGuards.js';
import { readSupergraphOwnership } from './supergraphOwnership.js';

describe('modelGuards on the committed schema', () => {
  const guards = modelGuards(committedGraphModel(), apiSchemaOf(committedSupergraphSdl()));
  const ANALYSTS = [['ANALYST', 'ADMIN']];

  it('guards every place a guarded field reaches: the field, its aggregate, its filter and sort key', () => {
    expect(Object.fromEntries(guards.outputs)).toEqual({
      'Person.email': ANALYSTS,
      'PersonAggregateNode.email': ANALYSTS,
      'Organization.revenue': ANALYSTS,
      'OrganizationAggregateNode.revenue': ANALYSTS,
    });
    expect(Object.fromEntries(guards.inputs)).toEqual({
      'PersonWhere.email': ANALYSTS,
      'PersonSort.email': ANALYSTS,
      'OrganizationWhere.revenue': ANALYSTS,
      'OrganizationSort.revenue': ANALYSTS,
    });
  });
});

describe('modelGuards for a type guarded as a whole', () => {
  const sdl = `
    type Secret @node @key(fields: "id") @auth(requires: ["ADMIN"]) { id: ID! @id code: String }
    type Agent @node @key(fields: "id") {
      id: ID! @id
      name: String
      secrets: [Secret!]! @relationship(type: "KNOWS", direction: OUT)
    }
  `;
  const model = parseGraphModel(sdl);
  // A stand-in API schema with the names the query subgraph generates.
  const api = apiSchemaOf(`
    schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION) { query: Query }
    directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
    directive @join__graph(name: String!, url: String!) on ENUM_VALUE
    directive @join__implements(graph: join__Graph!, interface: String!) repeatable on OBJECT | INTERFACE
    directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
    directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION
    directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
    scalar join__FieldSet
    scalar link__Import
    enum link__Purpose { SECURITY EXECUTION }
    enum join__Graph { QUERY @join__graph(name: "query", url: "http://q") }
    type Query @join__type(graph: QUERY) {
      secrets(where: SecretWhere): [Secret!]!
      secretsAggregate: SecretAggregate!
      agents(where: AgentWhere): [Agent!]!
    }
    type Secret @join__type(graph: QUERY, key: "id") { id: ID! code: String }
    type SecretAggregate @join__type(graph: QUERY) { count: Int! }
    type Agent @join__type(graph: QUERY, key: "id") {
      id: ID!
      name: String
      secrets: [Secret!]!
      secretsAggregate: SecretAggregate!
    }
    input SecretWhere @join__type(graph: QUERY) { id: ID code: String }
    input AgentWhere @join__type(graph: QUERY) { name: String secrets: SecretWhere }
  `);

  it('guards its fields, the root fields named after it, the relationships to it and its filters', () => {
    const guards = modelGuards(model, api);
    expect([...guards.outputs.keys()].sort()).toEqual([
      'Agent.secrets',
      'Agent.secretsAggregate',
      'Query.secrets',
      'Query.secretsAggregate',
      'Secret.code',
      'Secret.id',
    ]);
    expect([...guards.inputs.keys()].sort()).toEqual([
      'AgentWhere.secrets',
      'SecretWhere.code',
      'SecretWhere.id',
    ]);
  });
});

describe('readSupergraphOwnership', () => {
  const ownership = readSupergraphOwnership(committedSupergraphSdl());

  it('reads which subgraph serves each field', () => {
    expect(ownership.servingSubgraphs('Query', 'people')).toEqual(['query']);
    expect(ownership.servingSubgraphs('Query', 'ingestionReceipt')).toEqual(['ingestion']);
    expect(ownership.servingSubgraphs('Mutation', 'upsertPeople')).toEqual(['ingestion']);
    expect(ownership.servingSubgraphs('Person', 'email')).toEqual(['query']);
    // A key field both subgraphs define is served by both.
    expect([...ownership.servingSubgraphs('Person', 'id')].sort()).toEqual(['ingestion', 'query']);
  });

  it('knows no subgraph for what the supergraph does not define', () => {
    expect(ownership.servingSubgraphs('Nope', 'nothing')).toEqual([]);
  });
});
