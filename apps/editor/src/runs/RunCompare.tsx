/** Two runs of the open flow side by side, step by step (see compare-runs.ts). */
import { useMemo, useState } from 'react';
import type { TraceStep } from '../api/client';
import { api, type RunRecord } from '../api/client';
import { useEditor } from '../store/use-editor';
import { compareRuns } from './compare-runs';

const CHANGE_LABEL = { same: 'same', changed: 'differs', 'only-left': 'only in the other run', 'only-right': 'only in this run' } as const;

export function RunCompare({ run, caption }: { run: RunRecord; caption(step: TraceStep): string }) {
  // Select the list itself: a filtered copy would be a new value on every store read and re-render forever.
  const runs = useEditor((s) => s.runs);
  const others = useMemo(() => runs.filter((r) => r.flow === run.flow && r.id !== run.id && r.status !== 'running'), [runs, run.flow, run.id]);
  const updateRun = useEditor((s) => s.updateRun);
  const [otherId, setOtherId] = useState(others[0]?.id ?? '');
  const [showSame, setShowSame] = useState(false);
  const other = others.find((r) => r.id === otherId);
  const comparison = useMemo(() => (other ? compareRuns(other, run) : null), [other, run]);
  if (others.length === 0) return <p className="hint">No other finished run of this flow to compare with.</p>;
  const pick = (id: string) => {
    setOtherId(id);
    const picked = others.find((r) => r.id === id);
    // Runs listed from history come without their trace until opened.
    if (picked && picked.trace.length === 0) void api.getRun(id).then((full) => updateRun(id, () => full, () => full)).catch(() => undefined);
  };
  return (
    <div className="run-compare" data-testid="run-compare">
      <label>
        Compare with{' '}
        <select aria-label="Run to compare with" value={otherId} onChange={(e) => pick(e.target.value)}>
          {others.map((r) => (
            <option key={r.id} value={r.id}>
              {r.id.slice(0, 8)} ({r.status})
            </option>
          ))}
        </select>
      </label>
      {comparison && (
        <>
          <p>
            {comparison.changedCount === 0 ? 'The runs took the same steps with the same values.' : `${comparison.changedCount} step(s) differ.`}{' '}
            {comparison.sameOutcome ? 'Same outcome.' : 'Different outcome.'}
          </p>
          {comparison.steps.length > comparison.changedCount && (
            <label className="compare-toggle">
              <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} /> show the {comparison.steps.length - comparison.changedCount} unchanged step(s)
            </label>
          )}
          {(showSame || comparison.changedCount > 0) && (
            <table className="compare-table">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Other run</th>
                  <th>This run</th>
                  <th>Difference</th>
                </tr>
              </thead>
              <tbody>
                {comparison.steps
                  .filter((s) => showSame || s.change !== 'same')
                  .map((s, i) => (
                  <tr key={i} className={`compare-${s.change}`}>
                    <td>{caption((s.left ?? s.right)!)}</td>
                    <td>{s.left ? `${s.left.durationMs} ms${s.left.port ? ` → ${s.left.port}` : ''}` : '—'}</td>
                    <td>{s.right ? `${s.right.durationMs} ms${s.right.port ? ` → ${s.right.port}` : ''}` : '—'}</td>
                    <td>{s.change === 'changed' ? s.differences.join(', ') : CHANGE_LABEL[s.change]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
