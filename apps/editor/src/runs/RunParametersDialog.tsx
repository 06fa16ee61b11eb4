/**
 * The Run dialog: one typed input per flow parameter (String, Integer, Decimal, Boolean, DateTime, JSON
 * and other types as JSON), each checked as it is typed; Run stays disabled until every value reads.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { inputKind, parameterText, parseParameters, type ParameterSpec } from './run-parameters';

interface Request {
  flow: string;
  specs: ParameterSpec[];
  initial: Record<string, unknown>;
  /** A line under the title, e.g. what a re-run does. */
  note?: string;
  resolve(values: Record<string, unknown> | null): void;
}

const useRunDialog = create<{ request: Request | null }>(() => ({ request: null }));

/** Asks for the parameter values of a run of `flow`; resolves null when the person cancels. */
export function askRunParameters(flow: string, specs: ParameterSpec[], initial: Record<string, unknown> = {}, note?: string): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    useRunDialog.getState().request?.resolve(null);
    useRunDialog.setState({ request: { flow, specs, initial, ...(note ? { note } : {}), resolve } });
  });
}

function close(values: Record<string, unknown> | null): void {
  const request = useRunDialog.getState().request;
  useRunDialog.setState({ request: null });
  request?.resolve(values);
}

export function RunParametersDialog() {
  const request = useRunDialog((s) => s.request);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    setTouched(false);
    setTexts(Object.fromEntries((request?.specs ?? []).map((s) => [s.name, parameterText(s, request?.initial[s.name])])));
  }, [request]);
  if (!request) return null;
  const { values, errors } = parseParameters(request.specs, texts);
  const valid = Object.keys(errors).length === 0;
  const set = (name: string, text: string) => setTexts((t) => ({ ...t, [name]: text }));
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && close(null)}>
      <div className="dialog run-parameters" role="dialog" aria-modal="true" aria-labelledby="run-parameters-title">
        <h2 id="run-parameters-title">Run {request.flow}</h2>
        {request.note && <p className="hint">{request.note}</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (valid) close(values);
          }}
        >
          {request.specs.map((spec, i) => {
            const id = `run-param-${spec.name}`;
            const kind = inputKind(spec.type);
            const error = errors[spec.name];
            const text = texts[spec.name] ?? '';
            return (
              <div className="field" key={spec.name} data-parameter={spec.name}>
                <label htmlFor={id}>
                  {spec.name} <small>({spec.type})</small>
                </label>
                {kind === 'checkbox' ? (
                  <input id={id} type="checkbox" checked={text === 'true'} onChange={(e) => set(spec.name, String(e.target.checked))} />
                ) : kind === 'json' ? (
                  <textarea id={id} rows={3} value={text} autoFocus={i === 0} onChange={(e) => set(spec.name, e.target.value)} onBlur={() => setTouched(true)} />
                ) : (
                  <input
                    id={id}
                    type={kind === 'datetime' ? 'datetime-local' : 'text'}
                    step={kind === 'datetime' ? 1 : undefined}
                    inputMode={kind === 'number' ? (spec.type === 'Integer' ? 'numeric' : 'decimal') : undefined}
                    value={text}
                    autoFocus={i === 0}
                    onChange={(e) => set(spec.name, e.target.value)}
                    onBlur={() => setTouched(true)}
                  />
                )}
                {error && (touched || text !== '') && (
                  <div className="field-problem" role="alert">
                    {error}
                  </div>
                )}
              </div>
            );
          })}
          <div className="dialog-buttons">
            <button type="button" onClick={() => close(null)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!valid}>
              Run
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
