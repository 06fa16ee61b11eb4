/** The event inbox: events EventBridge delivered to the app's endpoint, newest first, with their status. */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

export function InboxView() {
  const [events, setEvents] = useState<unknown[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setEvents(await api.listInbox());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);
  return (
    <section className="view inbox-view" aria-label="Event inbox">
      <h1>Event inbox</h1>
      <button type="button" onClick={() => void load()}>
        Refresh
      </button>
      {error && <p className="field-problem">Could not read the inbox: {error}</p>}
      {events && events.length === 0 && <p className="hint">No events received yet.</p>}
      <ol className="inbox">
        {(events ?? []).map((e, i) => {
          const entry = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
          return (
            <li key={String(entry.id ?? i)}>
              <strong>{String(entry.detailType ?? entry['detail-type'] ?? entry.type ?? 'event')}</strong> <span className="hint">{String(entry.status ?? '')}</span>
              <pre>{JSON.stringify(e, null, 2)}</pre>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
