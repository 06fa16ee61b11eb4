/** One activity on the canvas: icon, caption, an input handle and one labelled handle per outgoing port. */
import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useStore, useUpdateNodeInternals, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import type { ActivityDefinition, PortDefinition } from '@flowbridge/flow-model';
import { BreakpointMarker } from '../debugger/BreakpointMarker';

export type ActivityNodeData = {
  kind: string;
  caption: string;
  definition: ActivityDefinition | undefined;
  ports: PortDefinition[];
  problemCount: number;
  /** The shown run passed through this node. */
  visited: boolean;
  /** The shown run failed here. */
  failed: boolean;
  /** Which way the flow reads: inputs left and outputs right, or inputs on top and outputs at the bottom. */
  direction?: 'LR' | 'TB';
};
export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

/** Below this zoom, text is too small to read: nodes drop their labels, which makes big flows render faster. */
export const DETAIL_ZOOM = 0.4;
const showsDetail = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;

function ActivityNodeView({ id, data, selected }: NodeProps<ActivityFlowNode>) {
  const { definition, ports } = data;
  const detailed = useStore(showsDetail);
  const role = definition?.role ?? 'activity';
  const category = (definition?.category ?? 'unknown').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  // Activities of installed connectors (any kind outside `core.`) share the connector accent.
  const classes = ['activity-node', `role-${role}`, `category-${category}`, definition && !definition.kind.startsWith('core.') ? 'connector' : 'core'];
  if (selected) classes.push('selected');
  if (data.visited) classes.push('visited');
  if (data.failed) classes.push('failed');
  if (!definition) classes.push('unknown');
  const labelled = ports.length > 1 || ports.some((p) => p.id !== 'out');
  const down = data.direction === 'TB';
  // Ports moved to other sides: React Flow must measure them again, or edges keep leaving from the old ones.
  const updateInternals = useUpdateNodeInternals();
  const shownDirection = useRef(data.direction);
  useEffect(() => {
    if (shownDirection.current === data.direction) return;
    shownDirection.current = data.direction;
    updateInternals(id);
  }, [id, data.direction, updateInternals]);
  return (
    <div className={classes.join(' ')} data-kind={data.kind} title={definition?.description ?? `Unknown activity ${data.kind}`}>
      {role !== 'start' && <Handle type="target" position={down ? Position.Top : Position.Left} id="in" />}
      {detailed ? (
        <>
          <span className="icon" aria-hidden>
            {definition?.icon ?? '?'}
          </span>
          <span className="caption">
            {data.caption}
            {definition && data.caption !== definition.label && <small>{definition.label}</small>}
          </span>
        </>
      ) : (
        // Zoomed out, a node is a coloured box; its caption stays available as the accessible name.
        <span className="caption-hidden" aria-label={data.caption} />
      )}
      <BreakpointMarker nodeId={id} />
      {data.problemCount > 0 && (
        <span className="problem-badge" title={`${data.problemCount} problem(s)`}>
          {data.problemCount}
        </span>
      )}
      {ports.map((port, i) => {
        const along = `${((i + 1) * 100) / (ports.length + 1)}%`;
        return (
          <Handle key={port.id} type="source" position={down ? Position.Bottom : Position.Right} id={port.id} className={port.id === 'error' ? 'error-port' : ''} style={down ? { left: along } : { top: along }}>
            {labelled && detailed && <span className="port-label">{port.label ?? port.id}</span>}
          </Handle>
        );
      })}
    </div>
  );
}

export const ActivityNode = memo(ActivityNodeView);
