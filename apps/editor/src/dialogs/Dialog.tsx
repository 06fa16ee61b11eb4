/** The one modal dialog: confirmations and one-line prompts requested through the store's `ask`. */
import { useEffect, useRef, useState } from 'react';
import { useEditor } from '../store/use-editor';

export function Dialog() {
  const dialog = useEditor((s) => s.dialog);
  const close = useEditor((s) => s.closeDialog);
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setValue(dialog?.input?.value ?? '');
    if (dialog?.input) setTimeout(() => input.current?.select(), 0);
  }, [dialog]);
  if (!dialog) return null;
  const problem = dialog.input?.check?.(value) ?? null;
  const primary = dialog.buttons.find((b) => b.primary) ?? dialog.buttons[dialog.buttons.length - 1];
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && close(null)}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{dialog.title}</h2>
        {dialog.message && <p>{dialog.message}</p>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!problem && primary) close({ button: primary.id, value });
          }}
        >
          {dialog.input && (
            <div className="field">
              <label htmlFor="dialog-input">{dialog.input.label}</label>
              <input id="dialog-input" ref={input} type={dialog.input.type ?? 'text'} value={value} autoFocus onChange={(e) => setValue(e.target.value)} />
              {problem && value !== '' && <div className="field-problem">{problem}</div>}
            </div>
          )}
          <div className="dialog-buttons">
            {dialog.buttons.map((b) => (
              <button
                key={b.id}
                type={b === primary ? 'submit' : 'button'}
                className={b.danger ? 'danger' : b.primary ? 'primary' : ''}
                autoFocus={!dialog.input && b === primary}
                disabled={b !== dialog.buttons[0] && !!dialog.input && !!problem}
                onClick={b === primary ? undefined : () => close(b.id === 'cancel' ? null : { button: b.id, value })}
              >
                {b.label}
              </button>
            ))}
          </div>
        </form>
      </div>
    </div>
  );
}
