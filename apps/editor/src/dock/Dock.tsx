/** The bottom dock: the open flow's problems (click to select the node) and this session's runs. */
import { useEditor } from '../store/editor-store';
import { RunsTab } from './RunsTab';

export function Dock() {
  const tab = useEditor((s) => s.dockTab);
  const setTab = useEditor((s) => s.setDockTab);
  const problems = useEditor((s) => s.problems);
  const runCount = useEditor((s) => s.runs.filter((r) => r.flow === s.document.name).length);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <section className="dock" aria-label="Dock">
      <div className="dock-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'problems'} onClick={() => setTab('problems')}>
          Problems ({problems.length}){errors > 0 && <span className="error-dot" title={`${errors} error(s)`} />}
        </button>
        <button role="tab" aria-selected={tab === 'runs'} onClick={() => setTab('runs')}>
          Runs ({runCount})
        </button>
      </div>
      <div className="dock-body" role="tabpanel">
        {tab === 'problems' ? <ProblemsTab /> : <RunsTab />}
      </div>
    </section>
  );
}

function ProblemsTab() {
  const problems = useEditor((s) => s.problems);
  const select = useEditor((s) => s.select);
  if (problems.length === 0) return <p className="hint">No problems. The flow can run.</p>;
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i} className={p.severity}>
          <button type="button" className="link" disabled={!p.nodeId && !p.edgeId} onClick={() => p.nodeId ? select([p.nodeId]) : p.edgeId && select([], [p.edgeId])}>
            {p.severity === 'error' ? '⛔' : '⚠'} {p.message}
          </button>
        </li>
      ))}
    </ul>
  );
}
