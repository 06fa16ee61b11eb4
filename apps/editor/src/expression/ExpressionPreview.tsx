/**
 * The value of the expression being typed, evaluated by the server (never in the browser, so secrets
 * and limits are the server's) against the variables of the run shown in the dock at this node, or the
 * Run dialog's last input for the flow. Debounced; a newer keystroke discards an older answer.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { useEditor } from '../store/use-editor';
import { useShownRun } from '../panels/LastRunData';
import { runVariables } from '../runs/run-variables';
import { sampleInput } from '../runs/sample-inputs';

/** Pause after the last keystroke before asking the server. */
export const PREVIEW_DELAY_MS = 300;
/** Characters of the value shown; the rest is cut with an ellipsis. */
const SHOWN_CHARS = 2_000;

type Shown = { state: 'idle' } | { state: 'waiting' } | { state: 'value'; text: string } | { state: 'error'; text: string };

/** Shows a value as the preview line does: strings quoted, objects as compact JSON, cut to SHOWN_CHARS. */
export function previewText(value: unknown): string {
  const text = value === undefined ? 'nothing (undefined)' : (JSON.stringify(value, null, 1)?.replace(/\n\s*/g, ' ') ?? String(value));
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

export function ExpressionPreview({ text, template, nodeId }: { text: string; template: boolean; nodeId: string }) {
  const run = useShownRun();
  const document = useEditor((s) => s.document);
  const catalogue = useEditor((s) => s.catalogue);
  const flowName = useEditor((s) => s.flowName);
  // The variables depend on the run and the graph, not on the text typed: computed once per run shown.
  const source = useMemo(() => {
    if (run && run.status !== 'running') return { label: `run ${run.id.slice(0, 8)}`, variables: runVariables(run, document, catalogue, nodeId) };
    const sample = sampleInput(document.name);
    if (sample) return { label: "the Run dialog's input", variables: sample };
    return { label: 'no run yet (run the flow to preview with its data)', variables: {} };
  }, [run, document.edges, document.nodes, catalogue, nodeId, document.name]);
  const [shown, setShown] = useState<Shown>({ state: 'idle' });
  useEffect(() => {
    if (text.trim() === '') {
      setShown({ state: 'idle' });
      return;
    }
    let current = true;
    setShown({ state: 'waiting' });
    const timer = setTimeout(() => {
      api
        .evaluateExpression({ expression: text, variables: source.variables, ...(template ? { template: true } : {}), ...(flowName ? { flow: flowName } : {}) })
        .then((answer) => {
          if (!current) return;
          setShown(answer.ok ? { state: 'value', text: `${previewText(answer.value)}${answer.truncated ? ' (cut)' : ''}` } : { state: 'error', text: `${answer.error.kind}: ${answer.error.message}` });
        })
        .catch((error: Error) => current && setShown({ state: 'error', text: `Not evaluated: ${error.message}` }));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, template, source, flowName]);
  if (shown.state === 'idle') return null;
  return (
    <div className={`expression-preview preview-${shown.state}`} data-testid="expression-preview" aria-live="polite">
      <small className="hint">With {source.label}:</small>{' '}
      {shown.state === 'waiting' ? <span className="hint">…</span> : <code data-testid="expression-preview-value">{shown.state === 'value' ? `= ${shown.text}` : shown.text}</code>}
    </div>
  );
}
