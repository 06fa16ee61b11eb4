/** A free-text note on the canvas; double-click to edit, as Mendix annotations. */
import { memo, useState } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { setAnnotationText } from '../document/commands';
import { useEditor } from '../store/use-editor';

export type AnnotationNodeData = { text: string };
export type AnnotationFlowNode = Node<AnnotationNodeData, 'annotation'>;

function AnnotationNodeView({ id, data, selected }: NodeProps<AnnotationFlowNode>) {
  const [editing, setEditing] = useState(false);
  const apply = useEditor((s) => s.apply);
  return (
    <div className={`annotation-node${selected ? ' selected' : ''}`} onDoubleClick={() => setEditing(true)}>
      {editing ? (
        <textarea
          className="nodrag nowheel"
          aria-label="Annotation text"
          autoFocus
          defaultValue={data.text}
          onBlur={(e) => {
            const text = e.target.value;
            if (text !== data.text) apply((d) => setAnnotationText(d, id, text));
            setEditing(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
            e.stopPropagation();
          }}
        />
      ) : (
        <span>{data.text || 'Double-click to write a note'}</span>
      )}
    </div>
  );
}

export const AnnotationNode = memo(AnnotationNodeView);
