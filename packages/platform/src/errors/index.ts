export { MemgateError, isMemgateError } from './memgate-error.js';
export type { ErrorCode, MemgateErrorOptions } from './memgate-error.js';
