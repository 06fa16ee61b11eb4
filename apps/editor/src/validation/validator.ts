/**
 * The flow validator, fetched on demand: with JSONata it is a large part of the editor's code, and a
 * flow's first drawing does not need it. Once it has arrived it answers synchronously, as before.
 * Until the editor's first view is drawn, asking for problems does not fetch it (parsing it then would
 * delay that drawing); the fetch after the first view (`lazy/preload.ts`) delivers them.
 */
import type { flowProblems } from './flow-problems';

/** Computes a flow's problems (see flow-problems.ts). */
export type FlowProblems = typeof flowProblems;

let loaded: FlowProblems | undefined;
let loading: Promise<FlowProblems> | undefined;
let fetchAllowed = false;
let arrive: (validator: FlowProblems) => void = () => {};
const arrival = new Promise<FlowProblems>((resolve) => (arrive = resolve));

/** The validator if its code has arrived; undefined until then. */
export function loadedValidator(): FlowProblems | undefined {
  return loaded;
}

/** Resolves with the validator, fetching its code the first time; a failed fetch is tried again on the next call. */
export function loadValidator(): Promise<FlowProblems> {
  loading ??= import('./flow-problems').then(
    (module) => {
      loaded = module.flowProblems;
      arrive(loaded);
      return loaded;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** From now on `awaitValidator` fetches the validator itself (the editor calls this once its first view is drawn). */
export function allowValidatorFetch(): void {
  fetchAllowed = true;
}

/**
 * Resolves with the validator once it has arrived. It fetches it (again, after a failed fetch) only once
 * `allowValidatorFetch` was called; before that it waits for whoever fetches it.
 */
export function awaitValidator(): Promise<FlowProblems> {
  if (fetchAllowed && !loaded) void loadValidator().catch(() => undefined);
  return arrival;
}
