/**
 * Debug sessions: runs under the debugger, started by a person ("Debug") or by the next event of an
 * armed flow. Each session tracks where its run is paused and what it sees there (secrets masked),
 * relays step commands, and announces every change as a `debug.session` live event; arms are
 * announced as `debug.arms`. A session holds no lock: its run has its own worker, and a paused
 * event callback does not take a dispatcher slot.
 */
import { randomUUID } from 'node:crypto';
import type { DebugArm, DebugSession } from '@flowbridge/api-schema';
import { checkBreakpoints, type Breakpoint, type DebugCommand, type DebugEvent, type StepCommand } from '@flowbridge/runtime';
import type { DebuggerSettings } from '../config/settings.js';
import type { EventBus } from '../live/event-bus.js';
import type { Logger } from '../observability/logger.js';
import type { SecretMasker } from '../observability/secret-masker.js';
import type { DebugAttachment } from '../runs/debug-attachment.js';
import type { RunOutcome, StartOptions } from '../runs/flow-runner.js';
import type { RunRecord } from '../storage/storage.js';

/** Finished sessions kept for the API (newest first). */
const KEEP_FINISHED = 20;

export interface DebugSessionsOptions {
  settings: DebuggerSettings;
  bus: EventBus;
  masker: SecretMasker;
  logger: Logger;
  /** Starts a run (the flow runner's `run`). */
  run(flow: string, parameters: Record<string, unknown>, start: StartOptions): Promise<RunOutcome>;
}

/** Why a request to the debugger was refused; each maps to one HTTP answer. */
export class DebugRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DebugRefusal';
  }
}

interface Session {
  record: DebugSession;
  send?: (command: DebugCommand) => void;
}

interface Arm {
  record: DebugArm;
  timer: ReturnType<typeof setTimeout>;
}

/** Every debug session and arm of this server. */
export class DebugSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly arms = new Map<string, Arm>();
  private closed = false;

  constructor(private readonly options: DebugSessionsOptions) {}

  /** Runs `flow` under the debugger; answers the session at once (the run goes on in the background). */
  start(flow: string, parameters: Record<string, unknown>, breakpoints: Breakpoint[]): DebugSession {
    this.checkOpen();
    checkBreakpointList(breakpoints);
    if (this.active() >= this.options.settings.maxSessions) {
      throw new DebugRefusal(429, 'TooManyDebugSessions', `${this.active()} debug runs are going on, the most settings.json debugger.maxSessions allows; stop one first.`);
    }
    const session = this.create(flow, 'manual', breakpoints);
    void this.options.run(flow, parameters, { trigger: 'manual', debug: this.attachment(session) }).catch((error: unknown) => {
      this.options.logger.error({ err: error, flow }, 'a debug run failed to start');
    });
    return session.record;
  }

  /** Arms `flow`: its next event-triggered callback runs under the debugger. Replaces an earlier arm. */
  arm(flow: string, breakpoints: Breakpoint[], seconds = this.options.settings.armSeconds): DebugArm {
    this.checkOpen();
    checkBreakpointList(breakpoints);
    this.clearArm(flow);
    const now = Date.now();
    const record: DebugArm = { flow, breakpoints, armedAt: new Date(now).toISOString(), expiresAt: new Date(now + seconds * 1000).toISOString() };
    const timer = setTimeout(() => {
      if (this.arms.get(flow)?.record === record) this.disarm(flow);
    }, seconds * 1000);
    timer.unref();
    this.arms.set(flow, { record, timer });
    this.announceArms();
    return record;
  }

  /** Disarms `flow`; false when it was not armed. */
  disarm(flow: string): boolean {
    if (!this.clearArm(flow)) return false;
    this.announceArms();
    return true;
  }

  listArms(): DebugArm[] {
    return [...this.arms.values()].map((a) => a.record);
  }

  /** Sessions, newest first. */
  list(): DebugSession[] {
    return [...this.sessions.values()].map((s) => s.record).reverse();
  }

  get(id: string): DebugSession | undefined {
    return this.sessions.get(id)?.record;
  }

  /** Sends a step command; `stop` also ends a session that is running, not paused. */
  command(id: string, command: StepCommand): DebugSession {
    const session = this.live(id);
    if (command !== 'stop' && session.record.status !== 'paused') {
      throw new DebugRefusal(409, 'NotPaused', `The debug run of ${session.record.flow} is ${session.record.status}, not paused; ${command} applies to a paused run.`);
    }
    if (!session.send) throw new DebugRefusal(409, 'NotPaused', `The debug run of ${session.record.flow} has not started yet; try again in a moment.`);
    session.send({ type: command });
    return session.record;
  }

  /** Replaces a running session's breakpoints. */
  setBreakpoints(id: string, breakpoints: Breakpoint[]): DebugSession {
    const session = this.live(id);
    checkBreakpointList(breakpoints);
    session.record = { ...session.record, breakpoints, revision: session.record.revision + 1 };
    session.send?.({ type: 'breakpoints', breakpoints });
    this.announce(session);
    return session.record;
  }

  /** The arm of `flow`, taken for the event callback about to run (the flow is disarmed). */
  takeArmed(flow: string, eventId: string | undefined): DebugAttachment | undefined {
    const arm = this.arms.get(flow);
    if (!arm || this.closed) return undefined;
    if (this.active() >= this.options.settings.maxSessions) {
      this.options.logger.warn({ flow, eventId }, 'an armed callback runs without the debugger: debugger.maxSessions debug runs are going on');
      return undefined;
    }
    this.disarm(flow);
    const session = this.create(flow, 'event', arm.record.breakpoints, eventId);
    return this.attachment(session);
  }

  /**
   * Shutdown: arms are dropped and every debugged run is let go (it runs on to its end without
   * pausing again), so the server's drain finishes it like any run and an event is still done once.
   */
  close(): void {
    this.closed = true;
    for (const flow of [...this.arms.keys()]) this.clearArm(flow);
    for (const session of this.sessions.values()) if (session.record.status !== 'finished') session.send?.({ type: 'detach' });
  }

  private checkOpen(): void {
    if (this.closed) throw new DebugRefusal(503, 'ShuttingDown', 'The server is shutting down and starts no debug runs.');
  }

  private active(): number {
    let count = 0;
    for (const s of this.sessions.values()) if (s.record.status !== 'finished') count++;
    return count;
  }

  private live(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new DebugRefusal(404, 'DebugSessionNotFound', `There is no debug session "${id.slice(0, 100)}"; it may have ended long ago.`);
    if (session.record.status === 'finished') throw new DebugRefusal(409, 'SessionEnded', `The debug run of ${session.record.flow} has ended.`);
    return session;
  }

  private create(flow: string, trigger: 'manual' | 'event', breakpoints: Breakpoint[], eventId?: string): Session {
    const session: Session = {
      record: { id: randomUUID(), revision: 0, flow, status: 'starting', trigger, startedAt: new Date().toISOString(), breakpoints, ...(eventId !== undefined ? { eventId } : {}) },
    };
    this.sessions.set(session.record.id, session);
    this.prune();
    this.announce(session);
    return session;
  }

  private attachment(session: Session): DebugAttachment {
    const { settings } = this.options;
    let ended = false;
    return {
      options: { breakpoints: session.record.breakpoints, pauseTimeoutMs: settings.pauseTimeoutSeconds * 1000, onPauseTimeout: settings.onPauseTimeout },
      started: (runId) => this.update(session, { status: 'running', runId }),
      onEvent: (event: DebugEvent) => {
        if (ended) return;
        if (event.type === 'paused') this.update(session, { status: 'paused', paused: this.options.masker.mask(event.state) });
        else this.update(session, { status: 'running', paused: undefined });
      },
      connect: (send) => {
        session.send = send;
        // A server closing before the run started still lets go of it.
        if (this.closed) send({ type: 'detach' });
      },
      finished: (record: RunRecord | undefined) => {
        if (ended) return;
        ended = true;
        session.send = undefined;
        this.update(session, {
          status: 'finished',
          paused: undefined,
          endedAt: new Date().toISOString(),
          ...(record ? { runStatus: record.status, ...(record.error ? { error: record.error } : {}) } : { error: { kind: 'NotStarted', message: 'The debug run did not start; see the server log.' } }),
        });
        this.prune();
      },
    };
  }

  private update(session: Session, change: Partial<DebugSession>): void {
    const next: DebugSession = { ...session.record, ...change, revision: session.record.revision + 1 };
    for (const key of Object.keys(change) as Array<keyof DebugSession>) if (change[key] === undefined) delete next[key];
    session.record = next;
    this.announce(session);
  }

  private announce(session: Session): void {
    this.options.bus.publish('debug.session', session.record);
  }

  private announceArms(): void {
    this.options.bus.publish('debug.arms', { arms: this.listArms() });
  }

  private clearArm(flow: string): boolean {
    const arm = this.arms.get(flow);
    if (!arm) return false;
    clearTimeout(arm.timer);
    this.arms.delete(flow);
    return true;
  }

  /** Keeps the newest finished sessions only. */
  private prune(): void {
    const finished = [...this.sessions.values()].filter((s) => s.record.status === 'finished');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.sessions.delete(old.record.id);
  }
}

function checkBreakpointList(breakpoints: readonly Breakpoint[]): void {
  const problem = checkBreakpoints(breakpoints);
  if (problem) throw new DebugRefusal(422, 'InvalidBreakpoint', problem);
}
