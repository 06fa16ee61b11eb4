/**
 * The dispatcher: takes events from the inbox and runs the callback flow bound to each event's
 * `detail-type`, so that every event id ends with exactly one completed callback run.
 *
 * Exactly-once rests on three things: the inbox stores an event id once (a redelivery is acknowledged
 * and never stored again); an entry is claimed with a compare-and-set from `pending` to `routed`, so
 * only one dispatcher runs it; and after a crash an entry left `routed` is marked `done` when a
 * succeeded run for it exists, otherwise it is dispatched again. The side effects of a run that a crash
 * interrupted are therefore at-least-once; the completed callback run is once.
 */

/** The inbox statuses the dispatcher moves entries between. */
export type InboxEntryStatus = 'pending' | 'routed' | 'unrouted' | 'done' | 'dead';

/** The fields of an inbox entry the dispatcher reads. */
export interface DispatchableEntry {
  id: string;
  detailType: string;
  status: InboxEntryStatus;
  attempts: number;
  /** The HttpRequest value stored with the event (the whole request the API destination made). */
  request?: unknown;
  event: unknown;
}

/** The inbox operations the dispatcher needs (the server's storage provides them). */
export interface DispatcherInbox {
  due(now: string, limit: number): Promise<DispatchableEntry[]>;
  transition(
    id: string,
    from: readonly InboxEntryStatus[],
    change: { status: InboxEntryStatus; attempts?: number; nextAttemptAt?: string | null; flow?: string | null; runId?: string | null; error?: string | null },
  ): Promise<DispatchableEntry | undefined>;
  list(query: { status?: InboxEntryStatus; limit: number }): Promise<DispatchableEntry[]>;
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

  constructor(private readonly options: DispatcherOptions) {
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    if (!(this.policy.maxAttempts >= 1)) throw new Error('RetryPolicy.maxAttempts must be at least 1');
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.now = options.now ?? (() => new Date());
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

  /** Entries left `routed` by a process that died: done if their run succeeded, else pending again. */
  async recover(): Promise<void> {
    for (;;) {
      const stuck = await this.options.inbox.list({ status: 'routed', limit: 500 });
      if (stuck.length === 0) return;
      for (const entry of stuck) {
        const runId = await this.options.succeededRunFor(entry.id);
        const changed = runId
          ? await this.options.inbox.transition(entry.id, ['routed'], { status: 'done', runId, error: null, nextAttemptAt: null })
          : await this.options.inbox.transition(entry.id, ['routed'], { status: 'pending', nextAttemptAt: null });
        if (changed) this.options.onChange?.(changed);
      }
    }
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

  /** One round: everything due now, `concurrency` at a time. Returns when the due list is empty. */
  private async round(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const due = await this.options.inbox.due(this.now().toISOString(), this.concurrency * 4);
      if (due.length === 0) return;
      const queue = [...due];
      const workers = Array.from({ length: Math.min(this.concurrency, queue.length) }, async () => {
        for (let entry = queue.shift(); entry; entry = queue.shift()) await this.dispatch(entry);
      });
      await Promise.all(workers);
    }
  }

  private async dispatch(entry: DispatchableEntry): Promise<void> {
    const { inbox } = this.options;
    const flow = await this.options.routeFor(entry.detailType);
    if (!flow) {
      const unrouted = await inbox.transition(entry.id, ['pending'], {
        status: 'unrouted',
        error: `No callback flow is bound to the event type "${entry.detailType}"; bind one with CreateConfiguration, then replay the event.`,
        nextAttemptAt: null,
      });
      if (unrouted) this.options.onChange?.(unrouted);
      return;
    }
    const attempt = entry.attempts + 1;
    const claimed = await inbox.transition(entry.id, ['pending'], { status: 'routed', flow, attempts: attempt });
    if (!claimed) return; // another dispatcher took it
    this.options.onChange?.(claimed);
    let outcome: CallbackOutcome;
    try {
      outcome = await this.options.runCallback(flow, claimed);
    } catch (error) {
      outcome = { runId: '', succeeded: false, error: (error as Error).message ?? String(error) };
    }
    let next: DispatchableEntry | undefined;
    if (outcome.succeeded) {
      next = await inbox.transition(entry.id, ['routed'], { status: 'done', runId: outcome.runId, error: null, nextAttemptAt: null });
    } else if (attempt >= this.policy.maxAttempts) {
      next = await inbox.transition(entry.id, ['routed'], {
        status: 'dead',
        ...(outcome.runId ? { runId: outcome.runId } : {}),
        error: `The callback flow "${flow}" failed ${attempt} time(s); last error: ${outcome.error ?? 'unknown'}. Fix the flow, then replay the event.`,
        nextAttemptAt: null,
      });
    } else {
      const delay = Math.min(this.policy.backoffMs * 2 ** (attempt - 1), this.policy.maxBackoffMs ?? Number.POSITIVE_INFINITY);
      next = await inbox.transition(entry.id, ['routed'], {
        status: 'pending',
        ...(outcome.runId ? { runId: outcome.runId } : {}),
        error: outcome.error ?? 'The callback failed.',
        nextAttemptAt: new Date(this.now().getTime() + delay).toISOString(),
      });
    }
    if (next) this.options.onChange?.(next);
  }
}
