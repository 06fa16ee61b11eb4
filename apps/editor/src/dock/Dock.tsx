/** The bottom dock: the open flow's problems (click to select the node) and this session's runs. */
import type { Problem } from '@flowbridge/flow-model';
import { useEditor } from '../store/editor-store';
import { viewport } from '../canvas/viewport';
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

/** Selects the node (or edge) a problem is about and, when it names a field, puts the cursor in that field. */
function show(problem: Problem): void {
  const { select } = useEditor.getState();
  if (problem.nodeId) {
    select([problem.nodeId]);
    viewport()?.reveal?.(problem.nodeId);
  } else if (problem.edgeId) select([], [problem.edgeId]);
  if (!problem.field) return;
  // The panel renders the selected node's fields on the next frame; a lazily loaded editor may take a moment longer
  // (its stand-in textarea is skipped: focusing it would be lost when the editor replaces it).
  const focus = (tries: number) => {
    const target = document.querySelector<HTMLElement>(`.panel [data-field="${CSS.escape(problem.field!)}"] :is(input, select, textarea:not([data-placeholder-editor]), .cm-content)`);
    if (target) target.focus();
    else if (tries > 0) setTimeout(() => focus(tries - 1), 50);
  };
  // Up to 2 s: on a busy machine the lazily loaded expression editor can take that long the first time.
  requestAnimationFrame(() => focus(40));
}

function ProblemsTab() {
  const problems = useEditor((s) => s.problems);
  if (problems.length === 0) return <p className="hint">No problems. The flow can run.</p>;
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i} className={p.severity}>
          <button type="button" className="link" disabled={!p.nodeId && !p.edgeId} onClick={() => show(p)}>
            {p.severity === 'error' ? '⛔' : '⚠'} {p.message}
          </button>
        </li>
      ))}
    </ul>
  );
}
