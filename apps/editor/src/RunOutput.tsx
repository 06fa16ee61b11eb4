/** The result of the last run: status, returned value or error, and the run's log lines from the server. */
import { useEditor } from './store/editor-store';

export function RunOutput() {
  const run = useEditor((s) => s.lastRun);
  const problems = useEditor((s) => s.problems);
  return (
    <section className="dock" aria-label="Run output">
      <div className="dock-column">
        <h3>Problems ({problems.length})</h3>
        <ul className="problems">
          {problems.map((p, i) => (
            <li key={i} className={p.severity}>
              {p.message}
            </li>
          ))}
        </ul>
      </div>
      <div className="dock-column">
        <h3>Last run</h3>
        {run ? (
          <div data-testid="run-result">
            <div>
              Status: <span data-testid="run-status">{run.status}</span>
            </div>
            {run.error && <div className="field-problem">{run.error.message}</div>}
            {run.result !== undefined && <pre>{JSON.stringify(run.result, null, 2)}</pre>}
            <ol className="run-log" data-testid="run-log">
              {run.logs.map((l, i) => (
                <li key={i}>
                  [{l.level}] {l.message}
                </li>
              ))}
            </ol>
          </div>
        ) : (
          <p className="hint">Run the flow to see its result here.</p>
        )}
      </div>
    </section>
  );
}
