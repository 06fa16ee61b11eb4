/** Runs of the open flow: a filterable list (newest first) and the picked run's result, log and steps, lit on the canvas. */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { useEditor } from '../store/use-editor';
import { RunDetail } from '../runs/RunDetail';
import { useRunHistory } from '../runs/run-history';
import { durationLabel, eventTypeOf, filterRuns, flowRuns, triggerLabel, type RunFilters, type StatusFilter, type TriggerFilter } from '../runs/run-list';

const STATUS_ICON: Record<string, string> = { succeeded: '✔', failed: '✖', interrupted: '⏹', running: '…' };

/** Event types of callback runs listed without their parameters, looked up in the inbox (run id → detail-type). */
function useEventTypes(needed: boolean, inboxVersion: number): ReadonlyMap<string, string> {
  const [types, setTypes] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!needed) return;
    let current = true;
    void api
      .listInbox(undefined, undefined, 500)
      .then((events) => current && setTypes(new Map(events.filter((e) => e.runId).map((e) => [e.runId!, e.detailType]))))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [needed, inboxVersion]);
  return types;
}

export function RunsTab() {
  const allRuns = useEditor((s) => s.runs);
  const flowName = useEditor((s) => s.document.name);
  const inboxVersion = useEditor((s) => s.inboxVersion);
  const runs = useMemo(() => flowRuns(allRuns, flowName), [allRuns, flowName]);
  const [filters, setFilters] = useState<RunFilters>({ status: '', trigger: '' });
  const shown = useMemo(() => filterRuns(runs, filters), [runs, filters]);
  const activeId = useEditor((s) => s.activeRunId);
  const showRun = useEditor((s) => s.showRun);
  const select = useEditor((s) => s.select);
  const run = shown.find((r) => r.id === activeId) ?? shown[0];
  const eventTypes = useEventTypes(runs.some((r) => r.trigger === 'event' && !eventTypeOf(r)), inboxVersion);
  useRunHistory(flowName, run);
  if (runs.length === 0) return <p className="hint">Run the flow (Ctrl+Enter) to see its result here.</p>;
  return (
    <div className="runs">
      <div className="run-list-pane">
        <div className="run-filters">
          <select aria-label="Filter runs by status" value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as StatusFilter })}>
            <option value="">any status</option>
            <option value="succeeded">succeeded</option>
            <option value="failed">failed</option>
            <option value="running">running</option>
            <option value="interrupted">interrupted</option>
          </select>
          <select aria-label="Filter runs by trigger" value={filters.trigger} onChange={(e) => setFilters({ ...filters, trigger: e.target.value as TriggerFilter })}>
            <option value="">any trigger</option>
            <option value="manual">manual</option>
            <option value="event">event</option>
            <option value="startup">after start-up</option>
          </select>
          <small className="hint" data-testid="run-count">
            {shown.length === runs.length ? `${runs.length} run(s)` : `${shown.length} of ${runs.length} run(s)`}
          </small>
        </div>
        {shown.length === 0 && <p className="hint">No run matches these filters.</p>}
        <table className="run-list" aria-label="Runs">
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} className={`run-${r.status}${r.id === run?.id ? ' active' : ''}`} aria-selected={r.id === run?.id} onClick={() => showRun(r.id)}>
                <td>
                  <button type="button" className={`link run-${r.status}`} onClick={() => showRun(r.id)} title={`${r.status}, run ${r.id}`}>
                    {STATUS_ICON[r.status] ?? '?'} {r.id.slice(0, 8)}
                  </button>
                </td>
                <td title={r.startedAt}>{new Date(r.startedAt).toLocaleTimeString()}</td>
                <td className="run-duration">{durationLabel(r)}</td>
                <td className="run-trigger-cell">{triggerLabel(r, eventTypes.get(r.id))}</td>
                <td className="run-status-cell">{r.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {run && (
        <div data-testid="run-result" className="run-detail">
          <div>
            Status: <span data-testid="run-status">{run.status}</span>
          </div>
          {run.error && (
            <div className="field-problem">
              {run.error.kind}: {run.error.message}
              {run.error.activity && (
                <button type="button" className="link" onClick={() => select([run.error!.activity!])}>
                  show activity
                </button>
              )}
            </div>
          )}
          {run.result !== undefined && <pre>{JSON.stringify(run.result, null, 2)}</pre>}
          <ol className="run-log" data-testid="run-log">
            {run.logs.map((l, i) => (
              <li key={i}>
                [{l.level}] {l.message}
              </li>
            ))}
          </ol>
          <RunDetail run={run} />
        </div>
      )}
    </div>
  );
}
