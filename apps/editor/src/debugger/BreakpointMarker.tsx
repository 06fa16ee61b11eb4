/** A node's debugger decorations: its breakpoint dot (click to toggle) and the marker of a run paused there. */
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';
import { followedSession } from './debug-slice';

export function BreakpointMarker({ nodeId }: { nodeId: string }) {
  const actions = useActions();
  const flow = useEditor((s) => s.flowName ?? s.document.name);
  const condition = useEditor((s) => s.breakpoints[flow]?.[nodeId]);
  const toggle = useEditor((s) => s.toggleBreakpoint);
  const pausedHere = useEditor((s) => {
    const paused = followedSession(s)?.paused;
    return paused !== undefined && paused.flow === flow && paused.nodeId === nodeId;
  });
  const set = condition !== undefined;
  return (
    <>
      <button
        type="button"
        className={`breakpoint-dot nodrag${set ? ' set' : ''}${condition ? ' conditional' : ''}`}
        data-testid="breakpoint"
        aria-pressed={set}
        aria-label={set ? 'Remove breakpoint' : 'Set breakpoint'}
        title={set ? (condition ? `Breakpoint when ${condition} (click or F9 to remove)` : 'Breakpoint (click or F9 to remove)') : 'Set a breakpoint (F9)'}
        onClick={(e) => {
          e.stopPropagation();
          toggle(flow, nodeId);
          void actions.breakpointsChanged();
        }}
      />
      {pausedHere && (
        <span className="debug-paused-marker" data-testid="paused-here" title="The debugged run is paused here">
          ⏸
        </span>
      )}
    </>
  );
}
