export * from './activity-implementation.js';
export * from './engine.js';
export * from './compile.js';
export * from './run.js';
export * from './flow-error.js';
export * from './expressions.js';
export { coreRuntimeModule } from './core/index.js';
