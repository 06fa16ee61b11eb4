/**
 * The debugger panel over the canvas: where the followed run is paused, its controls (Continue F5,
 * Step over F10, Step into F11, Step out Shift+F11, Stop), the variables in scope (name, type, value;
 * secrets arrive masked), and the open flow's breakpoints with their conditions.
 */
import { useEffect } from 'react';
import type { DebugCommandName } from '@flowbridge/api-schema';
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';
import { followedSession } from './debug-slice';
import './debugger.css';

const CONTROLS: Array<{ command: DebugCommandName; label: string; key: string }> = [
  { command: 'continue', label: 'Continue', key: 'F5' },
  { command: 'stepOver', label: 'Step over', key: 'F10' },
  { command: 'stepInto', label: 'Step into', key: 'F11' },
  { command: 'stepOut', label: 'Step out', key: 'Shift+F11' },
  { command: 'stop', label: 'Stop', key: '' },
];

/** A value as the panel shows it: short ones inline, objects and lists as indented JSON. */
function shown(value: unknown): string {
  if (value === undefined) return 'empty';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function DebuggerPanel() {
  const actions = useActions();
  const flow = useEditor((s) => s.flowName ?? s.document.name);
  const session = useEditor(followedSession);
  const breakpoints = useEditor((s) => s.breakpoints[flow]);
  const armed = useEditor((s) => s.debugArms.some((a) => a.flow === flow));
  const nodes = useEditor((s) => s.document.nodes);
  const setCondition = useEditor((s) => s.setBreakpointCondition);
  const remove = useEditor((s) => s.removeBreakpoint);
  const paused = session?.status === 'paused' ? session.paused : undefined;
  const pauseKey = paused ? `${session?.id}|${paused.flow}|${paused.nodeId}|${paused.pausedAt}` : '';

  // A new pause is brought into view (opening the called flow it is in).
  useEffect(() => {
    if (pauseKey) void actions.showPause();
  }, [pauseKey, actions]);

  const entries = Object.entries(breakpoints ?? {});
  if (!session && entries.length === 0 && !armed) return null;
  const caption = (nodeId: string) => {
    const node = nodes.find((n) => n.id === nodeId);
    return node?.label ?? node?.kind.replace(/^.*\./, '') ?? nodeId;
  };
  const state = !session
    ? 'No debug run'
    : paused
      ? `Paused at "${paused.label ?? paused.nodeId}"${paused.flow !== flow ? ` in ${paused.flow}` : ''}`
      : session.status === 'finished'
        ? `Finished: ${session.runStatus ?? 'not started'}${session.error ? ` (${session.error.kind})` : ''}`
        : 'Running…';

  return (
    <aside className="debugger-panel" aria-label="Debugger">
      <header>
        <strong>Debugger</strong> <span data-testid="debug-state">{state}</span>
        {session?.trigger === 'event' && <small> event {session.eventId}</small>}
      </header>
      {session && session.status !== 'finished' && (
        <div className="debug-controls" role="toolbar" aria-label="Debug controls">
          {CONTROLS.map((c) => (
            <button key={c.command} disabled={c.command !== 'stop' && !paused} className={c.command === 'stop' ? 'danger' : ''} title={c.key ? `${c.label} (${c.key})` : c.label} onClick={() => void actions.debugCommand(c.command)}>
              {c.label}
            </button>
          ))}
        </div>
      )}
      {paused && (
        <>
          {paused.conditionError && <p className="field-problem">{paused.conditionError}</p>}
          {paused.stack.length > 0 && (
            <p className="debug-stack">
              Called from {paused.stack.map((f) => `${f.flow} (${f.nodeId})`).join(' → ')}
            </p>
          )}
          <p className="hint">Resumes by itself at {new Date(paused.timesOutAt).toLocaleTimeString()} if nobody acts.</p>
          <table className="debug-variables" aria-label="Variables">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {paused.variables.length === 0 && (
                <tr>
                  <td colSpan={3} className="hint">
                    No variables in scope yet.
                  </td>
                </tr>
              )}
              {paused.variables.map((v) => (
                <tr key={v.name} data-variable={v.name}>
                  <td>${v.name}</td>
                  <td>{v.type}</td>
                  <td>
                    <pre>{shown(v.value)}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Breakpoints in {flow}</h3>
      {entries.length === 0 ? (
        <p className="hint">Select an activity and press F9, or click the dot on its corner.</p>
      ) : (
        <ul className="debug-breakpoints">
          {entries.map(([nodeId, condition]) => (
            <li key={nodeId}>
              <span className="bp-node">{caption(nodeId)}</span>
              <input
                aria-label={`Condition of the breakpoint on ${caption(nodeId)}`}
                placeholder="condition, e.g. $Total > 100"
                defaultValue={condition}
                maxLength={2000}
                onBlur={(e) => {
                  if (e.target.value === condition) return;
                  setCondition(flow, nodeId, e.target.value);
                  void actions.breakpointsChanged();
                }}
              />
              <button
                className="link"
                aria-label={`Remove the breakpoint on ${caption(nodeId)}`}
                onClick={() => {
                  remove(flow, nodeId);
                  void actions.breakpointsChanged();
                }}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
