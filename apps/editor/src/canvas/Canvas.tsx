/** The canvas: renders the document with React Flow and turns gestures into document commands. */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { FlowDocument, Position } from '@flowbridge/flow-model';
import { addNode, connect, moveNodes, reconnect } from '../document/commands';
import { DRAG_MIME } from '../palette/Palette';
import { useEditor } from '../store/editor-store';
import { ActivityNode } from './ActivityNode';
import { AnnotationNode } from './AnnotationNode';
import { countProblems, createElementCache, type CanvasNode } from './flow-elements';
import { traceOverlay } from '../runs/trace-overlay';
import { registerViewport } from './viewport';

const nodeTypes = { activity: ActivityNode, annotation: AnnotationNode };
const GRID = 10;
/** A small flow is shown at natural size, not blown up to fill the canvas. */
const FIT_VIEW = { padding: 0.2, maxZoom: 1 };
const snap = (p: Position): Position => ({ x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID });

/** Applies React Flow's select/deselect changes, keeping the existing order (the panel shows the last picked). */
export function applySelection(current: readonly string[], picked: ReadonlyMap<string, boolean>): string[] {
  const kept = current.filter((id) => picked.get(id) !== false);
  for (const [id, on] of picked) if (on && !kept.includes(id)) kept.push(id);
  return kept.length === current.length && kept.every((id, i) => id === current[i]) ? (current as string[]) : kept;
}

/** Above this many nodes a flow opens on the part around its Start rather than all of it (which would be unreadable and slow). */
const OPEN_WHOLE_LIMIT = 200;

/** Which nodes the initial view fits: all, or for big flows those within a screen or so of the Start. */
export function openingView(document: FlowDocument): { nodes?: Array<{ id: string }> } {
  if (document.nodes.length <= OPEN_WHOLE_LIMIT) return {};
  const start = document.nodes.find((n) => n.kind === 'core.Start') ?? document.nodes[0];
  if (!start) return {};
  const near = document.nodes.filter((n) => Math.abs(n.position.x - start.position.x) < 1400 && Math.abs(n.position.y - start.position.y) < 700);
  return { nodes: near.map((n) => ({ id: n.id })) };
}

function miniMapColor(node: CanvasNode): string {
  if (node.type === 'annotation') return '#f3e9a0';
  if (node.data.problemCount > 0) return '#e57373';
  return node.data.definition?.role === 'start' ? '#81c784' : '#9fb0cc';
}

export function Canvas() {
  const document = useEditor((s) => s.document);
  const catalogue = useEditor((s) => s.catalogue);
  const problems = useEditor((s) => s.problems);
  const selection = useEditor((s) => s.selection);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const loadSerial = useEditor((s) => s.loadSerial);
  const activeRun = useEditor((s) => s.runs.find((r) => r.id === s.activeRunId && r.flow === s.document.name));
  const apply = useEditor((s) => s.apply);
  const endGesture = useEditor((s) => s.endGesture);
  const select = useEditor((s) => s.select);
  const flow = useReactFlow();
  const cache = useRef(createElementCache()).current;
  const pointer = useRef<Position | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const [measureTick, setMeasureTick] = useState(0);

  const problemCounts = useMemo(() => countProblems(problems), [problems]);
  const path = useMemo(() => traceOverlay(activeRun, document), [activeRun, document]);
  const selectedSet = useMemo(() => new Set(selection), [selection]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const nodes = useMemo(
    () => cache.nodes(document, catalogue, { selected: selectedSet, problemCounts, visited: path.nodes, failedAt: path.failedAt, measured }),
    // measureTick stands for the contents of `measured`, which is mutated in place.
    [cache, document, catalogue, selectedSet, problemCounts, path, measureTick],
  );
  const edges = useMemo(() => cache.edges(document, catalogue, selectedEdgeSet, path.edges), [cache, document, catalogue, selectedEdgeSet, path]);

  useEffect(() => {
    registerViewport({
      fitView: () => void flow.fitView({ ...FIT_VIEW, duration: 200 }),
      pointer: () => pointer.current,
      centre: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        return rect ? snap(flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 })) : { x: 0, y: 0 };
      },
      reveal: (nodeId) => {
        const node = flow.getInternalNode(nodeId);
        if (!node) return;
        const { width = 180, height = 46 } = node.measured;
        const at = node.internals.positionAbsolute;
        void flow.setCenter(at.x + width / 2, at.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.6), duration: 200 });
      },
    });
    return () => registerViewport(null);
  }, [flow]);

  // A newly opened flow is shown whole; a big one opens around its Start (F shows all of it).
  useEffect(() => {
    // Node ids repeat across flows ("start", "n3"); sizes measured in the previous flow do not apply.
    measured.clear();
    const id = requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW, ...openingView(useEditor.getState().document) }));
    return () => cancelAnimationFrame(id);
  }, [loadSerial, flow, measured]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const positions = new Map<string, Position>();
      const picked = new Map<string, boolean>();
      let resized = false;
      for (const c of changes) {
        if (c.type === 'position' && c.position) positions.set(c.id, c.position);
        if (c.type === 'select') picked.set(c.id, c.selected);
        if (c.type === 'dimensions' && c.dimensions) {
          const old = measured.get(c.id);
          if (old?.width !== c.dimensions.width || old?.height !== c.dimensions.height) {
            measured.set(c.id, c.dimensions);
            resized = true;
          }
        }
      }
      if (resized) setMeasureTick((t) => t + 1);
      if (positions.size) apply((d) => moveNodes(d, positions), { group: 'drag' });
      if (picked.size) {
        const { selection, selectedEdges } = useEditor.getState();
        select(applySelection(selection, picked), selectedEdges);
      }
    },
    [apply, select, measured],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const picked = new Map<string, boolean>();
      for (const c of changes) if (c.type === 'select') picked.set(c.id, c.selected);
      if (picked.size) {
        const { selection, selectedEdges } = useEditor.getState();
        select(selection, applySelection(selectedEdges, picked));
      }
    },
    [select],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      if (c.source && c.target) apply((d) => connect(d, c.source, c.sourceHandle ?? 'out', c.target));
    },
    [apply],
  );
  const onReconnect = useCallback(
    (old: { id: string }, c: Connection) => {
      if (c.source && c.target) apply((d) => reconnect(d, old.id, c.source, c.sourceHandle ?? 'out', c.target));
    },
    [apply],
  );
  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(DRAG_MIME);
      const definition = useEditor.getState().catalogue.activities.get(kind);
      if (!definition) return;
      // The drop point is where the node's centre-left lands, so it appears under the pointer.
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const position = snap({ x: at.x - 20, y: at.y - 20 });
      let created = '';
      apply((d) => {
        const result = addNode(d, definition, position);
        created = result.id;
        return result.document;
      });
      select([created]);
    },
    [apply, select, flow],
  );

  return (
    <div
      className={path.active ? 'canvas run-shown' : 'canvas'}
      ref={wrapper}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      onDrop={onDrop}
      onPointerMove={(e) => {
        pointer.current = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      }}
      onPointerLeave={() => {
        pointer.current = null;
      }}
    >
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={endGesture}
        onConnect={onConnect}
        onReconnect={onReconnect}
        onPaneClick={() => select([])}
        isValidConnection={(c) => c.source !== c.target}
        snapToGrid
        snapGrid={[GRID, GRID]}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onlyRenderVisibleElements={document.nodes.length > 200}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
        fitView
        fitViewOptions={FIT_VIEW}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID * 2} />
        <Controls />
        <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={2} />
      </ReactFlow>
    </div>
  );
}
