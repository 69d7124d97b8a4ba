export * from './model/graph-model.js';
export { parseGraphModel } from './parse/parse-graph-model.js';
export { GraphModelError } from './parse/graph-model-error.js';
export { GRAPH_DIRECTIVES_SDL } from './parse/directives.js';
export { indexPlan } from './model/index-plan.js';
export { applyIndexPlan } from './model/apply-index-plan.js';
export { BigIntScalar, DateTimeScalar } from './scalars/graph-scalars.js';
