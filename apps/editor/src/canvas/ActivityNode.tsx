/** One activity on the canvas: icon, caption, an input handle and one labelled handle per outgoing port. */
import { memo } from 'react';
import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import type { ActivityDefinition, PortDefinition } from '@flowbridge/flow-model';

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
};
export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

/** Below this zoom, text is too small to read: nodes drop their labels, which makes big flows render faster. */
export const DETAIL_ZOOM = 0.4;
const showsDetail = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;

function ActivityNodeView({ data, selected }: NodeProps<ActivityFlowNode>) {
  const { definition, ports } = data;
  const detailed = useStore(showsDetail);
  const role = definition?.role ?? 'activity';
  const category = (definition?.category ?? 'unknown').toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const classes = ['activity-node', `role-${role}`, `category-${category}`];
  if (selected) classes.push('selected');
  if (data.visited) classes.push('visited');
  if (data.failed) classes.push('failed');
  if (!definition) classes.push('unknown');
  const labelled = ports.length > 1 || ports.some((p) => p.id !== 'out');
  return (
    <div className={classes.join(' ')} data-kind={data.kind} title={definition?.description ?? `Unknown activity ${data.kind}`}>
      {role !== 'start' && <Handle type="target" position={Position.Left} id="in" />}
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
      {data.problemCount > 0 && (
        <span className="problem-badge" title={`${data.problemCount} problem(s)`}>
          {data.problemCount}
        </span>
      )}
      {ports.map((port, i) => {
        const top = `${((i + 1) * 100) / (ports.length + 1)}%`;
        return (
          <Handle key={port.id} type="source" position={Position.Right} id={port.id} className={port.id === 'error' ? 'error-port' : ''} style={{ top }}>
            {labelled && detailed && <span className="port-label">{port.label ?? port.id}</span>}
          </Handle>
        );
      })}
    </div>
  );
}

export const ActivityNode = memo(ActivityNodeView);
