import type { GraphModel } from '@memgate/graph-model';
import type { Logger } from '@memgate/platform/logging';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { SchemaLoad } from '../federation/schemaLoad.js';
import type { OperationGuard } from '../operations/operationGuard.js';
import { compileRuleTree, type RuleTreeOptions } from './compileRuleTree.js';
import { forbiddenError } from './forbiddenError.js';
import { modelGuards } from './modelGuards.js';
import { RuleEvaluator } from './ruleEvaluator.js';
import { readSupergraphOwnership } from './supergraphOwnership.js';

export interface AuthorizerOptions extends RuleTreeOptions {
  /** Read again on every supergraph (re)load: `@auth` lives in the graph SDL. */
  loadModel: () => GraphModel;
  logger: Logger;
}

/**
 * RBAC for every schema the gateway serves. @apollo/gateway announces each
 * new supergraph through `onSchemaLoadOrUpdate` before Apollo Server serves
 * it; the rule tree is compiled then, keyed by the schema object, so an
 * operation is always judged by the rules of the very schema it was
 * validated against, across hot reloads. A schema whose rules could not be
 * compiled denies everything: failing open is not an option.
 */
export class Authorizer {
  private readonly evaluators = new WeakMap<GraphQLSchema, RuleEvaluator | Error>();

  constructor(private readonly options: AuthorizerOptions) {}

  schemaLoaded = ({ apiSchema, coreSupergraphSdl }: SchemaLoad): void => {
    try {
      const rules = compileRuleTree(
        apiSchema,
        readSupergraphOwnership(coreSupergraphSdl),
        modelGuards(this.options.loadModel(), apiSchema),
        this.options,
      );
      this.evaluators.set(apiSchema, new RuleEvaluator(apiSchema, rules));
      this.options.logger.info(
        { types: Object.keys(rules.tree).length, inputRules: rules.inputs.size },
        'authorization rules compiled',
      );
    } catch (error) {
      this.evaluators.set(apiSchema, error instanceof Error ? error : new Error(String(error)));
      this.options.logger.error(
        { err: error },
        'authorization rules failed to compile; denying every operation',
      );
    }
  };

  guard: OperationGuard = async (request) => {
    const evaluator = this.evaluators.get(request.schema);
    if (!(evaluator instanceof RuleEvaluator)) {
      if (!evaluator)
        this.options.logger.error('no authorization rules for the schema being served');
      return new GraphQLError('Authorization is unavailable.', {
        extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } },
      });
    }
    const denied = await evaluator.deniedNodes(request);
    return denied.length === 0 ? undefined : forbiddenError(denied);
  };
}
