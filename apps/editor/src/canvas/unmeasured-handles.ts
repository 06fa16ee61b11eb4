/**
 * Where a node's ports are before React Flow has measured it. React Flow draws every node whose
 * handles it has not measured, wherever it is, so opening a 1,000-node flow laid out (and then
 * removed) all 1,000 to show the 50 on screen. A node that comes with its handles is drawn only once
 * it is on screen; it is measured then, and the measured ports replace these.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { PortDefinition } from '@flowbridge/flow-model';

/** The port's box, as styles.css draws it: 9 px, centred on the node's edge. */
const HANDLE = 9;

/** The handles ActivityNode draws for `ports` on a node of `width` × `height`, laid out as it lays them out. */
export function unmeasuredHandles(
  ports: ReadonlyArray<Pick<PortDefinition, 'id'>>,
  options: { start: boolean; direction: 'LR' | 'TB'; width: number; height: number },
): NodeHandle[] {
  const { width, height } = options;
  const down = options.direction === 'TB';
  const half = HANDLE / 2;
  const handles: NodeHandle[] = [];
  if (!options.start) {
    handles.push(
      down
        ? { id: 'in', type: 'target', position: Position.Top, x: width / 2 - half, y: -half, width: HANDLE, height: HANDLE }
        : { id: 'in', type: 'target', position: Position.Left, x: -half, y: height / 2 - half, width: HANDLE, height: HANDLE },
    );
  }
  ports.forEach((port, i) => {
    const along = (i + 1) / (ports.length + 1);
    handles.push(
      down
        ? { id: port.id, type: 'source', position: Position.Bottom, x: width * along - half, y: height - half, width: HANDLE, height: HANDLE }
        : { id: port.id, type: 'source', position: Position.Right, x: width - half, y: height * along - half, width: HANDLE, height: HANDLE },
    );
  });
  return handles;
}
