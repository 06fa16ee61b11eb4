/** The canvas: renders the document with React Flow and turns gestures into document commands. */
import { useCallback, useMemo, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type EdgeChange,
} from '@xyflow/react';
import { catalogue } from '../catalogue';
import { addNode, connect, moveNodes, remove } from '../document/commands';
import { useEditor } from '../store/editor-store';
import { DRAG_MIME } from '../palette/Palette';
import { ActivityNode, type ActivityFlowNode } from './ActivityNode';

const nodeTypes = { activity: ActivityNode };

export function Canvas() {
  const document = useEditor((s) => s.document);
  const problems = useEditor((s) => s.problems);
  const selection = useEditor((s) => s.selection);
  const apply = useEditor((s) => s.apply);
  const select = useEditor((s) => s.select);
  const { screenToFlowPosition } = useReactFlow();

  const nodes = useMemo<ActivityFlowNode[]>(
    () =>
      document.nodes.map((n) => ({
        id: n.id,
        type: 'activity',
        position: n.position,
        selected: n.id === selection,
        data: { kind: n.kind, ...(n.label ? { label: n.label } : {}), config: n.config, problemCount: problems.filter((p) => p.nodeId === n.id).length },
      })),
    [document.nodes, problems, selection],
  );
  const edges = useMemo<Edge[]>(
    () =>
      document.edges.map((e) => ({
        id: e.id,
        source: e.source,
        sourceHandle: e.sourcePort,
        target: e.target,
        targetHandle: 'in',
        ...(e.sourcePort !== 'out' ? { label: e.sourcePort } : {}),
        className: e.sourcePort === 'error' ? 'error-edge' : '',
      })),
    [document.edges],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<ActivityFlowNode>[]) => {
      const positions = new Map<string, { x: number; y: number }>();
      const removed = new Set<string>();
      for (const c of changes) {
        if (c.type === 'position' && c.position) positions.set(c.id, c.position);
        if (c.type === 'remove') removed.add(c.id);
        if (c.type === 'select' && c.selected) select(c.id);
      }
      if (positions.size) apply((d) => moveNodes(d, positions));
      if (removed.size) apply((d) => remove(d, removed, new Set()));
    },
    [apply, select],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
      if (removed.size) apply((d) => remove(d, new Set(), removed));
    },
    [apply],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) apply((d) => connect(d, c.source, c.sourceHandle ?? 'out', c.target));
    },
    [apply],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(DRAG_MIME);
      const definition = catalogue.activities.get(kind);
      if (!definition) return;
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      let created = '';
      apply((d) => {
        const result = addNode(d, definition, position);
        created = result.id;
        return result.document;
      });
      select(created);
    },
    [apply, select, screenToFlowPosition],
  );

  return (
    <div className="canvas" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onPaneClick={() => select(null)}
        fitView
        snapToGrid
        snapGrid={[10, 10]}
        deleteKeyCode={['Delete', 'Backspace']}
      >
        <Background />
        <Controls />
        <MiniMap />
      </ReactFlow>
    </div>
  );
}
