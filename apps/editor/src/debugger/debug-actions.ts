/**
 * What the debugger's buttons and keys do: Debug (run the open flow under the debugger), Arm for the
 * next event, the step commands, and breakpoints sent to a running session as they change.
 */
import type { DebugCommandName } from '@flowbridge/api-schema';
import { ApiError } from '../api/client';
import { viewport } from '../canvas/viewport';
import type { Route } from '../navigation/routes';
import { askRunParameters } from '../runs/RunParametersDialog';
import type { EditorStore } from '../store/editor-store';
import { toBreakpointList } from './breakpoints';
import { debugApi } from './debug-client';
import { followedSession, reloadDebugger } from './debug-slice';

export interface DebugActionDeps {
  saveFlow(): Promise<boolean>;
  navigate(route: Route): Promise<boolean>;
}

const message = (error: unknown) => (error instanceof ApiError || error instanceof Error ? error.message : String(error));

/** The debugger actions of one editor. */
export function createDebugActions(editor: EditorStore, { saveFlow, navigate }: DebugActionDeps) {
  const store = () => editor.getState();

  /** Saves when needed, asks for parameters, and runs the open flow under the debugger with the breakpoints. */
  async function debugFlow(): Promise<void> {
    if ((store().dirty || store().flowName === null) && !(await saveFlow())) return;
    const { document } = store();
    let parameters: Record<string, unknown> = {};
    if (document.parameters.length > 0) {
      const answer = await askRunParameters(document.name, document.parameters, {}, 'Debug: the run pauses at the breakpoints.');
      if (!answer) return;
      parameters = answer;
    }
    try {
      const session = await debugApi.start(document.name, parameters, toBreakpointList(store().breakpoints));
      store().applyDebugSession(session, true);
      store().setDockTab('runs');
      store().setStatus(`Debugging ${document.name}`);
    } catch (error) {
      store().setStatus(`Debug refused: ${message(error)}`);
    }
  }

  /** Arms the open flow (its next event callback runs under the debugger), or disarms it when armed. */
  async function toggleArm(): Promise<void> {
    const flow = store().flowName;
    if (!flow) return store().setStatus('Save the flow before arming it.');
    try {
      if (store().debugArms.some((a) => a.flow === flow)) {
        await debugApi.disarm(flow);
        store().setDebugArms(store().debugArms.filter((a) => a.flow !== flow));
        store().setStatus(`${flow} is no longer armed.`);
      } else {
        const arm = await debugApi.arm(flow, toBreakpointList(store().breakpoints));
        store().setDebugArms([...store().debugArms.filter((a) => a.flow !== flow), arm]);
        store().setStatus(`${flow} is armed: its next event callback runs under the debugger.`);
      }
    } catch (error) {
      store().setStatus(`Arming failed: ${message(error)}`);
    }
  }

  /** Sends a step command to the followed session. */
  async function command(name: DebugCommandName): Promise<void> {
    const session = followedSession(store());
    if (!session || session.status === 'finished') return;
    if (name !== 'stop' && session.status !== 'paused') return;
    try {
      store().applyDebugSession(await debugApi.command(session.id, name));
    } catch (error) {
      store().setStatus(`${name} failed: ${message(error)}`);
    }
  }

  /** Toggles breakpoints on the selected nodes (F9) and tells a running session. */
  function toggleSelected(): void {
    const { selection, flowName, document } = store();
    const flow = flowName ?? document.name;
    const nodes = selection.filter((id) => document.nodes.some((n) => n.id === id));
    if (nodes.length === 0) return store().setStatus('Select an activity to put a breakpoint on it (F9).');
    for (const id of nodes) if (!store().toggleBreakpoint(flow, id)) return store().setStatus('At most 500 breakpoints; remove some first.');
    void breakpointsChanged();
  }

  /** Sends the current breakpoints to the followed session while it runs. */
  async function breakpointsChanged(): Promise<void> {
    const session = followedSession(store());
    if (!session || session.status === 'finished' || session.status === 'starting') return;
    try {
      store().applyDebugSession(await debugApi.setBreakpoints(session.id, toBreakpointList(store().breakpoints)));
    } catch (error) {
      store().setStatus(`The breakpoints were not applied to the run: ${message(error)}`);
    }
  }

  /** Opens the flow the followed session is paused in, and centres the paused node. */
  async function showPause(): Promise<void> {
    const paused = followedSession(store())?.paused;
    if (!paused) return;
    if (paused.flow !== store().flowName && !(await navigate({ kind: 'flow', name: paused.flow }))) return;
    requestAnimationFrame(() => viewport()?.reveal?.(paused.nodeId));
  }

  /** Loads the sessions and arms the server has (on start). */
  function refreshDebugger(): Promise<void> {
    return reloadDebugger(editor);
  }

  return { debugFlow, toggleArm, debugCommand: command, toggleBreakpointsOnSelection: toggleSelected, breakpointsChanged, showPause, refreshDebugger };
}

export type DebugActions = ReturnType<typeof createDebugActions>;
