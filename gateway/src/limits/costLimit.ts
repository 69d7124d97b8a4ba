import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { SchemaLoad } from '../federation/schemaLoad.js';
import type { OperationGuard } from '../operations/operationGuard.js';
import { readCostDirectives, type CostDirectives } from './costDirectives.js';
import { operationCost } from './operationCost.js';

export interface CostLimitOptions {
  maxCost: number;
  defaultListSize: number;
  slicingArguments: readonly string[];
}

/**
 * Refuses operations whose estimated cost is over the limit. The `@cost` and
 * `@listSize` directives come from the supergraph of each schema, read when
 * it loads, so a hot reload brings its new weights along.
 */
export class CostLimit {
  private readonly directives = new WeakMap<GraphQLSchema, CostDirectives>();

  constructor(private readonly options: CostLimitOptions) {}

  schemaLoaded = ({ apiSchema, coreSupergraphSdl }: SchemaLoad): void => {
    this.directives.set(apiSchema, readCostDirectives(coreSupergraphSdl));
  };

  guard: OperationGuard = (request) => {
    // A derived operation completes events of a subscription whose cost was checked when it started.
    if (request.derived) return Promise.resolve(undefined);
    const cost = operationCost(
      request.schema,
      request.document,
      request.operation,
      request.variables,
      {
        defaultListSize: this.options.defaultListSize,
        slicingArguments: this.options.slicingArguments,
        directives: this.directives.get(request.schema) ?? new Map(),
      },
    );
    if (cost <= this.options.maxCost) return Promise.resolve(undefined);
    return Promise.resolve(
      new GraphQLError(
        `The operation's estimated cost of ${cost} is over the limit of ${this.options.maxCost}; bound its lists with first/limit.`,
        {
          extensions: {
            code: 'GRAPHQL_VALIDATION_FAILED',
            cost,
            maxCost: this.options.maxCost,
            http: { status: 400 },
          },
        },
      ),
    );
  };
}
