import { describe, expect, it } from 'vitest';
import type { InboxEvent } from '../api/client';
import { inboxActivity } from './inbox-chart';

const now = Date.parse('2026-01-01T10:30:30Z');
const event = (status: InboxEvent['status'], receivedAt: string, updatedAt = receivedAt): InboxEvent => ({ id: `${status}-${receivedAt}`, detailType: 'T', source: 's', status, receivedAt, updatedAt, attempts: 0 });

describe('inbox activity per minute', () => {
  it('counts accepted events by when they arrived, dispatched and dead ones by when they ended', () => {
    const { minutes, backlog } = inboxActivity(
      [
        event('done', '2026-01-01T10:29:10Z', '2026-01-01T10:30:05Z'),
        event('dead', '2026-01-01T10:28:00Z', '2026-01-01T10:29:59Z'),
        event('pending', '2026-01-01T10:30:01Z'),
        event('routed', '2026-01-01T10:30:02Z'),
        event('unrouted', '2026-01-01T10:30:03Z'),
      ],
      now,
      5,
    );
    expect(minutes.map((m) => new Date(m.at).toISOString().slice(11, 16))).toEqual(['10:26', '10:27', '10:28', '10:29', '10:30']);
    expect(minutes.map((m) => m.accepted)).toEqual([0, 0, 1, 1, 3]);
    expect(minutes.map((m) => m.dispatched)).toEqual([0, 0, 0, 0, 1]);
    expect(minutes.map((m) => m.dead)).toEqual([0, 0, 0, 1, 0]);
    expect(backlog).toBe(2);
  });

  it('leaves out what happened before the chart begins, but still counts it in the backlog', () => {
    const { minutes, backlog } = inboxActivity([event('pending', '2026-01-01T09:00:00Z')], now, 5);
    expect(minutes.every((m) => m.accepted === 0)).toBe(true);
    expect(backlog).toBe(1);
  });
});
