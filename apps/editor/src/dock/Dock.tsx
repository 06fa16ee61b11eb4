/** The bottom dock: the open flow's problems (click to select the node) and its runs; resizable by its top edge. */
import { useEffect, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Problem } from '@flowbridge/flow-model';
import { useEditor } from '../store/use-editor';
import { viewport } from '../canvas/viewport';
import { lazyPart } from '../lazy/lazy-part';
import { flowRuns } from '../runs/run-list';
import type { EditorState } from '../store/editor-store';

// The runs list, its detail and comparison are fetched when the Runs tab is first shown.
const runsTab = lazyPart(() => import('./RunsTab').then((m) => m.RunsTab), <p className="hint">Loading runs…</p>);
const RunsTab = runsTab.Part;

/** Fetches the Runs tab's code, so opening it rarely waits for it. */
export const preloadRunsTab = runsTab.preload;

export function Dock() {
  const tab = useEditor((s) => s.dockTab);
  const setTab = useEditor((s) => s.setDockTab);
  const problems = useEditor((s) => s.problems);
  // The same list the Runs tab shows, so the count always matches it.
  const runCount = useEditor((s) => flowRuns(s.runs, s.document.name).length);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const [height, startResize] = useDockHeight();
  useEffect(() => {
    globalThis.document.documentElement.style.setProperty('--dock-height', `${height}px`);
  }, [height]);
  return (
    <section className="dock" aria-label="Dock">
      <div className="dock-resizer" role="separator" aria-orientation="horizontal" aria-label="Resize the dock" aria-valuenow={height} onPointerDown={startResize} />
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
function show(problem: Problem, select: EditorState['select']): void {
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
  const select = useEditor((s) => s.select);
  if (problems.length === 0) return <p className="hint">No problems. The flow can run.</p>;
  return (
    <ul className="problems">
      {problems.map((p, i) => (
        <li key={i} className={p.severity}>
          <button type="button" className="link" disabled={!p.nodeId && !p.edgeId} onClick={() => show(p, select)}>
            {p.severity === 'error' ? '⛔' : '⚠'} {p.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

const HEIGHT_KEY = 'flowbridge.dockHeight';
const MIN_HEIGHT = 90;
const DEFAULT_HEIGHT = 190;

/** The dock's height, kept per browser; the second value starts a drag of the resize handle. */
function useDockHeight(): [number, (event: ReactPointerEvent) => void] {
  const [height, setHeight] = useState(() => {
    const stored = Number(globalThis.localStorage?.getItem(HEIGHT_KEY));
    return Number.isFinite(stored) && stored >= MIN_HEIGHT ? stored : DEFAULT_HEIGHT;
  });
  const start = (event: ReactPointerEvent) => {
    event.preventDefault();
    const from = event.clientY;
    const initial = height;
    // The canvas keeps at least a third of the window.
    const max = Math.max(MIN_HEIGHT, Math.round(window.innerHeight * 0.66));
    let latest = initial;
    const move = (e: PointerEvent) => {
      latest = Math.min(max, Math.max(MIN_HEIGHT, initial + from - e.clientY));
      setHeight(latest);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      try {
        localStorage.setItem(HEIGHT_KEY, String(latest));
      } catch {
        // Not kept: the next visit starts at the default height.
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return [height, start];
}
