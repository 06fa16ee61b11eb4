/** The flow's signature, edited on the Start (parameters) and End (return type) nodes and the flow panel. */
import type { FlowParameter } from '@flowbridge/flow-model';
import { setDescription, setParameters, setReturnType } from '../document/commands';
import { useEditor } from '../store/use-editor';
import { moveRow } from './widgets/TableField';
import { TypeInput } from './widgets/TypeField';

export function ParametersEditor() {
  const parameters = useEditor((s) => s.document.parameters);
  const catalogue = useEditor((s) => s.catalogue);
  const problems = useEditor((s) => s.problems);
  const apply = useEditor((s) => s.apply);
  const endGesture = useEditor((s) => s.endGesture);
  const set = (next: FlowParameter[], group?: string) => apply((d) => setParameters(d, next), group ? { group } : undefined);
  const update = (index: number, patch: Partial<FlowParameter>, key: string) =>
    set(
      parameters.map((p, i) => (i === index ? { ...p, ...patch } : p)),
      `parameter:${index}:${key}`,
    );
  return (
    <div className="field" role="group" aria-label="Parameters">
      <span className="field-label">Parameters</span>
      {parameters.length === 0 && <small className="hint">This flow takes no parameters.</small>}
      {parameters.map((p, i) => (
        <div className="parameter-row" key={i}>
          <input aria-label={`Parameter ${i + 1} name`} value={p.name} placeholder="Name" onChange={(e) => update(i, { name: e.target.value }, 'name')} onBlur={endGesture} />
          <TypeInput id={`parameter-${i}-type`} label={`Parameter ${i + 1} type`} value={p.type} catalogue={catalogue} onChange={(type) => update(i, { type }, 'type')} onCommit={endGesture} />
          <span className="row-actions">
            <button type="button" aria-label={`Move parameter ${i + 1} up`} disabled={i === 0} onClick={() => set(moveRow(parameters, i, i - 1))}>
              ↑
            </button>
            <button type="button" aria-label={`Remove parameter ${i + 1}`} onClick={() => set(parameters.filter((_, j) => j !== i))}>
              ✕
            </button>
          </span>
          {problems
            .filter((pr) => pr.field?.startsWith(`parameters[${i}]`))
            .map((pr, k) => (
              <div className="field-problem" key={k}>
                {pr.message}
              </div>
            ))}
        </div>
      ))}
      <button type="button" onClick={() => set([...parameters, { name: `Parameter${parameters.length + 1}`, type: 'String' }])}>
        + Add parameter
      </button>
    </div>
  );
}

export function ReturnTypeEditor() {
  const returnType = useEditor((s) => s.document.returnType ?? '');
  const catalogue = useEditor((s) => s.catalogue);
  const apply = useEditor((s) => s.apply);
  const endGesture = useEditor((s) => s.endGesture);
  return (
    <div className="field">
      <label htmlFor="flow-return-type">Return type</label>
      <TypeInput id="flow-return-type" label="Return type" value={returnType} catalogue={catalogue} onChange={(t) => apply((d) => setReturnType(d, t), { group: 'return-type' })} onCommit={endGesture} />
      <small className="help">Leave empty when the flow returns nothing.</small>
    </div>
  );
}

export function DescriptionEditor() {
  const description = useEditor((s) => s.document.description ?? '');
  const apply = useEditor((s) => s.apply);
  const endGesture = useEditor((s) => s.endGesture);
  return (
    <div className="field">
      <label htmlFor="flow-description">Description</label>
      <textarea id="flow-description" rows={2} value={description} onChange={(e) => apply((d) => setDescription(d, e.target.value), { group: 'description' })} onBlur={endGesture} />
    </div>
  );
}
