import { parseGraphModel } from '@memgate/graph-model';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { apiSchemaOf } from '../../test/apiSchema.js';
import { GRAPH_SDL } from '../../test/tinyGraph.js';
import { composeSupergraph, FEDERATION_LINK } from '../../test/tinySubgraphs.js';
import { ANONYMOUS, type Principal } from '../security/principal.js';
import { ChangeHub } from './changeHub.js';
import type { NodeChange } from './changeMessages.js';
import { SharedLoaders } from './sharedLoaders.js';
import { prepareSubscription } from './subscriptionSources.js';
import { subscriptionSdl } from './subscriptionSdl.js';
import { SubscriptionPlans } from './subscriptionPlans.js';
import type {
  DerivedExecutor,
  PreparedSubscription,
  SubscriptionPlan,
  SubscriptionServices,
} from './subscriptionTypes.js';

const schema = apiSchemaOf(
  composeSupergraph([
    {
      name: 'query',
      url: 'http://q',
      sdl: `${FEDERATION_LINK}
        type Query { people(where: PersonWhere): [Person!]! }
        input IDFilter { in: [ID!] }
        input PersonWhere { id: IDFilter }
        type Person @key(fields: "id") { id: ID! name: String! }
        type Topic @key(fields: "id") { id: ID! }`,
    },
    {
      name: 'ingestion',
      url: 'http://i',
      sdl: `${FEDERATION_LINK}
        scalar DateTime
        enum IngestionStatus { ACCEPTED COMPLETED FAILED }
        type Query { ingestionReceipt(id: ID!): IngestionReceipt }
        type IngestionReceipt @key(fields: "id") {
          id: ID!
          source: String!
          status: IngestionStatus!
          accepted: Int!
          written: Int!
        }
        type Person @key(fields: "id", resolvable: false) { id: ID! }
        type Topic @key(fields: "id", resolvable: false) { id: ID! }
        ${subscriptionSdl(['Person', 'Topic'])}`,
    },
  ]),
);
const model = parseGraphModel(GRAPH_SDL);

const WATCH = parse(
  'subscription Watch($keys: [ID!]) { graphChanged(types: ["Person"], keys: $keys) { kind key } }',
);
const WITH_NODE = parse(
  'subscription { graphChanged(types: ["Person"]) { key node { ... on Person { name } } } }',
);

const change = (id: string): NodeChange => ({
  kind: 'upserted',
  typename: 'Person',
  key: { id },
  at: '2024-05-01T12:00:00Z',
});

function services(execute: DerivedExecutor = vi.fn(), maxPendingEvents = 10) {
  return {
    hub: new ChangeHub(),
    loaders: new SharedLoaders(0),
    plans: new SubscriptionPlans<SubscriptionPlan>(),
    execute,
    model: () => model,
    maxPendingEvents,
    logger: { error: vi.fn() } as unknown as SubscriptionServices['logger'],
  } satisfies SubscriptionServices;
}

function connection() {
  return { overloaded: () => false, tooSlow: vi.fn<(reason: string) => void>() };
}

function prepare(
  shared: SubscriptionServices,
  document = WATCH,
  variables: Record<string, unknown> = {},
  principal: Principal = ANONYMOUS,
): PreparedSubscription {
  const operation = getOperationAST(document) as OperationDefinitionNode;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!coerced.coerced) throw new Error('bad variables');
  const prepared = prepareSubscription(shared, {
    schema,
    document,
    operation,
    variables: coerced.coerced,
    principal,
    connection: connection(),
  });
  if (prepared instanceof GraphQLError) throw prepared;
  return prepared;
}

async function nextOf(stream: AsyncIterableIterator<ExecutionResult>): Promise<ExecutionResult> {
  const next = await stream.next();
  if (next.done) throw new Error('the stream ended');
  return next.value;
}

describe('prepareSubscription', () => {
  it('completes and shapes a change once for alike subscribers, who all get that one result', async () => {
    const shared = services();
    const first = prepare(shared).start();
    const second = prepare(shared).start();
    const results = [nextOf(first), nextOf(second)];
    shared.hub.publish(change('p1'));
    const [one, other] = await Promise.all(results);
    expect(one).toEqual({ data: { graphChanged: { kind: 'UPSERTED', key: 'p1' } } });
    expect(other).toBe(one);
  });

  it('gives subscriptions with other variables a plan of their own', async () => {
    const shared = services();
    const ada = prepare(shared, WATCH, { keys: ['p1'] }).start();
    const alan = prepare(shared, WATCH, { keys: ['p2'] }).start();
    const results = [nextOf(ada), nextOf(alan)];
    shared.hub.publish(change('p1'));
    shared.hub.publish(change('p2'));
    const [forAda, forAlan] = await Promise.all(results);
    expect(forAda?.data).toEqual({ graphChanged: { kind: 'UPSERTED', key: 'p1' } });
    expect(forAlan?.data).toEqual({ graphChanged: { kind: 'UPSERTED', key: 'p2' } });
  });

  it('fetches a changed node once for alike subscribers', async () => {
    const execute = vi.fn<DerivedExecutor>(() =>
      Promise.resolve({
        data: { n0: [{ memgate_key_id: 'p1', __typename: 'Person', name: 'Ada' }] },
      }),
    );
    const shared = services(execute);
    const streams = [prepare(shared, WITH_NODE).start(), prepare(shared, WITH_NODE).start()];
    const results = streams.map(nextOf);
    shared.hub.publish(change('p1'));
    for (const result of await Promise.all(results)) {
      expect(result.data).toEqual({ graphChanged: { key: 'p1', node: { name: 'Ada' } } });
    }
    expect(execute).toHaveBeenCalledOnce();
  });

  it('never shares a completed node between callers: each is fetched as its own caller', async () => {
    const execute = vi.fn<DerivedExecutor>((_document, _variables, principal) =>
      Promise.resolve({
        data: {
          n0: [
            {
              memgate_key_id: 'p1',
              __typename: 'Person',
              name: principal.kind === 'user' ? principal.subject : 'anonymous',
            },
          ],
        },
      }),
    );
    const shared = services(execute);
    const user = (subject: string, roles: string[]): Principal => ({
      kind: 'user',
      subject,
      roles,
      scopes: [],
      expiresAt: 0,
    });
    const admin = user('ada', ['ADMIN']);
    const streams = [
      prepare(shared, WITH_NODE, {}, admin).start(),
      prepare(shared, WITH_NODE, {}, user('ada', ['READER'])).start(),
      prepare(shared, WITH_NODE, {}, ANONYMOUS).start(),
      prepare(shared, WITH_NODE, {}, admin).start(),
    ];
    const results = streams.map(nextOf);
    shared.hub.publish(change('p1'));
    const [asAdmin, asReader, asAnonymous, asAdminAgain] = await Promise.all(results);
    expect(execute).toHaveBeenCalledTimes(3);
    expect(asAdmin?.data).toEqual({ graphChanged: { key: 'p1', node: { name: 'ada' } } });
    expect(asReader).not.toBe(asAdmin);
    expect(asAnonymous?.data).toEqual({
      graphChanged: { key: 'p1', node: { name: 'anonymous' } },
    });
    expect(asAdminAgain).toBe(asAdmin);
  });

  it('shapes one change for each plan that hears it', async () => {
    const shared = services();
    const keysOnly = prepare(shared, WATCH).start();
    const kindOnly = prepare(
      shared,
      parse('subscription { graphChanged(types: ["Person"]) { kind } }'),
    ).start();
    const results = [nextOf(keysOnly), nextOf(kindOnly)];
    shared.hub.publish(change('p1'));
    const [one, other] = await Promise.all(results);
    expect(one?.data).toEqual({ graphChanged: { kind: 'UPSERTED', key: 'p1' } });
    expect(other?.data).toEqual({ graphChanged: { kind: 'UPSERTED' } });
  });

  it.each([
    ['types', 'subscription { graphChanged(types: []) { key } }'],
    ['keys', 'subscription { graphChanged(keys: []) { key } }'],
  ])('refuses graphChanged with an empty %s list, which would hear nothing', (name, text) => {
    const document = parse(text);
    const operation = getOperationAST(document) as OperationDefinitionNode;
    const shared = services();
    const prepared = prepareSubscription(shared, {
      schema,
      document,
      operation,
      variables: {},
      principal: ANONYMOUS,
      connection: connection(),
    });
    expect(prepared).toBeInstanceOf(GraphQLError);
    expect((prepared as GraphQLError).extensions['code']).toBe('BAD_USER_INPUT');
    expect((prepared as GraphQLError).message).toContain(`\`${name}\``);
    expect(shared.hub.size).toBe(0);
  });

  it('leaves the hub and gives its loader back when the client goes', async () => {
    const shared = services();
    const stream = prepare(shared, WITH_NODE).start();
    expect(shared.hub.size).toBe(1);
    expect(shared.loaders.size).toBe(1);
    await stream.return?.();
    expect(shared.hub.size).toBe(0);
    expect(shared.loaders.size).toBe(0);
  });

  it('drops a client that lets too many events wait', () => {
    const shared = services(vi.fn(), 1);
    const control = connection();
    const operation = getOperationAST(WATCH) as OperationDefinitionNode;
    const prepared = prepareSubscription(shared, {
      schema,
      document: WATCH,
      operation,
      variables: {},
      principal: ANONYMOUS,
      connection: control,
    });
    if (prepared instanceof GraphQLError) throw prepared;
    prepared.start();
    for (const id of ['p1', 'p2']) shared.hub.publish(change(id));
    expect(control.tooSlow).toHaveBeenCalledWith('more than 1 events waiting for one subscription');
  });
});

describe('ingestionProgress', () => {
  const PROGRESS = parse('subscription { ingestionProgress(receiptId: "r1") { status written } }');
  const progress = (status: 'ACCEPTED' | 'COMPLETED', written: number) => ({
    kind: 'receipt' as const,
    receiptId: 'r1',
    status,
    accepted: 2,
    written,
    rejected: 0,
    at: '2024-05-01T12:00:00Z',
  });

  it('delivers the settling event itself, then ends, when messages carry all it selects', async () => {
    const execute = vi.fn<DerivedExecutor>(() =>
      Promise.resolve({
        data: { r0: { __typename: 'IngestionReceipt', status: 'ACCEPTED', written: 0 } },
      }),
    );
    const shared = services(execute);
    const stream = prepare(shared, PROGRESS).start();
    expect(await nextOf(stream)).toEqual({
      data: { ingestionProgress: { status: 'ACCEPTED', written: 0 } },
    });
    // A reader is waiting when the settling message comes, as graphql-ws is.
    const waiting = stream.next();
    shared.hub.publish(progress('ACCEPTED', 1));
    shared.hub.publish(progress('COMPLETED', 2));
    shared.hub.publish(progress('COMPLETED', 2));
    expect((await waiting).value).toEqual({
      data: { ingestionProgress: { status: 'ACCEPTED', written: 1 } },
    });
    expect((await stream.next()).value).toEqual({
      data: { ingestionProgress: { status: 'COMPLETED', written: 2 } },
    });
    const after = await stream.next();
    expect(after.done).toBe(true);
    // Only the snapshot needed a query: the messages carry status and written.
    expect(execute).toHaveBeenCalledOnce();
    expect(shared.hub.size).toBe(0);
  });

  it('ends after the snapshot of a receipt already settled when the client subscribes', async () => {
    const execute = vi.fn<DerivedExecutor>(() =>
      Promise.resolve({
        data: { r0: { __typename: 'IngestionReceipt', status: 'COMPLETED', written: 2 } },
      }),
    );
    const stream = prepare(services(execute), PROGRESS).start();
    expect(await nextOf(stream)).toEqual({
      data: { ingestionProgress: { status: 'COMPLETED', written: 2 } },
    });
    expect((await stream.next()).done).toBe(true);
  });
});
