/**
 * Sample values for the flow's parameters, pasted as JSON (e.g. an event a callback flow will receive):
 * expression completion offers their fields and the preview evaluates against them until the flow has run.
 */
import { useState } from 'react';
import { useEditor } from '../store/use-editor';
import { rememberSampleInput, sampleInput } from '../runs/sample-inputs';

/** A pasted sample larger than this is refused (it is kept in the tab's session storage). */
const MAX_SAMPLE_CHARS = 64 * 1024;

function SampleField({ flow, name }: { flow: string; name: string }) {
  const current = sampleInput(flow)?.[name];
  const [text, setText] = useState(current === undefined ? '' : JSON.stringify(current, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (text.trim() === '') return setProblem(null);
    if (text.length > MAX_SAMPLE_CHARS) return setProblem(`The sample is ${text.length.toLocaleString()} characters; paste at most ${MAX_SAMPLE_CHARS.toLocaleString()}.`);
    try {
      const value: unknown = JSON.parse(text);
      rememberSampleInput(flow, { ...(sampleInput(flow) ?? {}), [name]: value });
      setProblem(null);
    } catch (error) {
      setProblem(`Not JSON: ${(error as Error).message}. Paste the value as JSON, e.g. {"event": {"detail": {"orderId": "o-1"}}}.`);
    }
  };
  return (
    <div className="field">
      <label htmlFor={`sample-${name}`}>Sample {name}</label>
      <textarea id={`sample-${name}`} rows={3} value={text} placeholder='{"event": {"detail": {...}}}' onChange={(e) => setText(e.target.value)} onBlur={commit} />
      {problem && <div className="field-problem">{problem}</div>}
    </div>
  );
}

export function ParameterSamples() {
  const flow = useEditor((s) => s.flowName);
  const parameters = useEditor((s) => s.document.parameters);
  if (!flow || parameters.length === 0) return null;
  return (
    <details className="parameter-samples">
      <summary>Sample values (for completion and preview)</summary>
      <p className="hint">Until the flow has run, expressions are completed and previewed with these. A callback flow uses the last event received.</p>
      {parameters.map((p) => (
        <SampleField key={`${flow}:${p.name}`} flow={flow} name={p.name} />
      ))}
    </details>
  );
}
