/** Runs of the open flow in this session: pick one to see its result and logs and light up its path. */
import { useEditor } from '../store/editor-store';
import { RunDetail } from '../runs/RunDetail';
import { useRunHistory } from '../runs/run-history';

export function RunsTab() {
  const allRuns = useEditor((s) => s.runs);
  const flowName = useEditor((s) => s.document.name);
  const runs = allRuns.filter((r) => r.flow === flowName);
  const activeId = useEditor((s) => s.activeRunId);
  const showRun = useEditor((s) => s.showRun);
  const select = useEditor((s) => s.select);
  const run = runs.find((r) => r.id === activeId) ?? runs[0];
  useRunHistory(flowName, run);
  if (!run) return <p className="hint">Run the flow (Ctrl+Enter) to see its result here.</p>;
  return (
    <div className="runs">
      <ul className="run-list">
        {runs.map((r) => (
          <li key={r.id}>
            <button type="button" className={`link run-${r.status}${r.id === run.id ? ' active' : ''}`} onClick={() => showRun(r.id)}>
              {r.status === 'succeeded' ? '✔' : r.status === 'failed' ? '✖' : '…'} {r.id.slice(0, 8)}
              {r.trigger === 'event' && <span title="Started by an event"> ⚡</span>}
            </button>
          </li>
        ))}
      </ul>
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
    </div>
  );
}
