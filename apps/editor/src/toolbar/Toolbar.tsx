/** Flow name, Save and Run. */
import { checkFlowName } from '@flowbridge/flow-model';
import { api, ApiError } from '../api/client';
import { useEditor } from '../store/editor-store';

export function Toolbar() {
  const document = useEditor((s) => s.document);
  const saved = useEditor((s) => s.saved);
  const status = useEditor((s) => s.status);
  const apply = useEditor((s) => s.apply);
  const setStatus = useEditor((s) => s.setStatus);
  const markSaved = useEditor((s) => s.markSaved);
  const setRun = useEditor((s) => s.setRun);
  const nameProblem = checkFlowName(document.name);

  const save = async () => {
    try {
      const { problems } = await api.saveFlow(document.name, document);
      markSaved();
      setStatus(problems.length ? `Saved with ${problems.length} problem(s)` : 'Saved');
      return true;
    } catch (error) {
      setStatus(`Save failed: ${(error as Error).message}`);
      return false;
    }
  };
  const runFlow = async () => {
    if (!(await save())) return;
    setStatus('Running…');
    try {
      const record = await api.runFlow(document.name, {});
      setRun(record);
      setStatus(`Run ${record.status}`);
    } catch (error) {
      setRun(null);
      setStatus(error instanceof ApiError ? `Run refused: ${error.message}` : `Run failed: ${(error as Error).message}`);
    }
  };

  return (
    <header className="toolbar">
      <strong className="brand">Flowbridge</strong>
      <label>
        Flow name{' '}
        <input aria-label="Flow name" value={document.name} onChange={(e) => apply((d) => ({ ...d, name: e.target.value }))} />
      </label>
      {nameProblem && <span className="field-problem">{nameProblem}</span>}
      <button onClick={save} disabled={!!nameProblem}>
        Save{saved ? '' : ' *'}
      </button>
      <button onClick={runFlow} disabled={!!nameProblem}>
        Run
      </button>
      <span role="status" className="status">
        {status}
      </span>
    </header>
  );
}
