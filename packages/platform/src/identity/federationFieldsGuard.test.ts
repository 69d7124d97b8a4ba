import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { getOperationAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFormatError } from '../errors/index.js';
import {
  INTERNAL_IDENTITY_HEADER,
  INTERNAL_IDENTITY_LOCAL,
  internalIdentitySecret,
  requireInternalIdentity,
  selectsFederationField,
  signInternalIdentity,
  useGatewayOnlyFederationFields,
  type InternalIdentity,
} from './index.js';

/** A subgraph wired the way ours should be: the plugin on Apollo, the middleware on the route. */
const key = internalIdentitySecret('subgraph-test-secret-0123456789abcdef');
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { me: String }
  type Person @key(fields: "id") { id: ID! email: String }
`);

let server: Server;
let closedUrl: string;
let openUrl: string;
let apollo: ApolloServer<{ identity?: InternalIdentity }>;

beforeAll(async () => {
  apollo = new ApolloServer<{ identity?: InternalIdentity }>({
    schema: buildSubgraphSchema({
      typeDefs,
      resolvers: {
        Query: {
          me: (_root: unknown, _args: unknown, context: unknown) =>
            (context as { identity?: InternalIdentity }).identity?.subject ?? 'nobody',
        },
        Person: {
          __resolveReference: (ref: { id: string }) => ({
            id: ref.id,
            email: `${ref.id}@example.org`,
          }),
        },
      },
    }),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      useGatewayOnlyFederationFields({ key, audience: 'people' }),
    ],
  });
  await apollo.start();
  const context = ({ res }: { res: express.Response }) =>
    Promise.resolve({
      identity: res.locals[INTERNAL_IDENTITY_LOCAL] as InternalIdentity | undefined,
    });
  const app = express();
  const graphql = expressMiddleware(apollo, { context });
  app.use(
    '/open',
    express.json(),
    requireInternalIdentity({ key, audience: 'people', required: false }),
    graphql,
  );
  app.use(
    '/closed',
    express.json(),
    requireInternalIdentity({ key, audience: 'people', required: true }),
    graphql,
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  openUrl = `${base}/open`;
  closedUrl = `${base}/closed`;
});

afterAll(async () => {
  await apollo.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

const gatewayHeader = async (audience = 'people', subject = 'ada') => ({
  [INTERNAL_IDENTITY_HEADER]: await signInternalIdentity(
    { subject, roles: [], scopes: [] },
    { key, audience },
  ),
});

const ENTITIES =
  '{ _entities(representations: [{ __typename: "Person", id: "p1" }]) { ... on Person { email } } }';

describe('useGatewayOnlyFederationFields', () => {
  it('refuses _entities and _service without the gateway’s identity', async () => {
    for (const query of [
      ENTITIES,
      '{ _service { sdl } }',
      'query { ...F } fragment F on Query { _service { sdl } }',
    ]) {
      const { status, body } = await post(openUrl, query);
      expect(status).toBe(403);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses an identity minted for another subgraph', async () => {
    const { status } = await post(openUrl, ENTITIES, await gatewayHeader('billing'));
    // The route's middleware already refuses it: a bad identity is never ignored.
    expect(status).toBe(401);
  });

  it('answers the gateway', async () => {
    const { status, body } = await post(openUrl, ENTITIES, await gatewayHeader());
    expect(status).toBe(200);
    expect(body.data).toEqual({ _entities: [{ email: 'p1@example.org' }] });
  });

  it('leaves other fields alone, and hands the verified identity to resolvers', async () => {
    expect((await post(openUrl, '{ me }')).body.data).toEqual({ me: 'nobody' });
    expect(
      (await post(openUrl, '{ me }', await gatewayHeader('people', 'grace'))).body.data,
    ).toEqual({ me: 'grace' });
  });
});

describe('requireInternalIdentity', () => {
  it('closes a subgraph to everyone but the gateway when required', async () => {
    const anonymous = await post(closedUrl, '{ me }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await post(closedUrl, '{ me }', {
      [INTERNAL_IDENTITY_HEADER]: 'eyJhbGciOiJub25lIn0.e30.',
    });
    expect(forged.status).toBe(401);
    expect((await post(closedUrl, '{ me }', await gatewayHeader())).body.data).toEqual({
      me: 'ada',
    });
  });
});

describe('selectsFederationField', () => {
  it('sees federation fields through inline fragments and fragment spreads only at the root', () => {
    const check = (query: string): boolean => {
      const document = parse(query);
      const operation = getOperationAST(document);
      if (!operation) throw new Error('no operation');
      return selectsFederationField(document, operation);
    };
    expect(check('{ ... on Query { _entities(representations: []) { __typename } } }')).toBe(true);
    expect(check('{ me }')).toBe(false);
  });
});

describe('the federation-field guard alone, with the service error formatter', () => {
  it('answers FORBIDDEN for an identity it cannot verify, not the verifier’s UNAUTHENTICATED', async () => {
    const alone = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs, resolvers: {} }),
      formatError: createFormatError({ maskInternalErrors: true }),
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        useGatewayOnlyFederationFields({ key, audience: 'people' }),
      ],
    });
    await alone.start();
    try {
      const identity = (await gatewayHeader('billing'))[INTERNAL_IDENTITY_HEADER];
      const response = await alone.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([
            [INTERNAL_IDENTITY_HEADER, identity],
            ['content-type', 'application/json'],
          ]),
          search: '',
          body: { query: '{ _service { sdl } }' },
        },
        context: () => Promise.resolve({}),
      });
      expect(response.status).toBe(403);
      const body =
        response.body.kind === 'complete'
          ? (JSON.parse(response.body.string) as { errors?: { extensions?: { code?: string } }[] })
          : {};
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await alone.stop();
    }
  });
});
