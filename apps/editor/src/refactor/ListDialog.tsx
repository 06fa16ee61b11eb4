/** The modal for a decision about a list: a rename's preview of every change, or the usages that block a delete. */
import { useEditor } from '../store/use-editor';

export function ListDialog() {
  const dialog = useEditor((s) => s.listDialog);
  const close = useEditor((s) => s.closeList);
  if (!dialog) return null;
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && close(null)}>
      <div className="dialog list-dialog" role="dialog" aria-modal="true" aria-labelledby="list-dialog-title">
        <h2 id="list-dialog-title">{dialog.title}</h2>
        <p>{dialog.intro}</p>
        <ul className="dialog-list" aria-label="Changes">
          {dialog.items.map((item) => (
            <li key={item.key}>
              <span>{item.text}</span>
              {item.detail && <code>{item.detail}</code>}
            </li>
          ))}
        </ul>
        {dialog.outro && <p className="hint">{dialog.outro}</p>}
        <div className="dialog-buttons">
          {dialog.buttons.map((b) => (
            <button key={b.id} type="button" className={b.danger ? 'danger' : b.primary ? 'primary' : ''} autoFocus={b.primary} onClick={() => close(b.id === 'cancel' ? null : b.id)}>
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
