import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from '../test/captureLogger.js';
import { graphql, outcome } from '../test/http.js';
import {
  AUDIENCE,
  hs256Token,
  ISSUER,
  tampered,
  TestIdentityProvider,
  unsecuredToken,
} from '../test/identityProvider.js';
import {
  composeSupergraph,
  productsSdl,
  reviewsSdlV2,
  startProducts,
  startReviews,
  type RunningSubgraph,
} from '../test/tinySubgraphs.js';
import { createGateway, type Gateway } from './createGateway.js';
import {
  INTERNAL_IDENTITY_HEADER,
  internalIdentitySecret,
  verifyInternalIdentity,
} from '@memgate/platform/identity';

/**
 * Authentication and RBAC through a running gateway over two subgraphs:
 * `products` is a read subgraph, `reviews` the write subgraph whose
 * `addReview` mutation needs a writer role, and a graph SDL guards
 * `Product.rating` for critics.
 */
const SECRET = 'gateway-to-subgraphs-secret-0123456789';
const GRAPH_SDL = `
  type Product @node @key(fields: "id") {
    id: ID! @id
    name: String!
    rating: Int @auth(requires: ["CRITIC", "ADMIN"])
  }
`;

let idp: TestIdentityProvider;
let products: RunningSubgraph;
let reviews: RunningSubgraph;
let gateway: Gateway;
let url: string;
let dir: string;

beforeAll(async () => {
  [idp, products, reviews] = await Promise.all([
    TestIdentityProvider.start(),
    startProducts(),
    startReviews(),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'memgate-auth-'));
  const graphSchemaPath = join(dir, 'graph.graphql');
  await writeFile(graphSchemaPath, GRAPH_SDL);
  gateway = createGateway({
    config: {
      port: 0,
      auth: 'on',
      authJwksUrl: idp.jwksUrl,
      authIssuer: ISSUER,
      authAudience: AUDIENCE,
      authAlgorithms: ['RS256', 'ES256'],
      authAnonymous: 'queries',
      authReadSubgraphs: ['products'],
      authWriteSubgraphs: ['reviews'],
      authJwksCooldownSeconds: 0,
      internalIdentitySecret: SECRET,
      graphSchemaPath,
    },
    supergraphSdl: composeSupergraph([
      { name: 'products', url: products.url, sdl: productsSdl },
      { name: 'reviews', url: reviews.url, sdl: reviewsSdlV2 },
    ]),
    logger: captureLogger().logger,
  });
  ({ url } = await gateway.start());
});

afterAll(async () => {
  await gateway.stop();
  await Promise.all([products.stop(), reviews.stop(), idp.stop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('authentication over HTTP', () => {
  it('answers an invalid token with 401, a Bearer challenge and UNAUTHENTICATED', async () => {
    const answer = await graphql(url, '{ products { name } }', {
      token: await idp.token({ expiresIn: -3600 }),
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe(
      'Bearer realm="memgate", error="invalid_token", error_description="The access token expired."',
    );
    expect(answer.headers.get('content-type')).toBe(
      'application/graphql-response+json; charset=utf-8',
    );
    expect(answer.body).toEqual({
      errors: [{ message: 'The access token expired.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it.each([
    [
      'wrong audience',
      () => idp.token({ aud: 'someone-else' }),
      'The access token is meant for another audience.',
    ],
    [
      'wrong issuer',
      () => idp.token({ iss: 'https://evil.test/' }),
      'The access token was issued by an issuer this gateway does not trust.',
    ],
    [
      'HS256 instead of the pinned algorithms',
      () => hs256Token('guessed-secret'),
      'The access token is signed with an algorithm this gateway does not accept.',
    ],
    [
      'alg none',
      () => Promise.resolve(unsecuredToken()),
      'The access token is signed with an algorithm this gateway does not accept.',
    ],
    [
      'a tampered signature',
      async () => tampered(await idp.token()),
      'The access token signature is invalid.',
    ],
  ])(
    'refuses a token with %s, even for an operation open to anonymous callers',
    async (_case, token, description) => {
      const answer = await graphql(url, '{ products { name } }', { token: await token() });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toContain(
        `error_description="${description}"`,
      );
    },
  );

  it('refuses another authorization scheme as invalid_request', async () => {
    const answer = await graphql(url, '{ products { name } }', {
      headers: { authorization: 'Basic dTpw' },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('lets anonymous callers query when the policy says so, but never mutate', async () => {
    expect(await graphql(url, '{ products { name } }')).toMatchObject({
      status: 200,
      body: { data: { products: [{ name: 'Lamp' }, { name: 'Desk' }] } },
    });
    const mutation = await graphql(
      url,
      'mutation { addReview(productId: "p1", rating: 5) { id } }',
    );
    expect(mutation.status).toBe(401);
    expect(mutation.headers.get('www-authenticate')).toBe('Bearer realm="memgate"');
    expect(outcome(mutation)).toBe('UNAUTHENTICATED');
  });

  it('follows the identity provider’s key rotation', async () => {
    const kid = await idp.rotate('ES256');
    const answer = await graphql(url, '{ products { id } }', { token: await idp.token({ kid }) });
    expect(answer.status).toBe(200);
  });
});

describe('RBAC over HTTP', () => {
  const as = async (roles: string[]): Promise<string> =>
    idp.token({ sub: `u-${roles.join('-')}`, roles });

  it.each([
    [[], 'FORBIDDEN'],
    [['READER'], 'FORBIDDEN'],
    [['CRITIC'], 'ok'],
    [['ADMIN'], 'ok'],
  ])('guards Product.rating: roles %j → %s', async (roles, expected) => {
    const answer = await graphql(url, '{ products { name rating } }', { token: await as(roles) });
    expect(outcome(answer)).toBe(expected);
    expect(answer.status).toBe(expected === 'ok' ? 200 : 403);
  });

  it.each([
    [['READER'], 'FORBIDDEN'],
    [['CRITIC'], 'FORBIDDEN'],
    [['WRITER'], 'ok'],
    [['ADMIN'], 'ok'],
  ])(
    'needs a writer role for the write subgraph’s mutation: roles %j → %s',
    async (roles, expected) => {
      const answer = await graphql(
        url,
        'mutation { addReview(productId: "p2", rating: 1) { id name } }',
        {
          token: await as(roles),
        },
      );
      expect(outcome(answer)).toBe(expected);
    },
  );

  it('answers with a message that names no field, pointing into the caller’s document', async () => {
    const answer = await graphql(url, '{ products { rating } }', { token: await as(['READER']) });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        message: 'Not authorized to run this operation.',
        locations: [{ line: 1, column: 14 }],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }) as object,
      }),
    ]);
    expect(answer.body.data).toBeUndefined();
  });
});

describe('identity forwarded to subgraphs', () => {
  it('sends a token the gateway signed for each subgraph, never the client’s own', async () => {
    const token = await idp.token({ sub: 'grace', roles: ['CRITIC'], scope: 'read' });
    products.requests.length = 0;
    reviews.requests.length = 0;
    expect(outcome(await graphql(url, '{ products { name rating } }', { token }))).toBe('ok');
    const key = internalIdentitySecret(SECRET);
    for (const [subgraph, audience] of [
      [products, 'products'],
      [reviews, 'reviews'],
    ] as const) {
      const headers = subgraph.requests.at(-1);
      expect(headers?.['authorization']).toBeUndefined();
      const identity = headers?.[INTERNAL_IDENTITY_HEADER];
      expect(typeof identity).toBe('string');
      await expect(verifyInternalIdentity(String(identity), { key, audience })).resolves.toEqual({
        subject: 'grace',
        roles: ['CRITIC'],
        scopes: ['read'],
      });
    }
  });

  it('forwards an anonymous caller as an identity without subject or roles', async () => {
    products.requests.length = 0;
    await graphql(url, '{ products { id } }');
    const identity = String(products.requests.at(-1)?.[INTERNAL_IDENTITY_HEADER]);
    await expect(
      verifyInternalIdentity(identity, {
        key: internalIdentitySecret(SECRET),
        audience: 'products',
      }),
    ).resolves.toEqual({ subject: undefined, roles: [], scopes: [] });
  });
});
