export * from './dialect/index.js';
export * from './execution/index.js';
