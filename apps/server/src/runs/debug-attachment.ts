/** What the flow runner needs from a debugger to run a flow under it; the debug sessions provide it. */
import type { DebugCommand, DebugEvent } from '@flowbridge/runtime';
import type { RunRecord } from '../storage/storage.js';
import type { DebugStartOptions } from './run-protocol.js';

/** A debugger attached to one run. */
export interface DebugAttachment {
  /** Breakpoints and the bounds of a pause (plain data: it may go to a worker). */
  options: DebugStartOptions;
  /** The run's record exists: its id. */
  started(runId: string): void;
  /** The run paused or resumed. */
  onEvent(event: DebugEvent): void;
  /** How commands reach the run (called once, when it starts executing). */
  connect(send: (command: DebugCommand) => void): void;
  /** The run ended (stored record), or never started (undefined). */
  finished(record: RunRecord | undefined): void;
}
