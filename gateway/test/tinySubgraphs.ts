import type { IncomingHttpHeaders } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * Two tiny subgraphs for gateway tests: `products` owns the Product entity,
 * `reviews` extends it by key with `rating` (and, from version 2 of its
 * SDL, `reviewCount`, which hot-reload tests add to the supergraph) and has
 * the one mutation, `addReview`. Both record the headers of every request.
 */
/** The Federation 2 link every test subgraph SDL starts with. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

export const productsSdl = `${FEDERATION_LINK}
  type Query {
    products: [Product!]!
    boom: String
  }
  type Product @key(fields: "id") {
    id: ID!
    name: String!
  }
`;

export const reviewsSdlV1 = `${FEDERATION_LINK}
  type Product @key(fields: "id") {
    id: ID!
    rating: Int
  }
  type Mutation {
    addReview(productId: ID!, rating: Int!): Product
  }
`;

export const reviewsSdlV2 = `${FEDERATION_LINK}
  type Product @key(fields: "id") {
    id: ID!
    rating: Int
    reviewCount: Int
  }
  type Mutation {
    addReview(productId: ID!, rating: Int!): Product
  }
`;

export const PRODUCTS = [
  { id: 'p1', name: 'Lamp', rating: 4, reviewCount: 12 },
  { id: 'p2', name: 'Desk', rating: 5, reviewCount: 3 },
];

type Product = (typeof PRODUCTS)[number];

function byId(id: string): Product {
  const product = PRODUCTS.find((candidate) => candidate.id === id);
  if (!product) throw new Error(`no product ${id}`);
  return product;
}

export interface RunningSubgraph {
  readonly name: string;
  readonly url: string;
  /** Headers of every request the subgraph received, oldest first. */
  readonly requests: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

async function serve(
  name: string,
  schema: ReturnType<typeof buildSubgraphSchema>,
): Promise<RunningSubgraph> {
  const server = new ApolloServer({
    schema,
    stopOnTerminationSignals: false,
    // Traces are only for Apollo Studio; the default plugin just logs that it is on.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const requests: IncomingHttpHeaders[] = [];
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: ({ req }) => {
      requests.push(req.headers);
      return Promise.resolve({});
    },
  });
  return { name, url, requests, stop: () => server.stop() };
}

export function productsSchema(): ReturnType<typeof buildSubgraphSchema> {
  return buildSubgraphSchema({
    typeDefs: parse(productsSdl),
    resolvers: {
      Query: {
        products: () => PRODUCTS.map(({ id, name }) => ({ id, name })),
        boom: () => {
          throw new Error('boom: secret internal detail');
        },
      },
      Product: {
        __resolveReference: (reference: { id: string }) => byId(reference.id),
      },
    },
  });
}

export function startProducts(): Promise<RunningSubgraph> {
  return serve('products', productsSchema());
}

/** Always serves version 2; which fields the gateway exposes is up to the supergraph. */
export function reviewsSchema(): ReturnType<typeof buildSubgraphSchema> {
  return buildSubgraphSchema({
    typeDefs: parse(reviewsSdlV2),
    resolvers: {
      Product: {
        __resolveReference: (reference: { id: string }) => {
          const { id, rating, reviewCount } = byId(reference.id);
          return { id, rating, reviewCount };
        },
      },
      Mutation: {
        addReview: (_root: unknown, args: { productId: string; rating: number }) => ({
          ...byId(args.productId),
          rating: args.rating,
        }),
      },
    },
  });
}

export function startReviews(): Promise<RunningSubgraph> {
  return serve('reviews', reviewsSchema());
}

export function composeSupergraph(
  subgraphs: readonly { name: string; url: string; sdl: string }[],
): string {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    throw new Error(
      `composition failed: ${result.errors.map((error) => error.message).join('; ')}`,
    );
  }
  return result.supergraphSdl;
}
