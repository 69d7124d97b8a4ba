export { escapeName, isSafeVariable, labelExpression } from './identifiers.js';
export { DIALECT_RULES, findDialectViolations } from './guard.js';
export type { DialectViolation } from './guard.js';
export { engineFromAgent } from './engine.js';
export type { EngineKind } from './engine.js';
export { ddlStatements, withQueryMemoryLimit } from './ddl.js';
export type { PropertyIndex } from './ddl.js';
