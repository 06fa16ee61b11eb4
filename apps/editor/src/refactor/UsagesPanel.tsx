/** The Usages panel: what refers to a flow, constant, enumeration or event type; a click goes to the node. */
import './refactor.css';
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';
import { howOf, whereOf } from './describe-reference';

export function UsagesPanel() {
  const usages = useEditor((s) => s.usages);
  const close = useEditor((s) => s.setUsages);
  const { openReference } = useActions();
  if (!usages) return null;
  return (
    <aside className="usages-panel" aria-label="Usages">
      <header>
        <h2>{usages.title}</h2>
        <button type="button" aria-label="Close usages" onClick={() => close(null)}>
          ✕
        </button>
      </header>
      {usages.loading && <p className="hint">Looking…</p>}
      {usages.error && <p className="field-problem">Could not list usages: {usages.error}</p>}
      {!usages.loading && !usages.error && usages.references.length === 0 && <p className="hint">Nothing refers to it.</p>}
      <ul>
        {usages.references.map((r, i) => (
          <li key={`${r.flow ?? 'settings'}-${r.nodeId ?? ''}-${r.field ?? ''}-${i}`}>
            <button type="button" className="usage" onClick={() => void openReference(r)} title={r.flow ? 'Open the flow and select the node' : 'Open the settings'}>
              <span className="usage-where">{whereOf(r)}</span>
              <span className="usage-how">{howOf(r)}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
