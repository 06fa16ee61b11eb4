/** An in-memory inbox with the storage's claim/lease semantics, for dispatcher tests. */
import type { DispatchableEntry, DispatchChange, DispatcherInbox, InboxEntryStatus } from '../../src/event-endpoint/index.js';

export type MemoryEntry = DispatchableEntry & {
  nextAttemptAt?: string | undefined;
  runId?: string | undefined;
  error?: string | undefined;
  flow?: string | undefined;
  claimedBy?: string | undefined;
  leaseUntil?: string | undefined;
};

export class MemoryInbox implements DispatcherInbox {
  readonly entries = new Map<string, MemoryEntry>();

  add(id: string, detailType: string, status: InboxEntryStatus = 'pending', extra: Partial<MemoryEntry> = {}): void {
    this.entries.set(id, { id, detailType, status, attempts: 0, event: { id, 'detail-type': detailType }, ...extra });
  }

  async claim(o: { now: string; limit: number; owner: string; leaseUntil: string }): Promise<DispatchableEntry[]> {
    const claimable = [...this.entries.values()].filter(
      (e) => (e.status === 'pending' && (!e.nextAttemptAt || e.nextAttemptAt <= o.now)) || (e.status === 'routed' && e.leaseUntil !== undefined && e.leaseUntil < o.now),
    );
    return claimable.slice(0, o.limit).map((e) => {
      const next: MemoryEntry = { ...e, status: 'routed', claimedBy: o.owner, leaseUntil: o.leaseUntil, attempts: e.attempts + 1 };
      this.entries.set(e.id, next);
      return { ...next };
    });
  }

  async release(id: string, owner: string, change: DispatchChange): Promise<DispatchableEntry | undefined> {
    const entry = this.entries.get(id);
    if (!entry || entry.status !== 'routed' || entry.claimedBy !== owner) return undefined;
    const next: MemoryEntry = { ...entry, status: change.status, claimedBy: undefined, leaseUntil: undefined };
    for (const key of ['nextAttemptAt', 'runId', 'error', 'flow'] as const) {
      const value = change[key];
      if (value === null) next[key] = undefined;
      else if (value !== undefined) next[key] = value;
    }
    this.entries.set(id, next);
    return { ...next };
  }

  async releaseAll(): Promise<number> {
    let n = 0;
    for (const e of this.entries.values()) {
      if (e.status !== 'routed') continue;
      this.entries.set(e.id, { ...e, status: 'pending', claimedBy: undefined, leaseUntil: undefined });
      n++;
    }
    return n;
  }
}
