import type { ActivityImplementation, CoreActivityContext } from '../activity-implementation.js';

/** Evaluates the return value (if any); the interpreter ends the flow with it. */
export const end: ActivityImplementation = {
  kind: 'core.End',
  execute(ctx) {
    const source = ctx.raw('returnValue');
    if (typeof source !== 'string' || source.trim() === '') return {};
    const value = (ctx as CoreActivityContext).valueNow('returnValue');
    return value instanceof Promise ? value.then((output) => ({ output })) : { output: value };
  },
};
