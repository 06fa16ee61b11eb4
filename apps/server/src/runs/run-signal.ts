/**
 * A run's abort signal, linked by plain listeners to the signals that may stop it and to its time
 * limit. `AbortSignal.any` and `AbortSignal.timeout` do the same with weak references and a timer
 * the garbage collector tracks apart, a measurable cost for every event callback; a run has a known
 * end, so its links are simply removed then.
 */

/** The signal of one run, and `dispose` to call once the run has ended. */
export interface RunSignal {
  signal: AbortSignal;
  dispose(): void;
}

/** Aborted when any of `signals` aborts or after `timeoutMs`; a single signal without a time limit is returned as it is. */
export function runSignal(signals: ReadonlyArray<AbortSignal | undefined>, timeoutMs?: number): RunSignal {
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  if (timeoutMs === undefined && sources.length === 1) return { signal: sources[0]!, dispose: () => undefined };
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  for (const source of sources) {
    if (source.aborted) controller.abort();
    else source.addEventListener('abort', abort, { once: true });
  }
  const timer = timeoutMs === undefined || controller.signal.aborted ? undefined : setTimeout(abort, timeoutMs);
  timer?.unref();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      for (const source of sources) source.removeEventListener('abort', abort);
    },
  };
}
