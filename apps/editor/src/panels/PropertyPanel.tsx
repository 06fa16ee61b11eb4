/** The property panel: the selected node's fields (generated from its definition), an annotation, or the flow itself. */
import { setAnnotationText } from '../document/commands';
import { lazyPart } from '../lazy/lazy-part';
import { useEditor } from '../store/use-editor';
import { DescriptionEditor, ParametersEditor, ReturnTypeEditor } from './FlowSignatureEditor';

// A node's panel brings its widgets, scope analysis and JSONata: none of them is needed to draw a flow.
const nodePanel = lazyPart(() => import('./NodePanel').then((m) => m.NodePanel), <h2 aria-busy="true">Loading…</h2>);
const NodePanel = nodePanel.Part;

/** Fetches the node panel's code, so selecting a node rarely waits for it. */
export const preloadNodePanel = nodePanel.preload;

export function PropertyPanel() {
  const selection = useEditor((s) => s.selection);
  const node = useEditor((s) => s.document.nodes.find((n) => n.id === s.selection[s.selection.length - 1]));
  const annotation = useEditor((s) => s.document.annotations.find((a) => a.id === s.selection[s.selection.length - 1]));
  return (
    <aside className="panel" aria-label="Properties">
      {selection.length > 1 && <p className="hint">{selection.length} elements selected; showing the last one picked.</p>}
      {node ? <NodePanel node={node} /> : annotation ? <AnnotationPanel id={annotation.id} text={annotation.text} /> : <FlowPanel />}
    </aside>
  );
}

function FlowPanel() {
  const name = useEditor((s) => s.document.name);
  return (
    <>
      <h2>Flow {name}</h2>
      <p className="hint">Select an activity to edit it. Drag activities from the toolbox; connect their ports.</p>
      <DescriptionEditor />
      <ParametersEditor />
      <ReturnTypeEditor />
    </>
  );
}

function AnnotationPanel({ id, text }: { id: string; text: string }) {
  const apply = useEditor((s) => s.apply);
  const endGesture = useEditor((s) => s.endGesture);
  return (
    <>
      <h2>Annotation</h2>
      <div className="field">
        <label htmlFor="annotation-text">Text</label>
        <textarea id="annotation-text" rows={4} value={text} onChange={(e) => apply((d) => setAnnotationText(d, id, e.target.value), { group: `annotation:${id}` })} onBlur={endGesture} />
      </div>
    </>
  );
}
