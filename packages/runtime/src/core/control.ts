import { EMPTY_OUTCOME } from '@flowbridge/flow-model';
import type { ActivityImplementation, ActivityResult, CoreActivityContext } from '../activity-implementation.js';
import { FlowError } from '../flow-error.js';
import { describeValue } from '../value-types.js';

/** Decision: the port is the outcome — `true`/`false`, or the enumeration value (`empty` when there is none). */
export const decision: ActivityImplementation = {
  kind: 'core.Decision',
  execute(ctx) {
    const value = (ctx as CoreActivityContext).valueNow('condition');
    return value instanceof Promise ? value.then((v) => outcome(ctx as CoreActivityContext, v)) : outcome(ctx as CoreActivityContext, value);
  },
};

function outcome(ctx: CoreActivityContext, value: unknown): ActivityResult {
  const enumeration = ctx.raw('enumeration');
  if (typeof enumeration === 'string' && enumeration !== '') {
    if (value === undefined || value === null || value === '') return { port: EMPTY_OUTCOME };
    if (typeof value !== 'string') throw new FlowError('TypeMismatch', `The decision needs a value of ${enumeration}, but the condition gave ${describeValue(value)}.`, ctx.node.id);
    return { port: value };
  }
  if (typeof value !== 'boolean') {
    throw new FlowError('TypeMismatch', `The decision needs true or false, but the condition gave ${describeValue(value)}; compare it, e.g. $Count > 0.`, ctx.node.id);
  }
  return { port: value ? 'true' : 'false' };
}

/** Merge: passes straight through. */
export const merge: ActivityImplementation = { kind: 'core.Merge', execute: () => ({}) };

/** Loop: evaluates the list once, on entry; the interpreter iterates. */
export const loop: ActivityImplementation = {
  kind: 'core.Loop',
  execute(ctx) {
    const value = (ctx as CoreActivityContext).valueNow('list');
    return value instanceof Promise ? value.then((output) => ({ output })) : { output: value };
  },
};

/** Break: the interpreter leaves the loop. */
export const breakLoop: ActivityImplementation = { kind: 'core.Break', execute: () => ({}) };

/** Continue: the interpreter starts the next iteration. */
export const continueLoop: ActivityImplementation = { kind: 'core.Continue', execute: () => ({}) };

/** Call Flow: evaluates the parameters and runs the flow as a nested call. */
export const callFlow: ActivityImplementation = {
  kind: 'core.CallFlow',
  async execute(ctx) {
    const core = ctx as CoreActivityContext;
    const name = String(ctx.raw('flow'));
    const parameters = (await ctx.value('parameters')) ?? {};
    return { output: await core.callFlow(name, parameters as Record<string, unknown>) };
  },
};

/** Error End: raises the named error, or re-raises `$latestError` when no kind or message is given. */
export const errorEnd: ActivityImplementation = {
  kind: 'core.ErrorEnd',
  async execute(ctx) {
    const kind = ctx.raw('errorKind');
    const hasMessage = typeof ctx.raw('message') === 'string' && ctx.raw('message') !== '';
    const latest = (ctx as CoreActivityContext).latestError();
    if ((typeof kind !== 'string' || kind === '') && !hasMessage && latest) {
      throw new FlowError(latest.kind, latest.message, latest.activity, latest.details, latest.activityKind);
    }
    const message = hasMessage ? String(await ctx.value('message')) : 'The flow ended with an error.';
    throw new FlowError(typeof kind === 'string' && kind !== '' ? kind : 'FlowError', message, ctx.node.id);
  },
};
