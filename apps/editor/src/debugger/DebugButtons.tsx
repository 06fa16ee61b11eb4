/** The toolbar's debugger buttons: Debug the open flow, and arm it for its next event callback. */
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';

export function DebugButtons({ disabled }: { disabled: boolean }) {
  const { debugFlow, toggleArm } = useActions();
  const flow = useEditor((s) => s.flowName);
  const arm = useEditor((s) => s.debugArms.find((a) => a.flow === s.flowName));
  return (
    <span className="toolbar-group debug-buttons">
      <button onClick={() => void debugFlow()} disabled={disabled} title="Save and run under the debugger: it pauses at the breakpoints (F5)">
        Debug ⏯
      </button>
      <button
        onClick={() => void toggleArm()}
        disabled={disabled || flow === null}
        className={arm ? 'armed' : ''}
        aria-pressed={arm !== undefined}
        title={arm ? `Armed until ${new Date(arm.expiresAt).toLocaleTimeString()}: the next event callback of this flow runs under the debugger. Click to disarm.` : "Run this flow's next event callback under the debugger"}
      >
        {arm ? `Armed until ${new Date(arm.expiresAt).toLocaleTimeString()}` : 'Arm for next event'}
      </button>
    </span>
  );
}
