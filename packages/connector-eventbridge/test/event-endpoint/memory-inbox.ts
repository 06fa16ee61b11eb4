/** An in-memory inbox with the same compare-and-set semantics as the server's storage, for dispatcher tests. */
import type { DispatchableEntry, DispatcherInbox, InboxEntryStatus } from '../../src/event-endpoint/index.js';

type Entry = DispatchableEntry & { nextAttemptAt?: string | undefined; runId?: string | undefined; error?: string | undefined; flow?: string | undefined };

export class MemoryInbox implements DispatcherInbox {
  readonly entries = new Map<string, Entry>();

  add(id: string, detailType: string, status: InboxEntryStatus = 'pending'): void {
    this.entries.set(id, { id, detailType, status, attempts: 0, event: { id, 'detail-type': detailType } });
  }

  async due(now: string, limit: number): Promise<DispatchableEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.status === 'pending' && (!e.nextAttemptAt || e.nextAttemptAt <= now))
      .slice(0, limit)
      .map((e) => ({ ...e }));
  }

  async transition(id: string, from: readonly InboxEntryStatus[], change: Parameters<DispatcherInbox['transition']>[2]): Promise<DispatchableEntry | undefined> {
    const entry = this.entries.get(id);
    if (!entry || !from.includes(entry.status)) return undefined;
    const next: Entry = { ...entry, status: change.status };
    if (change.attempts !== undefined) next.attempts = change.attempts;
    for (const key of ['nextAttemptAt', 'runId', 'error', 'flow'] as const) {
      const value = change[key];
      if (value === null) next[key] = undefined;
      else if (value !== undefined) next[key] = value;
    }
    this.entries.set(id, next);
    return { ...next };
  }

  async list(query: { status?: InboxEntryStatus; limit: number }): Promise<DispatchableEntry[]> {
    return [...this.entries.values()].filter((e) => !query.status || e.status === query.status).slice(0, query.limit);
  }
}
