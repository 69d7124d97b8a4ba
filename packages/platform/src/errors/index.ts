export { MemgateError, isMemgateError } from './memgate-error.js';
export type { ErrorCode, MemgateErrorOptions } from './memgate-error.js';
export { createFormatError } from './format-graphql-error.js';
export type { FormatError, FormatErrorOptions } from './format-graphql-error.js';
