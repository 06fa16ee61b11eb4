/**
 * The steps of the shown run: each step's node, duration, port, inputs, output and error. Picking a step
 * selects its node on the canvas. Also re-run (this run's inputs, current flow) and compare with another run.
 */
import { useState } from 'react';
import type { RunRecord, TraceStep } from '../api/client';
import { useEditor } from '../store/use-editor';
import { RunCompare } from './RunCompare';
import { timeline } from './run-list';
import { compactTraceNote } from './compact-trace-note';
import './runs.css';
import { useActions } from '../app/use-actions';

function value(v: unknown): string {
  return JSON.stringify(v, null, 2) ?? String(v);
}

function StepRow({ step, index, caption, bar }: { step: TraceStep; index: number; caption: string; bar?: { start: number; length: number } }) {
  const select = useEditor((s) => s.select);
  const [open, setOpen] = useState(false);
  const hasData = step.inputs !== undefined || step.output !== undefined || step.error !== undefined || step.call !== undefined;
  return (
    <li className={`run-step${step.error ? ' step-failed' : ''}`} data-node-id={step.nodeId}>
      <div className="run-step-line">
        <button type="button" className="link" title="Select this node on the canvas" onClick={() => select([step.nodeId])}>
          {index + 1}. {caption}
        </button>
        {bar && (
          <span className="step-timeline" aria-hidden>
            <span className={`step-bar${step.error ? ' failed' : ''}`} style={{ left: `${bar.start * 100}%`, width: `${Math.max(bar.length * 100, 0.5)}%` }} />
          </span>
        )}
        <span className="step-duration">{step.durationMs} ms</span>
        {step.port && step.port !== 'out' && <span className="step-port">→ {step.port}</span>}
        {hasData && (
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'hide' : 'details'}
          </button>
        )}
      </div>
      {step.error && (
        <div className="field-problem">
          {step.error.kind}: {step.error.message}
        </div>
      )}
      {open && (
        <dl className="step-data">
          {step.inputs !== undefined && (
            <>
              <dt>Inputs</dt>
              <dd>
                <pre data-testid="step-inputs">{value(step.inputs)}</pre>
              </dd>
            </>
          )}
          {step.output !== undefined && (
            <>
              <dt>Output</dt>
              <dd>
                <pre data-testid="step-output">{value(step.output)}</pre>
              </dd>
            </>
          )}
          {step.call && (
            <>
              <dt>Called {step.call.flow}</dt>
              <dd>{step.call.trace.length} step(s)</dd>
            </>
          )}
        </dl>
      )}
    </li>
  );
}

/** The trace and actions of one run. */
export function RunDetail({ run }: { run: RunRecord }) {
  const { rerun } = useActions();
  const nodes = useEditor((s) => s.document.nodes);
  const catalogue = useEditor((s) => s.catalogue);
  const [comparing, setComparing] = useState(false);
  const bars = timeline(run);
  const compactNote = compactTraceNote(run);
  const caption = (step: TraceStep) => {
    const node = nodes.find((n) => n.id === step.nodeId);
    if (!node) return `${step.nodeId} (no longer in the flow)`;
    return node.label ?? catalogue.activities.get(node.kind)?.label ?? node.kind;
  };
  return (
    <div className="run-steps" data-testid="run-steps">
      <div className="run-meta">
        {run.trigger === 'event' && <span className="run-trigger">started by event {run.eventId}</span>}
        {run.startedAt && <span title={run.startedAt}>{new Date(run.startedAt).toLocaleTimeString()}</span>}
        <button type="button" onClick={() => void rerun(run)} disabled={run.status === 'running'} title="Run the current version of the flow with this run's inputs (saves first)">
          Re-run with these inputs
        </button>
        <button type="button" aria-pressed={comparing} onClick={() => setComparing(!comparing)}>
          Compare…
        </button>
      </div>
      {comparing && <RunCompare run={run} caption={caption} />}
      <h3>Steps ({run.trace.length}) — timeline</h3>
      {compactNote && (
        <p className="hint" data-testid="run-trace-compact">
          {compactNote}
        </p>
      )}
      <ol className="run-step-list">
        {run.trace.map((step, i) => (
          <StepRow key={i} step={step} index={i} caption={caption(step)} {...(bars[i] ? { bar: bars[i] } : {})} />
        ))}
      </ol>
    </div>
  );
}
