/**
 * The event inbox: events delivered to the app's event endpoint, newest first, with status and times; a
 * small chart of what arrived, was dispatched and died per minute with the backlog; filters by status and
 * event type; each entry's payload (pretty JSON, copy); replay, park and delete, each after confirming.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type InboxEntry, type InboxEvent } from '../api/client';
import { useEditor } from '../store/use-editor';
import { useActions } from '../app/use-actions';
import { inboxActivity, type InboxActivity } from './inbox-chart';

const STATUSES = ['', 'pending', 'routed', 'unrouted', 'done', 'dead'] as const;
/** Events in these states can be sent through their callback flow again. */
const REPLAYABLE = new Set(['unrouted', 'done', 'dead']);
/** Waiting events can be parked (kept, not dispatched until replayed). */
const PARKABLE = new Set(['pending', 'unrouted']);
/** Entries the chart and the event-type list are computed from. */
const CHART_SAMPLE = 500;

/** A time as the table shows it: the clock time for today, date and time otherwise (the full value is the cell's title). */
function time(iso: string | undefined): string {
  if (!iso) return '';
  const at = new Date(iso);
  return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
}

/** Bars per minute: accepted, dispatched and dead side by side, with the backlog beside them. */
function InboxChart({ activity }: { activity: InboxActivity }) {
  const peak = Math.max(1, ...activity.minutes.map((m) => Math.max(m.accepted, m.dispatched, m.dead)));
  const slot = 9;
  const height = 48;
  const bar = (value: number) => (value / peak) * height;
  const total = activity.minutes.reduce((sum, m) => ({ accepted: sum.accepted + m.accepted, dispatched: sum.dispatched + m.dispatched, dead: sum.dead + m.dead }), { accepted: 0, dispatched: 0, dead: 0 });
  return (
    <figure className="inbox-chart" data-testid="inbox-chart">
      <svg width={activity.minutes.length * slot} height={height} role="img" aria-label={`Last ${activity.minutes.length} minutes: ${total.accepted} accepted, ${total.dispatched} dispatched, ${total.dead} dead`}>
        {activity.minutes.map((m, i) => (
          <g key={m.at} transform={`translate(${i * slot},0)`}>
            <title>{`${new Date(m.at).toLocaleTimeString()}: ${m.accepted} accepted, ${m.dispatched} dispatched, ${m.dead} dead`}</title>
            <rect className="bar-accepted" x={0} y={height - bar(m.accepted)} width={2.5} height={bar(m.accepted)} />
            <rect className="bar-dispatched" x={3} y={height - bar(m.dispatched)} width={2.5} height={bar(m.dispatched)} />
            <rect className="bar-dead" x={6} y={height - bar(m.dead)} width={2.5} height={bar(m.dead)} />
          </g>
        ))}
      </svg>
      <figcaption>
        <span className="legend-accepted">■ accepted {total.accepted}</span> <span className="legend-dispatched">■ dispatched {total.dispatched}</span> <span className="legend-dead">■ dead {total.dead}</span> per minute, last {activity.minutes.length} min ·{' '}
        <strong data-testid="inbox-backlog">backlog {activity.backlog}</strong>
      </figcaption>
    </figure>
  );
}

/** One entry's whole event, pretty-printed, with a copy button. */
function PayloadPanel({ entry, onClose }: { entry: InboxEntry; onClose(): void }) {
  const report = useEditor((s) => s.setStatus);
  const text = JSON.stringify(entry.event, null, 2) ?? '';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      report('Payload copied');
    } catch {
      report('The browser did not allow copying; select the text instead.');
    }
  };
  return (
    <section className="inbox-payload" aria-label="Event payload">
      <h2>
        {entry.detailType} <small>{entry.id}</small>
      </h2>
      <div className="inbox-payload-actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <pre data-testid="inbox-payload">{text}</pre>
    </section>
  );
}

export function InboxView() {
  const { navigate, openRun } = useActions();
  const [events, setEvents] = useState<InboxEvent[] | null>(null);
  const [recent, setRecent] = useState<InboxEvent[]>([]);
  const [status, setStatus] = useState('');
  const [detailType, setDetailType] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [payload, setPayload] = useState<InboxEntry | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const report = useEditor((s) => s.setStatus);
  const ask = useEditor((s) => s.ask);
  const inboxVersion = useEditor((s) => s.inboxVersion);
  const load = useCallback(async () => {
    try {
      const [filtered, all] = await Promise.all([api.listInbox(status || undefined, detailType.trim() || undefined), api.listInbox(undefined, undefined, CHART_SAMPLE)]);
      setEvents(filtered);
      setRecent(all);
      setNow(Date.now());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [status, detailType]);
  // Reloads when the filters change and whenever the server announces an inbox change.
  useEffect(() => void load(), [load, inboxVersion]);
  const activity = useMemo(() => inboxActivity(recent, now), [recent, now]);
  const types = useMemo(() => [...new Set(recent.map((e) => e.detailType))].sort(), [recent]);

  /** Asks before an action on one entry; answers whether the person confirmed. */
  const confirm = async (title: string, message: string, label: string, danger = false) =>
    (await ask({ title, message, buttons: [{ id: 'cancel', label: 'Cancel' }, { id: 'ok', label, primary: !danger, danger }] }))?.button === 'ok';

  const replay = async (e: InboxEvent) => {
    if (!(await confirm('Replay this event?', `Event ${e.id} (${e.detailType}) goes through its callback flow again${e.flow ? ` (${e.flow})` : ''}; the flow runs once more with it.`, 'Replay'))) return;
    try {
      const result = await api.replayInbox([e.id]);
      report(result.replayed.length ? `Event ${e.id} queued again` : `Not replayed: ${result.skipped[0]?.reason ?? 'unknown reason'}`);
      await load();
    } catch (err) {
      report(`Replay failed: ${(err as Error).message}`);
    }
  };
  const park = async (e: InboxEvent) => {
    if (!(await confirm('Park this event?', `Event ${e.id} (${e.detailType}) will not be dispatched; it stays in the inbox as dead until you replay it.`, 'Park'))) return;
    try {
      await api.parkInbox(e.id);
      report(`Event ${e.id} parked`);
      await load();
    } catch (err) {
      report(`Park failed: ${(err as Error).message}`);
    }
  };
  const remove = async (e: InboxEvent) => {
    if (!(await confirm('Delete this event?', `Event ${e.id} (${e.detailType}) is removed from the inbox for good. A redelivery of the same event id would then be accepted as new.`, 'Delete', true))) return;
    try {
      await api.deleteInbox(e.id);
      report(`Event ${e.id} deleted`);
      if (payload?.id === e.id) setPayload(null);
      await load();
    } catch (err) {
      report(`Delete failed: ${(err as Error).message}`);
    }
  };
  const open = async (id: string) => {
    try {
      setPayload(await api.getInboxEvent(id));
    } catch (err) {
      report(`Could not open event ${id}: ${(err as Error).message}`);
    }
  };

  return (
    <section className="view inbox-view" aria-label="Event inbox">
      <h1>Event inbox</h1>
      <p className="hint">Events delivered to this app's event endpoint, and what became of them. Dead events failed their callback flow after every retry, or were parked.</p>
      <InboxChart activity={activity} />
      <div className="inbox-filters">
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
        <label>
          Event type{' '}
          <input aria-label="Event type filter" list="inbox-event-types" value={detailType} placeholder="all" maxLength={256} onChange={(e) => setDetailType(e.target.value)} />
          <datalist id="inbox-event-types">
            {types.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>{' '}
        <button type="button" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {error && <p className="field-problem">Could not read the inbox: {error}</p>}
      {events && events.length === 0 && <p className="hint">No events{status ? ` with status ${status}` : ''}{detailType ? ` of type ${detailType}` : ''} yet.</p>}
      <div className="inbox-body">
        {events && events.length > 0 && (
          <div className="inbox-table">
          <table>
            <thead>
              <tr>
                <th>Received</th>
                <th>Detail type</th>
                <th>Source</th>
                <th>Status</th>
                <th>Updated</th>
                <th>Callback flow</th>
                <th>Run</th>
                <th>Attempts</th>
                <th>Error</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-event-id={e.id} className={`inbox-${e.status}${payload?.id === e.id ? ' active' : ''}`}>
                  <td title={`${e.receivedAt} · ${e.id}`}>{time(e.receivedAt)}</td>
                  <td>{e.detailType}</td>
                  <td>{e.source}</td>
                  <td>{e.status}</td>
                  <td title={e.nextAttemptAt ? `${e.updatedAt} · next attempt ${time(e.nextAttemptAt)}` : e.updatedAt}>{time(e.updatedAt)}</td>
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
                  <td className="inbox-actions">
                    <button type="button" onClick={() => void open(e.id)} title="Show the whole event">
                      Payload
                    </button>
                    {REPLAYABLE.has(e.status) && (
                      <button type="button" onClick={() => void replay(e)}>
                        Replay
                      </button>
                    )}
                    {PARKABLE.has(e.status) && (
                      <button type="button" onClick={() => void park(e)}>
                        Park
                      </button>
                    )}
                    {e.status !== 'routed' && (
                      <button type="button" className="danger" onClick={() => void remove(e)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        {payload && <PayloadPanel entry={payload} onClose={() => setPayload(null)} />}
      </div>
    </section>
  );
}
