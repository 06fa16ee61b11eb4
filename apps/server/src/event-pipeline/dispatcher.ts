/**
 * The dispatcher: takes events from the inbox and runs the callback flow bound to each event's
 * `detail-type`, so that every event id ends with exactly one completed callback run.
 *
 * Exactly-once rests on three things: the inbox stores an event id once (a redelivery is acknowledged
 * and never stored again); an entry is claimed atomically with a lease, so only one dispatcher runs it,
 * and a claim whose instance died is taken over when its lease ends; and before a retried or
 * taken-over entry runs, a succeeded run recorded for its event id marks it `done` instead. The side
 * effects of a run that a crash interrupted are therefore at-least-once; the completed callback run
 * is once, provided runs end (the runtime's timeout) before their lease does.
 */

import type { ClaimedEntry, InboxChange, InboxEntry, InboxEntryState, InboxRepository } from '../storage/storage.js';

/** A status change the dispatcher asks for when it releases its claim; `null` clears an optional field. */
export type DispatchChange = Omit<InboxChange, 'attempts'>;

/** The inbox operations the dispatcher needs (the server's storage provides them). */
export type DispatcherInbox = Pick<InboxRepository, 'claim' | 'release' | 'releaseAll'>;

/** The outcome of one callback run. */
export interface CallbackOutcome {
  runId: string;
  succeeded: boolean;
  /** The run's error message when it failed. */
  error?: string;
}

/** What `runCallback` is given besides the entry. */
export interface CallbackHooks {
  /**
   * Stops counting the run against `concurrency` (a run held paused by the debugger), so other events
   * keep being dispatched; its entry stays claimed until it ends.
   */
  releaseSlot(): void;
  /**
   * What the entry becomes after a run with `outcome`. A caller that stores the run record itself
   * settles the entry with this change in the same transaction (`InboxRepository.settle`) and says so
   * in its outcome; the dispatcher then releases nothing.
   */
  changeFor(outcome: CallbackOutcome): DispatchChange;
}

/** A callback's outcome, and the entry as settled with its run when the caller did that (undefined: the claim was no longer ours). */
export type CallbackResult = CallbackOutcome & { settled?: { entry: InboxEntryState | undefined } };

/** How often and how fast a failing callback is retried before its event is parked as dead. */
export interface RetryPolicy {
  /** Total attempts, the first included (≥ 1). */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time. */
  backoffMs: number;
  maxBackoffMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, backoffMs: 1000, maxBackoffMs: 60_000 };

export interface DispatcherOptions {
  inbox: DispatcherInbox;
  /** The callback flow bound to an event type, if any. */
  routeFor(eventType: string): Promise<string | undefined>;
  /**
   * True when the inbox's claim reads the binding from the routing `routeFor` reads (the server's
   * storage does): a claimed entry's `boundFlow` is then used, and `routeFor` is asked only when the
   * claim left it out, saving a round trip per event on PostgreSQL.
   */
  routesFromClaim?: boolean;
  /** Runs `flow` with the event's request; must record the run with the event id (see `CallbackHooks`). */
  runCallback(flow: string, entry: InboxEntry, hooks: CallbackHooks): Promise<CallbackResult>;
  /** The id of a succeeded callback run for an event, if one exists (crash recovery). */
  succeededRunFor(eventId: string): Promise<string | undefined>;
  policy?: RetryPolicy;
  /** How many callbacks run at once (default `DEFAULT_DISPATCH_CONCURRENCY`). */
  concurrency?: number;
  /** How often due retries are looked for when nothing pokes the dispatcher. */
  pollMs?: number;
  /** This process's claim owner id (unique per process). */
  owner: string;
  /**
   * How long a claim lasts. Must exceed the callback run's timeout: a live instance then always
   * finishes (the runtime aborts the run) before another may take its entry over.
   */
  leaseMs?: number;
  /** True when this is the only instance (SQLite): entries left `routed` at start-up are released at once instead of after their lease. */
  singleInstance?: boolean;
  now?: () => Date;
  /** Told about every status change (live updates, metrics). */
  onChange?: (entry: InboxEntryState) => void;
  /** Told about failures of the dispatcher itself (storage errors); it keeps going. */
  onError?: (error: unknown) => void;
}

/** Whether the dispatcher makes progress, for `/readyz` and `/metrics`. */
export interface DispatcherHealth {
  /** False when every claim (or every release) has failed for `stallMs`, or one claim has waited that long. */
  ok: boolean;
  /** What an operator reads: `ok`, or what fails, since when, and the last error. */
  detail: string;
  /** When a claim last succeeded (ISO), if ever. */
  lastProgressAt?: string;
}

/**
 * Callbacks in progress at once. A short callback spends most of its time waiting: for a run worker,
 * on messages between processes, on the disk flush it shares with the others. More at once keep the
 * run workers and each flush busier; the pool queues what its workers cannot start yet.
 */
export const DEFAULT_DISPATCH_CONCURRENCY = 32;

/** How long the dispatcher may fail every claim (or wait on one) before it reports itself stalled. */
export const DEFAULT_STALL_MS = 30_000;

/** Runs callback flows for inbox entries; `poke()` after each accepted event, `stop()` on shutdown. */
export class EventDispatcher {
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();
  private readonly leaseMs: number;
  /** Callbacks that released their slot (see `runCallback`); stop() still waits for them. */
  private readonly released = new Set<Promise<void>>();
  /** Progress bookkeeping: the last claim that succeeded, the first failure since, a claim in flight. */
  private lastProgress = 0;
  private readonly failing = new Map<'claim' | 'release', { since: number; error: string }>();
  private claimStartedAt: number | undefined;

  constructor(private readonly options: DispatcherOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    if (!(this.policy.maxAttempts >= 1)) throw new Error('RetryPolicy.maxAttempts must be at least 1');
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_DISPATCH_CONCURRENCY);
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
  }

  /** Recovers entries a crash left mid-run, then dispatches and polls for due retries. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.recover();
    const pollMs = this.options.pollMs ?? 250;
    this.timer = setInterval(() => this.poke(), pollMs);
    this.timer.unref();
    this.poke();
  }

  /** Asks for a dispatch round soon (after an event was accepted or replayed). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = this.loop().finally(() => {
      this.running = false;
    });
  }

  /** Dispatches until nothing is due now; for tests and graceful shutdown. */
  async drain(): Promise<void> {
    while (this.running) await this.current;
    await this.round();
  }

  /** Stops polling and waits for the callbacks in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.current;
    await Promise.all([...this.released]);
  }

  /** Whether the dispatcher is making progress: a stalled one is reported, never silently stuck. */
  health(stallMs = DEFAULT_STALL_MS): DispatcherHealth {
    const now = this.now().getTime();
    const lastProgressAt = this.lastProgress > 0 ? { lastProgressAt: new Date(this.lastProgress).toISOString() } : {};
    if (this.claimStartedAt !== undefined && now - this.claimStartedAt > stallMs) {
      return { ok: false, detail: `stalled: a claim has waited ${Math.round((now - this.claimStartedAt) / 1000)} s for the inbox storage`, ...lastProgressAt };
    }
    for (const [operation, { since, error }] of this.failing) {
      if (now - since > stallMs) {
        return { ok: false, detail: `stalled: every ${operation} has failed for ${Math.round((now - since) / 1000)} s; last error: ${error}`, ...lastProgressAt };
      }
    }
    return { ok: true, detail: 'ok', ...lastProgressAt };
  }

  /** Entries a dead process left mid-run become claimable again (at once when this is the only instance). */
  async recover(): Promise<void> {
    if (this.options.singleInstance) await this.options.inbox.releaseAll();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.round();
      } catch (error) {
        this.options.onError?.(error);
      }
    } while (this.again && !this.stopped);
  }

  /**
   * One round: keeps up to `concurrency` callbacks running, claiming only as many entries as there
   * are free slots, until nothing is due. A claim's lease therefore starts when its run starts: an
   * entry never waits in a local queue while its lease runs out.
   */
  private async round(): Promise<void> {
    const running = new Set<Promise<void>>();
    let wake = (): void => undefined;
    try {
      for (;;) {
        if (this.stopped) return;
        const free = this.concurrency - running.size;
        let claimed: ClaimedEntry[] = [];
        if (free > 0) {
          const now = this.now();
          this.claimStartedAt = now.getTime();
          try {
            claimed = await this.options.inbox.claim({
              now: now.toISOString(),
              limit: free,
              owner: this.options.owner,
              leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
            });
          } catch (error) {
            this.failed('claim', error);
            throw error;
          } finally {
            this.claimStartedAt = undefined;
          }
          this.lastProgress = this.now().getTime();
          this.failing.delete('claim');
        }
        for (const entry of claimed) {
          this.options.onChange?.(entry);
          const release = (): void => {
            if (!running.delete(task)) return;
            this.released.add(task);
            void task.finally(() => this.released.delete(task));
            wake();
          };
          const task: Promise<void> = this.dispatch(entry, release)
            .catch((error: unknown) => this.options.onError?.(error))
            .finally(() => running.delete(task));
          running.add(task);
        }
        if (claimed.length > 0 && running.size < this.concurrency) continue;
        if (running.size === 0) return;
        await Promise.race([...running, new Promise<void>((resolve) => (wake = resolve))]);
      }
    } finally {
      await Promise.all(running);
    }
  }

  /**
   * Settles one claimed entry. A failure that is not the callback's own (routing lookup, parameter
   * conversion, storage) counts as an attempt too, so a poison entry is parked after the policy's
   * attempts instead of being taken over forever; the other entries keep flowing.
   */
  private async dispatch(entry: ClaimedEntry, releaseSlot: () => void): Promise<void> {
    let change: DispatchChange;
    try {
      const decided = await this.decide(entry, releaseSlot);
      if ('settled' in decided) {
        this.failing.delete('release');
        if (decided.settled) this.options.onChange?.(decided.settled);
        return;
      }
      change = decided;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      change =
        entry.attempts >= this.policy.maxAttempts
          ? {
              status: 'dead',
              error: `Parked after ${entry.attempts} attempt(s): the event could not be dispatched (${reason}). Fix the cause, then replay the event.`,
              nextAttemptAt: null,
            }
          : { status: 'pending', error: `Dispatching failed: ${reason}`, nextAttemptAt: this.retryAt(entry.attempts) };
    }
    let next: InboxEntry | undefined;
    try {
      next = await this.options.inbox.release(entry.id, this.options.owner, change);
    } catch (error) {
      this.failed('release', error);
      throw error;
    }
    this.failing.delete('release');
    if (next) this.options.onChange?.(next);
  }

  private failed(operation: 'claim' | 'release', error: unknown): void {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    this.failing.set(operation, { since: this.failing.get(operation)?.since ?? this.now().getTime(), error: message });
  }

  private retryAt(attempts: number): string {
    const delay = Math.min(this.policy.backoffMs * 2 ** (attempts - 1), this.policy.maxBackoffMs ?? Number.POSITIVE_INFINITY);
    return new Date(this.now().getTime() + delay).toISOString();
  }

  /** What becomes of a claimed entry: done, unrouted, retried or dead. Throws for failures that are not the callback's. */
  private async decide(entry: ClaimedEntry, releaseSlot: () => void): Promise<DispatchChange | { settled: InboxEntryState | undefined }> {
    // A retried or taken-over entry may already have a completed run (the process died before it
    // could record that): acknowledge it instead of running the callback a second time.
    if (entry.attempts > 1) {
      const runId = await this.options.succeededRunFor(entry.id);
      if (runId) return { status: 'done', runId, error: null, nextAttemptAt: null };
    }
    const flow = this.options.routesFromClaim && entry.boundFlow !== undefined ? (entry.boundFlow ?? undefined) : await this.options.routeFor(entry.detailType);
    if (!flow) {
      return {
        status: 'unrouted',
        error: `No callback flow is bound to the event type "${entry.detailType}"; bind one with CreateConfiguration, then replay the event.`,
        nextAttemptAt: null,
      };
    }
    const changeFor = (outcome: CallbackOutcome) => this.afterRun(entry, flow, outcome);
    let outcome: CallbackResult;
    try {
      outcome = await this.options.runCallback(flow, entry, { releaseSlot, changeFor });
    } catch (error) {
      outcome = { runId: '', succeeded: false, error: (error as Error).message ?? String(error) };
    }
    if (outcome.settled) return { settled: outcome.settled.entry };
    return changeFor(outcome);
  }

  /** What an entry becomes after its callback run: done, retried later, or dead after the last attempt. */
  private afterRun(entry: InboxEntry, flow: string, outcome: CallbackOutcome): DispatchChange {
    const runId = outcome.runId ? { runId: outcome.runId } : {};
    if (outcome.succeeded) return { status: 'done', flow, runId: outcome.runId, error: null, nextAttemptAt: null };
    if (entry.attempts >= this.policy.maxAttempts) {
      return {
        status: 'dead',
        flow,
        ...runId,
        error: `The callback flow "${flow}" failed ${entry.attempts} time(s); last error: ${outcome.error ?? 'unknown'}. Fix the flow, then replay the event.`,
        nextAttemptAt: null,
      };
    }
    return { status: 'pending', flow, ...runId, error: outcome.error ?? 'The callback failed.', nextAttemptAt: this.retryAt(entry.attempts) };
  }
}
