/** One activity on the canvas: icon, caption, an input handle and one handle per outgoing port. */
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { portsOf } from '@flowbridge/flow-model';
import { catalogue } from '../catalogue';

export type ActivityNodeData = { kind: string; label?: string; config: Record<string, unknown>; problemCount: number };
export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

export function ActivityNode({ data, selected }: NodeProps<ActivityFlowNode>) {
  const definition = catalogue.activities.get(data.kind);
  const ports = definition ? portsOf(definition, data.config) : [];
  const isStart = definition?.role === 'start';
  return (
    <div className={`activity-node${selected ? ' selected' : ''}`} data-kind={data.kind}>
      {!isStart && <Handle type="target" position={Position.Left} id="in" />}
      <span className="icon">{definition?.icon ?? '?'}</span>
      <span className="caption">{data.label ?? definition?.label ?? data.kind}</span>
      {data.problemCount > 0 && <span className="problem-badge" title="Problems">{data.problemCount}</span>}
      {ports.map((port, i) => (
        <Handle key={port.id} type="source" position={Position.Right} id={port.id} style={{ top: `${((i + 1) * 100) / (ports.length + 1)}%` }} />
      ))}
    </div>
  );
}
