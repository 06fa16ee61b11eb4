/** The event inbox: events EventBridge delivered to the app's endpoint, newest first, with status; replay failed ones. */
import { useCallback, useEffect, useState } from 'react';
import { api, type InboxEvent } from '../api/client';
import { navigate } from '../navigation/navigation';
import { useEditor } from '../store/editor-store';
import { openRun } from '../runs/run-actions';

const STATUSES = ['', 'pending', 'routed', 'unrouted', 'done', 'dead'] as const;
/** Events in these states can be sent through their callback flow again. */
const REPLAYABLE = new Set(['unrouted', 'done', 'dead']);

export function InboxView() {
  const [events, setEvents] = useState<InboxEvent[] | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const report = useEditor((s) => s.setStatus);
  const inboxVersion = useEditor((s) => s.inboxVersion);
  const load = useCallback(async () => {
    try {
      setEvents(await api.listInbox(status || undefined));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [status]);
  // Reloads when the filter changes and whenever the server announces an inbox change.
  useEffect(() => void load(), [load, inboxVersion]);
  const replay = async (id: string) => {
    try {
      const result = await api.replayInbox([id]);
      report(result.replayed.length ? `Event ${id} queued again` : `Not replayed: ${result.skipped[0]?.reason ?? 'unknown reason'}`);
      await load();
    } catch (e) {
      report(`Replay failed: ${(e as Error).message}`);
    }
  };
  return (
    <section className="view inbox-view" aria-label="Event inbox">
      <h1>Event inbox</h1>
      <p className="hint">Events EventBridge delivered to this app, and what became of them. Dead events failed their callback flow after every retry.</p>
      <label>
        Status{' '}
        <select aria-label="Status filter" value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s || 'all'}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={() => void load()}>
        Refresh
      </button>
      {error && <p className="field-problem">Could not read the inbox: {error}</p>}
      {events && events.length === 0 && <p className="hint">No events{status ? ` with status ${status}` : ''} yet.</p>}
      {events && events.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Received</th>
              <th>Detail type</th>
              <th>Source</th>
              <th>Status</th>
              <th>Callback flow</th>
              <th>Run</th>
              <th>Attempts</th>
              <th>Error</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} className={`inbox-${e.status}`}>
                <td title={e.id}>{new Date(e.receivedAt).toLocaleString()}</td>
                <td>{e.detailType}</td>
                <td>{e.source}</td>
                <td>{e.status}</td>
                <td>
                  {e.flow && (
                    <button type="button" className="link" onClick={() => void navigate({ kind: 'flow', name: e.flow! })}>
                      {e.flow}
                    </button>
                  )}
                </td>
                <td>
                  {e.flow && e.runId && (
                    <button type="button" className="link" title="Open this run on the canvas" onClick={() => void openRun(e.flow!, e.runId!)}>
                      {e.runId.slice(0, 8)}
                    </button>
                  )}
                </td>
                <td>{e.attempts}</td>
                <td className="field-problem">{e.error}</td>
                <td>
                  {REPLAYABLE.has(e.status) && (
                    <button type="button" onClick={() => void replay(e.id)}>
                      Replay
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
