import { readFileSync } from 'node:fs';
import { parseGraphModel } from '@memgate/graph-model';
import { getOperationAST, getVariableValues, parse, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSchemaOf, committedGraphModel, committedSupergraphSdl } from '../../test/apiSchema.js';
import { captureLogger } from '../../test/captureLogger.js';
import { ANONYMOUS, type Principal } from '../security/principal.js';
import { Authorizer, type AuthorizerOptions } from './authorizer.js';

const user = (...roles: string[]): Principal => ({
  kind: 'user',
  subject: `user-${roles.join('-') || 'plain'}`,
  roles,
  scopes: [],
  expiresAt: 0,
});

const PRINCIPALS: Record<string, Principal> = {
  anonymous: ANONYMOUS,
  READER: user('READER'),
  ANALYST: user('ANALYST'),
  WRITER: user('WRITER'),
  ADMIN: user('ADMIN'),
};

function authorizerFor(
  sdl: string,
  overrides: Partial<AuthorizerOptions> = {},
): {
  authorizer: Authorizer;
  schema: GraphQLSchema;
} {
  const schema = apiSchemaOf(sdl);
  const authorizer = new Authorizer({
    loadModel: committedGraphModel,
    logger: captureLogger().logger,
    readSubgraphs: ['query'],
    writeSubgraphs: ['ingestion'],
    writerRoles: ['WRITER', 'ADMIN'],
    gatewayFields: new Map(),
    ...overrides,
  });
  authorizer.schemaLoaded({ apiSchema: schema, coreSupergraphSdl: sdl });
  return { authorizer, schema };
}

async function decide(
  authorizer: Authorizer,
  schema: GraphQLSchema,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<string> {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new Error(coerced.errors.map((error) => error.message).join('; '));
  const rejection = await authorizer.guard({
    schema,
    document,
    operation,
    variables: coerced.coerced,
    principal,
    transport: 'http',
    derived: false,
  });
  return rejection ? String(rejection.extensions['code']) : 'allowed';
}

describe('Authorizer on the committed supergraph', () => {
  let authorizer: Authorizer;
  let schema: GraphQLSchema;
  beforeAll(() => {
    ({ authorizer, schema } = authorizerFor(committedSupergraphSdl()));
  });

  const ANALYSTS = ['ANALYST', 'ADMIN'];
  const WRITERS = ['WRITER', 'ADMIN'];

  /** Every way the read API reaches a field guarded by @auth, and what the SDL guards it with. */
  const PROTECTED: [string, string, string[], Record<string, unknown>?][] = [
    ['Person.email', '{ people { id email } }', ANALYSTS],
    ['Organization.revenue', '{ organizations { revenue } }', ANALYSTS],
    ['Person.email through a relationship', '{ organizations { employees { email } } }', ANALYSTS],
    [
      'Person.email through a connection',
      '{ peopleConnection(first: 5) { edges { node { email } } } }',
      ANALYSTS,
    ],
    [
      'Person.email through a named fragment',
      '{ people { ...P } } fragment P on Person { email }',
      ANALYSTS,
    ],
    [
      'Person.email through an interface',
      '{ documents { mentions { ... on Person { email } } } }',
      ANALYSTS,
    ],
    [
      'Person.email through a union',
      '{ people { follows { ... on Organization { revenue } } } }',
      ANALYSTS,
    ],
    ['the email aggregate', '{ peopleAggregate { node { email { shortest } } } }', ANALYSTS],
    [
      'a relationship aggregate of revenue',
      '{ people { worksAtAggregate { node { revenue { max } } } } }',
      ANALYSTS,
    ],
    ['a filter on email', '{ people(where: { email: { startsWith: "a" } }) { id } }', ANALYSTS],
    ['a sort on revenue', '{ organizations(sort: [{ revenue: DESC }]) { id } }', ANALYSTS],
    [
      'a filter on email in a variable',
      'query ($w: PersonWhere) { people(where: $w) { id } }',
      ANALYSTS,
      { w: { OR: [{ name: { eq: 'x' } }, { email: { eq: 'a@b.c' } }] } },
    ],
    [
      'a filter on email nested in a relationship filter',
      '{ organizations(where: { employees: { some: { email: { eq: "a@b.c" } } } }) { id } }',
      ANALYSTS,
    ],
    ['upsertPeople', 'mutation { upsertPeople(input: [{ id: "p1" }]) { id } }', WRITERS],
    [
      'upsertOrganizations',
      'mutation { upsertOrganizations(input: [{ id: "o1" }]) { id } }',
      WRITERS,
    ],
    ['ingestionReceipt', '{ ingestionReceipt(id: "r1") { id status } }', WRITERS],
  ];

  for (const [name, query, granted, variables] of PROTECTED) {
    it.each(Object.keys(PRINCIPALS))(`${name}: %s`, async (who) => {
      const principal = PRINCIPALS[who] ?? ANONYMOUS;
      const expected = granted.includes(who) ? 'allowed' : 'FORBIDDEN';
      expect(await decide(authorizer, schema, principal, query, variables)).toBe(expected);
    });
  }

  it.each(Object.keys(PRINCIPALS))('lets %s read the unguarded read API', async (who) => {
    const query = `{
      people(where: { name: { startsWith: "A" } }, sort: [{ name: ASC }], limit: 5) {
        id name age knows { name } worksAt { name industry } __typename
      }
      peopleAggregate { count node { age { avg } } }
      documents { title mentions { id name } }
    }`;
    expect(await decide(authorizer, schema, PRINCIPALS[who] ?? ANONYMOUS, query)).toBe('allowed');
  });

  it('accepts a role granted as a scope', async () => {
    const scoped: Principal = {
      kind: 'user',
      subject: 's',
      roles: [],
      scopes: ['ANALYST'],
      expiresAt: 0,
    };
    expect(await decide(authorizer, schema, scoped, '{ people { email } }')).toBe('allowed');
  });

  it('refuses with one message that names no field, pointing at every denied selection', async () => {
    const document = parse('{ people { email } organizations { revenue name } }');
    const operation = getOperationAST(document);
    if (!operation) throw new Error('no operation');
    const rejection = await authorizer.guard({
      schema,
      document,
      operation,
      variables: {},
      principal: ANONYMOUS,
      transport: 'http',
      derived: false,
    });
    expect(rejection?.message).toBe('Not authorized to run this operation.');
    expect(rejection?.locations).toEqual([
      { line: 1, column: 12 },
      { line: 1, column: 36 },
    ]);
  });
});

describe('Authorizer, deny by default', () => {
  it('denies the fields of a subgraph nobody listed, and only those', async () => {
    const sdl = committedSupergraphSdl();
    const { authorizer, schema } = authorizerFor(sdl, { readSubgraphs: [] });
    expect(await decide(authorizer, schema, PRINCIPALS['ADMIN']!, '{ people { name } }')).toBe(
      'FORBIDDEN',
    );
    expect(
      await decide(
        authorizer,
        schema,
        PRINCIPALS['ADMIN']!,
        '{ ingestionReceipt(id: "r") { id } }',
      ),
    ).toBe('allowed');
  });

  it('recompiles on every supergraph, and judges each operation by its own schema’s rules', async () => {
    const sdl = committedSupergraphSdl();
    const graphSdl = readFileSync(
      new URL('../../../schema/graph.graphql', import.meta.url),
      'utf8',
    );
    let model = committedGraphModel();
    const { authorizer, schema } = authorizerFor(sdl, { loadModel: () => model });
    // The graph SDL now guards Person.name as well, and the supergraph is reloaded.
    model = parseGraphModel(
      graphSdl.replace(
        /(\n {2}name: String! @index)(\n {2}"Personal data)/,
        '$1 @auth(requires: ["ADMIN"])$2',
      ),
    );
    expect(model.nodes.get('Person')?.fields.get('name')?.authRequires).toEqual(['ADMIN']);
    const reloaded = apiSchemaOf(sdl);
    authorizer.schemaLoaded({ apiSchema: reloaded, coreSupergraphSdl: sdl });
    expect(await decide(authorizer, reloaded, PRINCIPALS['READER']!, '{ people { name } }')).toBe(
      'FORBIDDEN',
    );
    expect(await decide(authorizer, reloaded, PRINCIPALS['ADMIN']!, '{ people { name } }')).toBe(
      'allowed',
    );
    expect(await decide(authorizer, schema, PRINCIPALS['READER']!, '{ people { name } }')).toBe(
      'allowed',
    );
  });

  it('denies everything when the rules cannot be compiled, or for a schema it never saw', async () => {
    const sdl = committedSupergraphSdl();
    const { authorizer, schema } = authorizerFor(sdl, {
      loadModel: () => {
        throw new Error('graph SDL unreadable');
      },
    });
    expect(await decide(authorizer, schema, PRINCIPALS['ADMIN']!, '{ people { name } }')).toBe(
      'INTERNAL_SERVER_ERROR',
    );
    expect(
      await decide(authorizer, apiSchemaOf(sdl), PRINCIPALS['ADMIN']!, '{ people { name } }'),
    ).toBe('INTERNAL_SERVER_ERROR');
  });
});
