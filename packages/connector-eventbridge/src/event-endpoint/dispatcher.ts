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

/** The inbox statuses the dispatcher moves entries between. */
export type InboxEntryStatus = 'pending' | 'routed' | 'unrouted' | 'done' | 'dead';

/** The fields of an inbox entry the dispatcher reads. */
export interface DispatchableEntry {
  id: string;
  detailType: string;
  status: InboxEntryStatus;
  /** Callback attempts so far, this claim included. */
  attempts: number;
  /** The HttpRequest value stored with the event (the request the API destination made, key removed). */
  request?: unknown;
  event: unknown;
}

/** A status change the dispatcher asks for; `null` clears an optional field. */
export interface DispatchChange {
  status: InboxEntryStatus;
  nextAttemptAt?: string | null;
  flow?: string | null;
  runId?: string | null;
  error?: string | null;
}

/** The inbox operations the dispatcher needs (the server's storage provides them). */
export interface DispatcherInbox {
  /**
   * Atomically claims up to `limit` entries, oldest first: those `pending` and due at `now`, and those
   * `routed` whose lease ended before `now` (their instance died). Claimed entries become `routed`,
   * owned by `owner` until `leaseUntil`, with `attempts` counted up.
   */
  claim(options: { now: string; limit: number; owner: string; leaseUntil: string }): Promise<DispatchableEntry[]>;
  /** Applies `change` only while `owner` still holds the entry's claim; undefined when it does not. */
  release(id: string, owner: string, change: DispatchChange): Promise<DispatchableEntry | undefined>;
  /** Returns every `routed` entry to `pending` (single-instance start-up: no other owner can exist). */
  releaseAll(): Promise<number>;
}

/** The outcome of one callback run. */
export interface CallbackOutcome {
  runId: string;
  succeeded: boolean;
  /** The run's error message when it failed. */
  error?: string;
}

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
  /** Runs `flow` with the event's HttpRequest; must record the run with the event id. */
  runCallback(flow: string, entry: DispatchableEntry): Promise<CallbackOutcome>;
  /** The id of a succeeded callback run for an event, if one exists (crash recovery). */
  succeededRunFor(eventId: string): Promise<string | undefined>;
  policy?: RetryPolicy;
  /** How many callbacks run at once. */
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
  onChange?: (entry: DispatchableEntry) => void;
  /** Told about failures of the dispatcher itself (storage errors); it keeps going. */
  onError?: (error: unknown) => void;
}

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

  constructor(private readonly options: DispatcherOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    if (!(this.policy.maxAttempts >= 1)) throw new Error('RetryPolicy.maxAttempts must be at least 1');
    this.concurrency = Math.max(1, options.concurrency ?? 4);
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
    try {
      for (;;) {
        if (this.stopped) return;
        const free = this.concurrency - running.size;
        let claimed: DispatchableEntry[] = [];
        if (free > 0) {
          const now = this.now();
          claimed = await this.options.inbox.claim({
            now: now.toISOString(),
            limit: free,
            owner: this.options.owner,
            leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
          });
        }
        for (const entry of claimed) {
          this.options.onChange?.(entry);
          const task: Promise<void> = this.dispatch(entry)
            .catch((error: unknown) => this.options.onError?.(error))
            .finally(() => running.delete(task));
          running.add(task);
        }
        if (claimed.length > 0 && running.size < this.concurrency) continue;
        if (running.size === 0) return;
        await Promise.race(running);
      }
    } finally {
      await Promise.all(running);
    }
  }

  private async dispatch(entry: DispatchableEntry): Promise<void> {
    const release = async (change: DispatchChange) => {
      const next = await this.options.inbox.release(entry.id, this.options.owner, change);
      if (next) this.options.onChange?.(next);
    };
    // A retried or taken-over entry may already have a completed run (the process died before it
    // could record that): acknowledge it instead of running the callback a second time.
    if (entry.attempts > 1) {
      const runId = await this.options.succeededRunFor(entry.id);
      if (runId) return release({ status: 'done', runId, error: null, nextAttemptAt: null });
    }
    const flow = await this.options.routeFor(entry.detailType);
    if (!flow) {
      return release({
        status: 'unrouted',
        error: `No callback flow is bound to the event type "${entry.detailType}"; bind one with CreateConfiguration, then replay the event.`,
        nextAttemptAt: null,
      });
    }
    let outcome: CallbackOutcome;
    try {
      outcome = await this.options.runCallback(flow, entry);
    } catch (error) {
      outcome = { runId: '', succeeded: false, error: (error as Error).message ?? String(error) };
    }
    const runId = outcome.runId ? { runId: outcome.runId } : {};
    if (outcome.succeeded) return release({ status: 'done', flow, runId: outcome.runId, error: null, nextAttemptAt: null });
    if (entry.attempts >= this.policy.maxAttempts) {
      return release({
        status: 'dead',
        flow,
        ...runId,
        error: `The callback flow "${flow}" failed ${entry.attempts} time(s); last error: ${outcome.error ?? 'unknown'}. Fix the flow, then replay the event.`,
        nextAttemptAt: null,
      });
    }
    const delay = Math.min(this.policy.backoffMs * 2 ** (entry.attempts - 1), this.policy.maxBackoffMs ?? Number.POSITIVE_INFINITY);
    return release({
      status: 'pending',
      flow,
      ...runId,
      error: outcome.error ?? 'The callback failed.',
      nextAttemptAt: new Date(this.now().getTime() + delay).toISOString(),
    });
  }
}
