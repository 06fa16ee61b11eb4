/**
 * The selected node's data from the run shown in the Runs dock (or the flow's latest run): its inputs,
 * output and error, as n8n shows a node's last execution; a node the run did not reach says so.
 */
import type { RunRecord } from '../api/client';
import { useEditor } from '../store/use-editor';
import { useRunTrace } from '../runs/run-history';
import { stepsAt } from '../runs/run-variables';
import { compactTraceNote } from '../runs/compact-trace-note';

/** Steps shown per node (a loop body can run thousands of times). */
const MAX_STEPS = 20;

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** The run the panel shows data of: the one picked in the dock, else the flow's newest. */
export function useShownRun(): RunRecord | undefined {
  return useEditor((s) => {
    const runs = s.runs.filter((r) => r.flow === s.document.name);
    return runs.find((r) => r.id === s.activeRunId) ?? runs[0];
  });
}

export function LastRunData({ nodeId }: { nodeId: string }) {
  const run = useShownRun();
  const needsTrace = useRunTrace(run);
  if (!run) return null;
  const steps = stepsAt(run, nodeId);
  const label = `run ${run.id.slice(0, 8)}`;
  const compactNote = compactTraceNote(run);
  return (
    <section className="last-run" aria-label="Last run data" data-testid="last-run">
      <h3>
        Data from {label} <small>({run.status})</small>
      </h3>
      {run.status === 'running' && steps.length === 0 && <p className="hint">The run has not reached this node yet.</p>}
      {run.status !== 'running' && needsTrace && <p className="hint">Loading the run's steps…</p>}
      {run.status !== 'running' && !needsTrace && steps.length === 0 && <p className="hint">This node did not run in {label}.</p>}
      {compactNote && steps.length > 0 && (
        <p className="hint" data-testid="last-run-compact">
          {compactNote}
        </p>
      )}
      {steps.slice(0, MAX_STEPS).map((step, i) => (
        <div key={i} className={`last-run-step${step.error ? ' step-failed' : ''}`}>
          {steps.length > 1 && <h4>Pass {i + 1}</h4>}
          <p className="hint">
            {step.durationMs} ms{step.port && step.port !== 'out' ? ` → ${step.port}` : ''}
          </p>
          {step.inputs !== undefined && (
            <>
              <h4>Input</h4>
              <pre data-testid="last-run-input">{json(step.inputs)}</pre>
            </>
          )}
          {step.output !== undefined && (
            <>
              <h4>Output</h4>
              <pre data-testid="last-run-output">{json(step.output)}</pre>
            </>
          )}
          {step.error && (
            <div className="field-problem">
              {step.error.kind}: {step.error.message}
            </div>
          )}
        </div>
      ))}
      {steps.length > MAX_STEPS && <p className="hint">…and {steps.length - MAX_STEPS} more passes (see the run's steps in the dock).</p>}
    </section>
  );
}
