import {
  buildSchema,
  getOperationAST,
  GraphQLError,
  parse,
  printSchema,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { SubscriptionPlans, type PlannedOperation } from './subscriptionPlans.js';

const schema = buildSchema('type Query { a: Int } type Subscription { tick(n: Int): Int }');
const TICK = parse('subscription Tick($n: Int) { tick(n: $n) }');

function request(variables: Record<string, unknown>, document: DocumentNode = TICK) {
  return {
    schema,
    document,
    operation: getOperationAST(document) as OperationDefinitionNode,
    variables,
  } satisfies PlannedOperation;
}

const make = () => vi.fn((key: string) => ({ key, shared: true }));

type Plan = { key: string; shared: boolean };

describe('SubscriptionPlans', () => {
  it('hands every subscription with the same operation and variables one plan', () => {
    const plans = new SubscriptionPlans<Plan>();
    const planner = make();
    const first = plans.get(request({ n: 1 }), planner);
    const second = plans.get(request({ n: 1 }), planner);
    expect(second).toBe(first);
    expect(planner).toHaveBeenCalledOnce();
  });

  it('plans other variables, documents and schemas apart', () => {
    const plans = new SubscriptionPlans<Plan>();
    const planner = make();
    const one = plans.get(request({ n: 1 }), planner);
    const two = plans.get(request({ n: 2 }), planner);
    const other = plans.get(
      request({ n: 1 }, parse('subscription Tick($n: Int) { tick(n: $n) }')),
      planner,
    );
    const reloaded = plans.get(
      { ...request({ n: 1 }), schema: buildSchema(printSchema(schema)) },
      planner,
    );
    expect(new Set([one, two, other, reloaded]).size).toBe(4);
    expect(planner).toHaveBeenCalledTimes(4);
  });

  it('keeps no errors: the operation is planned again', () => {
    const plans = new SubscriptionPlans<Plan>();
    const planner = vi.fn(() => new GraphQLError('no such type'));
    plans.get(request({}), planner);
    plans.get(request({}), planner);
    expect(planner).toHaveBeenCalledTimes(2);
  });

  it('forgets the least recently used plan past its bound', () => {
    const plans = new SubscriptionPlans<Plan>(2);
    const planner = make();
    const one = plans.get(request({ n: 1 }), planner);
    plans.get(request({ n: 2 }), planner);
    expect(plans.get(request({ n: 1 }), planner)).toBe(one);
    plans.get(request({ n: 3 }), planner);
    expect(plans.get(request({ n: 1 }), planner)).toBe(one);
    expect(planner).toHaveBeenCalledTimes(3);
    plans.get(request({ n: 2 }), planner);
    expect(planner).toHaveBeenCalledTimes(4);
  });

  it('hands out a plan that is not shared once, and keeps the shared ones', () => {
    const plans = new SubscriptionPlans<Plan>(2);
    const shared = plans.get(request({ n: 1 }), make());
    const unshared = vi.fn((key: string) => ({ key, shared: false }));
    for (let n = 2; n < 10; n += 1) plans.get(request({ n }), unshared);
    const again = plans.get(request({ n: 2 }), unshared);
    expect(unshared).toHaveBeenCalledTimes(9);
    expect(again).not.toBe(unshared.mock.results[0]?.value);
    const planner = make();
    expect(plans.get(request({ n: 1 }), planner)).toBe(shared);
    expect(planner).not.toHaveBeenCalled();
  });
});
