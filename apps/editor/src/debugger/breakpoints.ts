/**
 * Breakpoints as the editor keeps them: per flow and node, with an optional condition, for this
 * browser session only (sessionStorage), never in the flow file.
 */
import type { Breakpoint } from '@flowbridge/api-schema';

/** Flow name → node id → the breakpoint's condition ('' for none). */
export type BreakpointMap = Readonly<Record<string, Readonly<Record<string, string>>>>;

const STORAGE_KEY = 'flowbridge.breakpoints';
/** The same bounds the server enforces, so a list the editor sends is never refused for its size. */
export const MAX_BREAKPOINTS = 500;
export const MAX_CONDITION_LENGTH = 2_000;

/** The breakpoints kept for this browser session, or none when there are none or they cannot be read. */
export function loadBreakpoints(): BreakpointMap {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    if (!text) return {};
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const out: Record<string, Record<string, string>> = {};
    for (const [flow, nodes] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof nodes !== 'object' || nodes === null) continue;
      for (const [nodeId, condition] of Object.entries(nodes as Record<string, unknown>)) if (typeof condition === 'string') (out[flow] ??= {})[nodeId] = condition.slice(0, MAX_CONDITION_LENGTH);
    }
    return out;
  } catch {
    return {};
  }
}

export function saveBreakpoints(map: BreakpointMap): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(map));
  } catch {
    // Storage may be full or disabled; the breakpoints stay for this page.
  }
}

/** How many breakpoints the map holds. */
export function countBreakpoints(map: BreakpointMap): number {
  let n = 0;
  for (const nodes of Object.values(map)) n += Object.keys(nodes).length;
  return n;
}

/** Sets (condition is a string) or removes (undefined) one breakpoint; answers the new map. */
export function withBreakpoint(map: BreakpointMap, flow: string, nodeId: string, condition: string | undefined): BreakpointMap {
  const nodes = { ...(map[flow] ?? {}) };
  if (condition === undefined) delete nodes[nodeId];
  else nodes[nodeId] = condition.slice(0, MAX_CONDITION_LENGTH);
  const next = { ...map, [flow]: nodes };
  if (Object.keys(nodes).length === 0) delete next[flow];
  return next;
}

/** The map as the server takes it: every flow's breakpoints (a debugged run may step into other flows). */
export function toBreakpointList(map: BreakpointMap): Breakpoint[] {
  const list: Breakpoint[] = [];
  for (const [flow, nodes] of Object.entries(map)) {
    for (const [nodeId, condition] of Object.entries(nodes)) list.push(condition.trim() ? { flow, nodeId, condition } : { flow, nodeId });
  }
  return list.slice(0, MAX_BREAKPOINTS);
}
