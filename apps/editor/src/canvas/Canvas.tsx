/** The canvas: renders the document with React Flow and turns gestures into document commands. */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type ReactFlowState,
} from '@xyflow/react';
import type { ActivityDefinition, FlowDocument, Position } from '@flowbridge/flow-model';
import { connect, moveNodes, reconnect } from '../document/commands';
import { addConnected, addNodeInFreeSpace, insertOnEdge } from '../document/insert';
import { flowDirection } from '../document/layout';
import { fitViewport, READABLE_ZOOM } from './fit-view';
import { NodePicker } from './NodePicker';
import { DRAG_MIME } from '../palette/Palette';
import { useEditor, useEditorStore } from '../store/use-editor';
import { ActivityNode, DETAIL_ZOOM } from './ActivityNode';
import { AnnotationNode } from './AnnotationNode';
import { countProblems, createElementCache, type CanvasNode } from './flow-elements';
import { traceOverlay } from '../runs/trace-overlay';
import { registerViewport } from './viewport';
import { edgeSheetPaths } from './edge-sheet';
import { EdgeSheet } from './EdgeSheet';

const nodeTypes = { activity: ActivityNode, annotation: AnnotationNode };
const NO_EDGES: Edge[] = [];
/** True below the zoom at which nodes drop their captions (a boolean, so the canvas renders only when it flips). */
const zoomedOutOf = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;
const GRID = 10;
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

/** The edge drawn under a screen point (React Flow marks each edge's group with its id), if any. */
function edgeAt(x: number, y: number): string | null {
  for (const element of globalThis.document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge');
    const id = edge?.getAttribute('data-id');
    if (id) return id;
  }
  return null;
}

/** Where a connection was dropped on empty canvas, waiting for the person to pick what to add there. */
interface PendingConnection {
  from: { node: string; port: string; handle: 'source' | 'target' };
  /** Flow position of the drop. */
  position: Position;
  /** Pixels relative to the canvas, where the picker opens. */
  screen: { left: number; top: number };
}

export function Canvas() {
  const editor = useEditorStore();
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
  const zoomedOut = useStore(zoomedOutOf);
  const cache = useRef(createElementCache()).current;
  const pointer = useRef<Position | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const measured = useRef(new Map<string, { width: number; height: number }>()).current;
  const [measureTick, setMeasureTick] = useState(0);
  const [dropEdge, setDropEdge] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingConnection | null>(null);
  const direction = useMemo(() => flowDirection(document), [document.nodes, document.edges]);

  const problemCounts = useMemo(() => countProblems(problems), [problems]);
  const path = useMemo(() => traceOverlay(activeRun, document), [activeRun, document]);
  const selectedSet = useMemo(() => new Set(selection), [selection]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  const nodes = useMemo(
    () => cache.nodes(document, catalogue, { selected: selectedSet, problemCounts, visited: path.nodes, failedAt: path.failedAt, measured, direction }),
    // measureTick stands for the contents of `measured`, which is mutated in place.
    [cache, document, catalogue, selectedSet, problemCounts, path, measureTick, direction],
  );
  const shownEdges = useMemo(() => cache.edges(document, catalogue, selectedEdgeSet, path.edges), [cache, document, catalogue, selectedEdgeSet, path]);
  // The edge a dragged activity would be inserted into is highlighted while the drag is over it.
  const edges = useMemo(() => (dropEdge ? shownEdges.map((e) => (e.id === dropEdge ? { ...e, className: `${e.className ?? ''} drop-target` } : e)) : shownEdges), [shownEdges, dropEdge]);
  // A big flow seen from far away draws its edges as one sheet that a pan only moves (see edge-sheet.ts).
  const big = document.nodes.length > OPEN_WHOLE_LIMIT;
  const sheet = zoomedOut && big;
  const sheetPaths = useMemo(
    () => (sheet ? edgeSheetPaths(document, measured, direction, path.edges) : null),
    // measureTick stands for the contents of `measured`, which is mutated in place.
    [sheet, document, measureTick, direction, path],
  );

  /** Shows the flow (or the given nodes) as large as fits, never below the readable zoom unless `all`. */
  const fit = useCallback(
    (options: { all?: boolean; nodes?: Array<{ id: string }>; duration?: number } = {}) => {
      const rect = wrapper.current?.getBoundingClientRect();
      const shown = options.nodes ? flow.getNodes().filter((n) => options.nodes!.some((o) => o.id === n.id)) : flow.getNodes();
      if (!rect || rect.width === 0 || shown.length === 0) return;
      const bounds = flow.getNodesBounds(shown);
      const next = fitViewport(bounds, rect, options.all ? 0.05 : READABLE_ZOOM);
      void flow.setViewport(next, options.duration ? { duration: options.duration } : undefined);
    },
    [flow],
  );

  useEffect(() => {
    registerViewport({
      fitView: (options) => fit({ ...options, duration: 200 }),
      size: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        return rect ? { width: rect.width, height: rect.height } : null;
      },
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
  }, [flow, fit]);

  // A newly opened flow is shown whole; a big one opens around its Start (F shows all of it).
  useEffect(() => {
    // Node ids repeat across flows ("start", "n3"); sizes measured in the previous flow do not apply.
    measured.clear();
    const id = requestAnimationFrame(() => fit(openingView(editor.getState().document)));
    return () => cancelAnimationFrame(id);
  }, [loadSerial, fit, measured]);

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
        const { selection, selectedEdges } = editor.getState();
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
        const { selection, selectedEdges } = editor.getState();
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
      setDropEdge(null);
      const kind = event.dataTransfer.getData(DRAG_MIME);
      const { catalogue } = editor.getState();
      const definition = catalogue.activities.get(kind);
      if (!definition) return;
      // The drop point is where the node's centre-left lands, so it appears under the pointer.
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const position = snap({ x: at.x - 20, y: at.y - 20 });
      const edge = edgeAt(event.clientX, event.clientY);
      let created = '';
      apply((d) => {
        const result = edge ? insertOnEdge(d, edge, definition, position, catalogue, measured) : addNodeInFreeSpace(d, definition, position, measured);
        created = result.id;
        return result.document;
      });
      select([created]);
    },
    [apply, select, flow, measured],
  );
  // A connection released on empty canvas opens the picker there; released on a node, React Flow connects it.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || state.toNode || !state.fromNode || !state.fromHandle) return;
      const target = event.target instanceof Element ? event.target : null;
      if (!target?.closest('.react-flow__pane')) return;
      const point = 'changedTouches' in event ? event.changedTouches[0]! : event;
      const rect = wrapper.current?.getBoundingClientRect();
      if (!rect) return;
      setPending({
        from: { node: state.fromNode.id, port: state.fromHandle.id ?? (state.fromHandle.type === 'source' ? 'out' : 'in'), handle: state.fromHandle.type },
        position: snap(flow.screenToFlowPosition({ x: point.clientX, y: point.clientY })),
        screen: { left: point.clientX - rect.left, top: point.clientY - rect.top },
      });
    },
    [flow],
  );
  const addPending = useCallback(
    (definition: ActivityDefinition) => {
      if (!pending) return;
      const { catalogue } = editor.getState();
      let created = '';
      apply((d) => {
        const result = addConnected(d, definition, { x: pending.position.x, y: pending.position.y - 20 }, pending.from, catalogue, measured);
        created = result.id;
        return result.document;
      });
      setPending(null);
      select([created]);
    },
    [pending, apply, select, measured],
  );

  return (
    <div
      className={['canvas', path.active ? 'run-shown' : '', zoomedOut ? 'zoomed-out' : '', sheet ? 'overview' : ''].filter(Boolean).join(' ')}
      ref={wrapper}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        const edge = edgeAt(e.clientX, e.clientY);
        if (edge !== dropEdge) setDropEdge(edge);
      }}
      onDragLeave={() => setDropEdge(null)}
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
        edges={sheet ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={endGesture}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        onPaneClick={() => select([])}
        isValidConnection={(c) => c.source !== c.target}
        snapToGrid
        snapGrid={[GRID, GRID]}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onlyRenderVisibleElements={document.nodes.length > 200}
        minZoom={0.05}
        proOptions={{ hideAttribution: true }}
      >
        {/*
          Zoomed out the dots are a few pixels apart, too dense to align anything by, and drawing them again
          on every frame of a pan cost a fifth of the frame rate (the fitted 1,000-node flow): they go.
        */}
        {!zoomedOut && <Background variant={BackgroundVariant.Dots} gap={GRID * 2} />}
        <Controls />
        {/* A big flow's minimap is drawn again on every frame of a pan: plain rectangles raster fastest. */}
        <MiniMap pannable zoomable nodeColor={miniMapColor} nodeStrokeWidth={big ? 0 : 2} nodeBorderRadius={big ? 0 : 5} />
        {sheetPaths && <EdgeSheet paths={sheetPaths} />}
      </ReactFlow>
      {pending && <NodePicker catalogue={catalogue} at={pending.screen} onPick={addPending} onClose={() => setPending(null)} />}
    </div>
  );
}
