/** The workspace's constants: names, whether they are set, values of non-secret ones; set a value. Secrets are never shown. */
import { useEffect } from 'react';
import { api } from '../api/client';
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';

/** A typed value when the text is JSON (`42`, `true`, `{"a":1}`), else the text itself. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function ConstantsView() {
  const constants = useEditor((s) => s.constants);
  const refresh = useEditor((s) => s.refreshConstants);
  const ask = useEditor((s) => s.ask);
  const setStatus = useEditor((s) => s.setStatus);
  const { findUsages, renameConstant } = useActions();
  useEffect(() => void refresh(), [refresh]);

  const edit = async (name: string, secret: boolean) => {
    const answer = await ask({
      title: `Set ${name}`,
      message: secret ? 'This constant is secret: its value is stored on the server and never shown again.' : 'A JSON value or plain text.',
      input: { label: 'Value', value: '', type: secret ? 'password' : 'text' },
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'ok', label: 'Save', primary: true },
      ],
    });
    if (answer?.button !== 'ok') return;
    try {
      await api.setConstant(name, secret ? answer.value : parseValue(answer.value), secret);
      await refresh();
      setStatus(`Constant ${name} saved`);
    } catch (error) {
      setStatus(`Could not save ${name}: ${(error as Error).message}`);
    }
  };
  const add = async () => {
    const answer = await ask({
      title: 'New constant',
      input: { label: 'Name (Module.Name)', value: '', check: (v) => (/^[A-Za-z_]\w*\.[A-Za-z_][\w.]*$/.test(v) ? null : 'Use Module.Name, e.g. Shop.EventBusName.') },
      buttons: [
        { id: 'cancel', label: 'Cancel' },
        { id: 'secret', label: 'Add secret' },
        { id: 'ok', label: 'Add', primary: true },
      ],
    });
    if (answer) await edit(answer.value, answer.button === 'secret');
  };
  return (
    <section className="view constants-view" aria-label="Constants">
      <h1>Constants</h1>
      <p className="hint">
        Read in expressions as <code>$constant('Module.Name')</code> (non-secret only); secret constants go in constant fields such as credentials.
      </p>
      <button type="button" onClick={() => void add()}>
        + New constant
      </button>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Secret</th>
            <th>Value</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {constants.map((c) => (
            <tr key={c.name}>
              <td>
                <code>{c.name}</code>
              </td>
              <td>{c.secret ? 'secret' : ''}</td>
              <td>{c.secret ? (c.set ? '••••••' : <em>not set</em>) : c.set ? <code>{JSON.stringify(c.value)}</code> : <em>not set</em>}</td>
              <td>
                <button type="button" onClick={() => void edit(c.name, c.secret)}>
                  Set value
                </button>
                <button type="button" aria-label={`Find usages of ${c.name}`} onClick={() => void findUsages({ kind: 'constant', name: c.name })}>
                  Find usages
                </button>
                <button type="button" aria-label={`Rename ${c.name}`} onClick={() => void renameConstant(c.name)}>
                  Rename
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {constants.length === 0 && <p className="hint">No constants yet (or this server has no constants API).</p>}
    </section>
  );
}
