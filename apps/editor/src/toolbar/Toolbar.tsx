/** Flow name, Save, Run, undo/redo, layout, annotation, and the status line. */
import { checkFlowName } from '@flowbridge/flow-model';
import { addAnnotation } from '../document/commands';
import { viewport } from '../canvas/viewport';
import { layoutFlow } from '../keyboard/shortcuts';
import { useEditor } from '../store/use-editor';
import { useActions } from '../app/use-actions';
import { useEditorStore } from '../store/use-editor';
import { DebugButtons } from '../debugger/DebugButtons';
import { withoutDoubledPrefix } from '../workspace/grouping';

export function Toolbar() {
  const { runFlow, saveFlow } = useActions();
  const editor = useEditorStore();
  const name = useEditor((s) => s.document.name);
  const flowName = useEditor((s) => s.flowName);
  const dirty = useEditor((s) => s.dirty);
  const status = useEditor((s) => s.status);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const view = useEditor((s) => s.view);
  const live = useEditor((s) => s.live);
  const apply = useEditor((s) => s.apply);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const select = useEditor((s) => s.select);
  const nameProblem = checkFlowName(name);
  const isDraft = flowName === null;
  const flowView = view.kind === 'flow';

  const addNote = () => {
    let id = '';
    apply((d) => {
      const result = addAnnotation(d, viewport()?.centre() ?? { x: 0, y: 120 });
      id = result.id;
      return result.document;
    });
    select([id]);
    // The note's text is what one adds a note for: put the cursor there, its placeholder text selected.
    requestAnimationFrame(() => {
      const text = globalThis.document.getElementById('annotation-text');
      if (text instanceof HTMLTextAreaElement) {
        text.focus();
        text.select();
      }
    });
  };

  return (
    <header className="toolbar">
      <strong className="brand">Flowbridge</strong>
      {flowView && (
        <>
          <label className="flow-name">
            Flow name{' '}
            <input
              aria-label="Flow name"
              value={name}
              readOnly={!isDraft}
              title={isDraft ? 'Name of the new flow' : 'Rename the flow from the explorer'}
              onChange={(e) => {
                const typed = withoutDoubledPrefix(e.target.value);
                apply((d) => ({ ...d, name: typed }), { group: 'name' });
              }}
            />
            {dirty && (
              <span className="dirty-marker" title="Unsaved changes" aria-label="Unsaved changes">
                ●
              </span>
            )}
          </label>
          {nameProblem && <span className="field-problem">{nameProblem}</span>}
          <button onClick={() => void saveFlow()} disabled={!!nameProblem} title="Save (Ctrl+S)">
            Save{dirty || isDraft ? ' *' : ''}
          </button>
          <button onClick={() => void runFlow()} disabled={!!nameProblem} title={dirty || isDraft ? 'Saves the flow first, then runs it on the server (Ctrl+Enter)' : 'Run the saved flow on the server (Ctrl+Enter)'}>
            Run ▶{(dirty || isDraft) && <small className="saves-first"> (saves first)</small>}
          </button>
          <DebugButtons disabled={!!nameProblem} />
          <span className="toolbar-group">
            <button onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">
              ↶
            </button>
            <button onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
              ↷
            </button>
            <button onClick={() => void layoutFlow(editor)} title="Arrange the flow left to right (Shift+L)">
              Auto-layout
            </button>
            <button onClick={addNote} title="Add an annotation">
              + Note
            </button>
          </span>
        </>
      )}
      <span role="status" className="status">
        {status}
      </span>
      <span className={`live-indicator live-${live}`} data-live={live} title={live === 'open' ? 'Live: runs and inbox changes appear as they happen' : 'Live updates are not connected'}>
        ● live
      </span>
    </header>
  );
}
