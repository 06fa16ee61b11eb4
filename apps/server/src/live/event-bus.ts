/** In-process announcements of runs and inbox changes; `/api/stream` forwards them as server-sent events. */
import { EventEmitter } from 'node:events';
import type { DebugArm, DebugSession } from '@flowbridge/api-schema';
import type { LogLine, TraceStep } from '@flowbridge/runtime';
import type { InboxStatus, RunSummary } from '../storage/storage.js';

/** Every live message, by SSE event name. */
export interface LiveEvents {
  'run.started': RunSummary;
  'run.step': { runId: string; flow: string; step: TraceStep };
  'run.log': { runId: string; flow: string; line: LogLine };
  'run.finished': RunSummary;
  /** Inbox entries changed (received, dispatched, replayed); `status` is their new status when all share one. */
  'inbox.changed': { ids: string[]; status?: InboxStatus };
  /** A debug session started, paused, resumed or finished (its whole state, secrets masked). */
  'debug.session': DebugSession;
  /** The armed flows changed (armed, disarmed, taken by an event, expired). */
  'debug.arms': { arms: DebugArm[] };
}

export type LiveEventName = keyof LiveEvents;
export const LIVE_EVENT_NAMES: readonly LiveEventName[] = ['run.started', 'run.step', 'run.log', 'run.finished', 'inbox.changed', 'debug.session', 'debug.arms'];

/** A typed publish/subscribe hub; a failing listener never breaks the publisher. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open SSE stream is a listener; the default limit of 10 would warn with a few editors open.
    this.emitter.setMaxListeners(0);
  }

  publish<K extends LiveEventName>(name: K, data: LiveEvents[K]): void {
    for (const listener of this.emitter.listeners(name)) {
      try {
        (listener as (d: LiveEvents[K]) => void)(data);
      } catch {
        // A broken subscriber (e.g. a closed socket) must not fail the run that published.
      }
    }
  }

  /** Subscribes; returns the function that unsubscribes. */
  subscribe<K extends LiveEventName>(name: K, listener: (data: LiveEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
