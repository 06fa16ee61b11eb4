/** The property panel of the selected node, generated from its activity definition's fields. */
import type { FieldDefinition } from '@flowbridge/flow-model';
import { catalogue } from '../catalogue';
import { setField } from '../document/commands';
import { useEditor } from '../store/editor-store';

export function PropertyPanel() {
  const document = useEditor((s) => s.document);
  const selection = useEditor((s) => s.selection);
  const problems = useEditor((s) => s.problems);
  const apply = useEditor((s) => s.apply);
  const node = document.nodes.find((n) => n.id === selection);
  if (!node) {
    return (
      <aside className="panel" aria-label="Properties">
        <h2>Properties</h2>
        <p className="hint">Select an activity to edit it.</p>
      </aside>
    );
  }
  const definition = catalogue.activities.get(node.kind);
  return (
    <aside className="panel" aria-label="Properties">
      <h2>
        {definition?.icon} {definition?.label ?? node.kind}
      </h2>
      <p className="hint">{definition?.description}</p>
      {definition?.fields.map((field) => (
        <FieldEditor
          key={field.name}
          field={field}
          value={node.config[field.name]}
          problem={problems.find((p) => p.nodeId === node.id && p.field === field.name)?.message}
          onChange={(value) => apply((d) => setField(d, node.id, field.name, value))}
        />
      ))}
    </aside>
  );
}

function FieldEditor({ field, value, problem, onChange }: { field: FieldDefinition; value: unknown; problem: string | undefined; onChange: (value: unknown) => void }) {
  const id = `field-${field.name}`;
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  let input;
  if (field.widget === 'select' && field.options) {
    input = (
      <select id={id} value={text} onChange={(e) => onChange(e.target.value)}>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.widget === 'checkbox') {
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  } else {
    input = <textarea id={id} value={text} rows={field.widget === 'template' || field.widget === 'expression' ? 3 : 1} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {field.label}
        {field.required ? ' *' : ''}
      </label>
      {input}
      {field.help && <small>{field.help}</small>}
      {problem && <div className="field-problem">{problem}</div>}
    </div>
  );
}
