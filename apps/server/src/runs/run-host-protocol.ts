/** The envelope between the server's pool and a run host process (see run-host.ts). */

/** What the pool tells a host when it starts it (as its one argument, JSON). */
export interface RunHostOptions {
  heapMb: number;
  youngMb: number;
  slots: number;
}

/**
 * From a host: its worker's messages unchanged (those that arrived in one turn of the host's event loop
 * go together, in order, as `messages`), the progress mirror, and the worker's end.
 */
export type FromHost =
  | { h: 'message'; message: unknown }
  | { h: 'messages'; messages: unknown[] }
  | { h: 'progress'; values: number[] }
  | { h: 'error'; code: string; message: string }
  | { h: 'exit'; code: number };

/** How often a host mirrors its worker's progress slots to the pool (when they changed). */
export const HOST_PROGRESS_INTERVAL_MS = 25;
