/** The debugger's state: breakpoints (this browser session), debug sessions and armed flows as the server reports them. */
import type { StateCreator } from 'zustand';
import type { DebugArm, DebugSession } from '@flowbridge/api-schema';
import type { EditorState, EditorStore } from '../store/editor-store';
import { debugApi } from './debug-client';
import { countBreakpoints, loadBreakpoints, MAX_BREAKPOINTS, saveBreakpoints, withBreakpoint, type BreakpointMap } from './breakpoints';

/** Sessions kept in the editor, newest first. */
const KEEP_SESSIONS = 20;

export interface DebugSlice {
  breakpoints: BreakpointMap;
  /** Sessions by id, as the last live update or answer described them. */
  debugSessions: Record<string, DebugSession>;
  /** The session the debugger panel follows (the one started here, or the last one that paused). */
  followedSessionId: string | null;
  debugArms: DebugArm[];
  /** Adds or removes the breakpoint of a node; answers false when the limit is reached. */
  toggleBreakpoint(flow: string, nodeId: string): boolean;
  setBreakpointCondition(flow: string, nodeId: string, condition: string): void;
  removeBreakpoint(flow: string, nodeId: string): void;
  applyDebugSession(session: DebugSession, follow?: boolean): void;
  setDebugArms(arms: DebugArm[]): void;
}

export const createDebugSlice: StateCreator<EditorState, [], [], DebugSlice> = (set, get) => {
  const setBreakpoints = (breakpoints: BreakpointMap) => {
    saveBreakpoints(breakpoints);
    set({ breakpoints });
  };
  return {
    breakpoints: loadBreakpoints(),
    debugSessions: {},
    followedSessionId: null,
    debugArms: [],
    toggleBreakpoint: (flow, nodeId) => {
      const { breakpoints } = get();
      if (breakpoints[flow]?.[nodeId] !== undefined) {
        setBreakpoints(withBreakpoint(breakpoints, flow, nodeId, undefined));
        return true;
      }
      if (countBreakpoints(breakpoints) >= MAX_BREAKPOINTS) return false;
      setBreakpoints(withBreakpoint(breakpoints, flow, nodeId, ''));
      return true;
    },
    setBreakpointCondition: (flow, nodeId, condition) => setBreakpoints(withBreakpoint(get().breakpoints, flow, nodeId, condition)),
    removeBreakpoint: (flow, nodeId) => setBreakpoints(withBreakpoint(get().breakpoints, flow, nodeId, undefined)),
    applyDebugSession: (session, follow = false) => {
      // An answer and a live event about the same change may arrive in either order: the newest wins.
      const known = get().debugSessions[session.id];
      if (known && known.revision > session.revision) {
        if (follow) set({ followedSessionId: session.id });
        return;
      }
      const sessions = { ...get().debugSessions, [session.id]: session };
      const ids = Object.keys(sessions);
      if (ids.length > KEEP_SESSIONS) {
        const oldest = Object.values(sessions)
          .filter((s) => s.status === 'finished' && s.id !== session.id)
          .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
        for (const old of oldest.slice(0, ids.length - KEEP_SESSIONS)) delete sessions[old.id];
      }
      // A run that pauses is what the person wants to see, unless the followed one is paused too.
      const followed = get().followedSessionId;
      const followedPaused = followed !== null && followed !== session.id && sessions[followed]?.status === 'paused';
      const followNow = follow || followed === null || (session.status === 'paused' && !followedPaused);
      set({ debugSessions: sessions, ...(followNow ? { followedSessionId: session.id } : {}) });
    },
    setDebugArms: (debugArms) => set({ debugArms }),
  };
};

/** The session the debugger panel shows, if any. */
export function followedSession(state: EditorState): DebugSession | undefined {
  return state.followedSessionId ? state.debugSessions[state.followedSessionId] : undefined;
}

/** Reloads the debug sessions and arms from the server (at start, and when the live stream missed messages). */
export async function reloadDebugger(editor: EditorStore): Promise<void> {
  try {
    const [sessions, arms] = await Promise.all([debugApi.list(), debugApi.arms()]);
    for (const session of [...sessions].reverse()) editor.getState().applyDebugSession(session);
    editor.getState().setDebugArms(arms);
  } catch {
    // The debugger may be off (production mode): there is nothing to show.
  }
}
