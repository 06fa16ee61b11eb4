import type { ActivityImplementation, ActivityResult, CoreActivityContext } from '../activity-implementation.js';

/** Evaluates `field` and answers it as the output, synchronously when the expression allows. */
function outputOf(ctx: CoreActivityContext, field: string): ActivityResult | Promise<ActivityResult> {
  const value = ctx.valueNow(field);
  return value instanceof Promise ? value.then((output) => ({ output })) : { output: value };
}

/** Create Variable: the initial value (or empty) becomes the new variable; the interpreter checks its type. */
export const createVariable: ActivityImplementation = {
  kind: 'core.CreateVariable',
  execute(ctx) {
    const source = ctx.raw('value');
    if (typeof source !== 'string' || source.trim() === '') return { output: null };
    return outputOf(ctx as CoreActivityContext, 'value');
  },
};

/** Change Variable: the new value is assigned to the chosen variable (the definition's output `assigns`). */
export const changeVariable: ActivityImplementation = {
  kind: 'core.ChangeVariable',
  execute: (ctx) => outputOf(ctx as CoreActivityContext, 'value'),
};
