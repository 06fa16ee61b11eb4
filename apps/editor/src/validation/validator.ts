/**
 * The flow validator, fetched on demand: with JSONata it is a large part of the editor's code, and a
 * flow's first drawing does not need it. Once it has arrived it answers synchronously, as before.
 */
import type { flowProblems } from './flow-problems';

/** Computes a flow's problems (see flow-problems.ts). */
export type FlowProblems = typeof flowProblems;

let loaded: FlowProblems | undefined;
let loading: Promise<FlowProblems> | undefined;

/** The validator if its code has arrived; undefined until then. */
export function loadedValidator(): FlowProblems | undefined {
  return loaded;
}

/** Resolves with the validator, fetching its code the first time; a failed fetch is tried again on the next call. */
export function loadValidator(): Promise<FlowProblems> {
  loading ??= import('./flow-problems').then(
    (module) => (loaded = module.flowProblems),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
