import {
  getNamedType,
  isObjectType,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import type { Principal } from '../security/principal.js';
import { callerKey } from './callerKey.js';
import type { NodeChangeFilter, NodeSubscriber } from './changeHub.js';
import { changeKindNames } from './changeKinds.js';
import type { NodeChange } from './changeMessages.js';
import type { Completion } from './derivedResult.js';
import { EventStream, type StreamOwner } from './eventStream.js';
import { ChangeValue, EventRoot } from './eventValues.js';
import { EventShaper, sharedResult } from './executeEvents.js';
import { NodeQuery, type NodeRef } from './nodeQuery.js';
import { subfieldSelections } from './selections.js';
import type { LoaderLease } from './sharedLoaders.js';
import {
  badRequest,
  type ConnectionControl,
  type PreparedSubscription,
  type SubscriptionContext,
  type SubscriptionPlan,
  type SubscriptionServices,
  tooManyEventsWaiting,
} from './subscriptionTypes.js';

const FAILED: GraphQLFormattedError = {
  message: 'The changed node could not be fetched.',
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
};

type NodeLease = LoaderLease<NodeRef, Map<string, Completion>>;

/**
 * `graphChanged(types, keys)`: node changes from the feed, filtered, each
 * completed with its `node` through one query per burst (see NodeQuery).
 * `key` names the plan among the schema's (see SubscriptionPlans).
 */
export function graphChanged(
  services: SubscriptionServices,
  context: SubscriptionContext,
  args: Record<string, unknown>,
  key: string,
): SubscriptionPlan | GraphQLError {
  const model = services.model();
  const types = (args['types'] as string[] | null | undefined) ?? undefined;
  // An empty list would listen to nothing, forever: say so instead.
  if (types?.length === 0) {
    return badRequest('graphChanged: `types` names no node type; leave it out to hear every type.');
  }
  const unknown = (types ?? []).filter((type) => !model.nodes.has(type));
  if (unknown.length > 0) {
    return badRequest(`graphChanged: no node type is called ${unknown.join(', ')}.`);
  }
  const keys = (args['keys'] as string[] | null | undefined) ?? undefined;
  if (keys?.length === 0) {
    return badRequest('graphChanged: `keys` names no key; leave it out to hear every key.');
  }
  const changeType = context.schema.getType('GraphChange');
  const nodeField = isObjectType(changeType) ? changeType.getFields()['node'] : undefined;
  const selectionSets = context.field.selectionSet ? [context.field.selectionSet] : [];
  const nodeSelections = subfieldSelections(selectionSets, 'node', context.fragments);
  const nodeQuery =
    nodeField && nodeSelections.size > 0
      ? NodeQuery.plan({
          schema: context.schema,
          model,
          nodeSelections,
          nodeType: getNamedType(nodeField.type),
          fragments: context.fragments,
          variableDefinitions: context.operation.variableDefinitions ?? [],
          variables: context.variables,
        })
      : undefined;
  return new GraphChangedPlan(services, {
    key,
    rootKey: context.rootKey,
    filter: { types, keys: keys && new Set(keys) },
    shaper: new EventShaper(context),
    kindName: changeKindNames(context.schema),
    nodeQuery,
    nodeKeys: [...nodeSelections.keys()],
  });
}

interface GraphChangedParts {
  readonly key: string;
  readonly rootKey: string;
  readonly filter: NodeChangeFilter;
  readonly shaper: EventShaper;
  readonly kindName: (kind: string) => string;
  /** Absent when nothing selected under `node` can be fetched. */
  readonly nodeQuery: NodeQuery | undefined;
  /** The response keys of the `node` fields. */
  readonly nodeKeys: readonly string[];
}

/** What `graphChanged` subscriptions with one operation and variables share. */
class GraphChangedPlan implements SubscriptionPlan {
  readonly shared = true;

  constructor(
    readonly services: SubscriptionServices,
    readonly parts: GraphChangedParts,
  ) {}

  subscribe(principal: Principal, connection: ConnectionControl): PreparedSubscription {
    return new GraphChangedSubscription(this, principal, connection);
  }

  /** A hold on the loader completing this plan's nodes for the caller; none when there is nothing to fetch. */
  lease(principal: Principal, caller: string): NodeLease | undefined {
    const { nodeQuery } = this.parts;
    return (
      nodeQuery &&
      this.services.loaders.lease(`${caller}\n${nodeQuery.signature}`, (refs: readonly NodeRef[]) =>
        this.fetchNodes(nodeQuery, refs, principal),
      )
    );
  }

  /** The result of a change for every subscriber of this plan with the same caller. */
  result(
    change: NodeChange,
    caller: string,
    lease: NodeLease | undefined,
  ): Promise<ExecutionResult> {
    return sharedResult(change, this.parts.key, caller, () => this.complete(change, lease));
  }

  private async complete(
    change: NodeChange,
    lease: NodeLease | undefined,
  ): Promise<ExecutionResult> {
    const { nodeQuery, rootKey } = this.parts;
    const nodes =
      lease && change.kind !== 'deleted' && nodeQuery?.covers(change.typename)
        ? await lease.load(change)
        : new Map<string, Completion>();
    const errors = [...nodes].flatMap(([nodeKey, completion]) =>
      completion.errors.map((error) => ({
        ...error,
        path: [rootKey, nodeKey, ...(error.path ?? [])],
      })),
    );
    const root = new EventRoot(new ChangeValue(change, nodes, this.parts.kindName), errors);
    return this.parts.shaper.shape(root);
  }

  private async fetchNodes(
    nodeQuery: NodeQuery,
    refs: readonly NodeRef[],
    principal: Principal,
  ): Promise<Map<string, Completion>[]> {
    try {
      const result = await this.services.execute(
        nodeQuery.document,
        nodeQuery.variables(refs),
        principal,
      );
      return nodeQuery.completions(result, refs);
    } catch (error) {
      this.services.logger.error({ err: error }, 'completing graph changes failed');
      const failed = new Map(
        this.parts.nodeKeys.map((key) => [key, { value: null, errors: [FAILED] }]),
      );
      return refs.map(() => failed);
    }
  }
}

/**
 * One subscriber: its plan, caller and connection, and its events. It is
 * its own hub subscriber and stream owner, so an idle subscription is this
 * object and its stream, with no closures.
 */
class GraphChangedSubscription implements PreparedSubscription, NodeSubscriber, StreamOwner {
  readonly filter: NodeChangeFilter;
  private readonly caller: string;
  private readonly stream: EventStream<ExecutionResult>;
  private lease: NodeLease | undefined;

  constructor(
    private readonly plan: GraphChangedPlan,
    private readonly principal: Principal,
    private readonly connection: ConnectionControl,
  ) {
    this.filter = plan.parts.filter;
    this.caller = callerKey(principal);
    this.stream = new EventStream(plan.services.maxPendingEvents, this);
  }

  start(): AsyncIterableIterator<ExecutionResult> {
    this.lease = this.plan.lease(this.principal, this.caller);
    this.plan.services.hub.addNodeSubscriber(this);
    return this.stream;
  }

  onNodeChange(change: NodeChange): void {
    if (this.connection.overloaded()) return;
    this.stream.push(this.plan.result(change, this.caller, this.lease));
  }

  overflowed(): void {
    tooManyEventsWaiting(this.connection, this.plan.services.maxPendingEvents);
  }

  closed(): void {
    this.plan.services.hub.removeNodeSubscriber(this);
    this.lease?.release();
  }
}
