/**
 * The flow a page is opened on, asked for before the editor renders. On a cold open the editor spent
 * about 0.3 s building its frame before it asked for the flow; asked for at start, the flow arrives
 * meanwhile. The open takes the early answer once, and asks again when it failed (an admin token the
 * person has yet to type, a flow that is gone), so nothing is decided here.
 */
import { api, type LoadedFlow } from './client';
import { parseRoute } from '../navigation/routes';

/** How long an early answer may wait to be taken: the open it is for comes right after the first render. */
const TAKE_WITHIN_MS = 10_000;

let early: { name: string; answer: Promise<LoadedFlow>; at: number } | undefined;

/** Starts loading the flow `pathname` names (`/flows/<name>`); other paths load nothing. */
export function prefetchFlowOf(pathname: string): void {
  const route = parseRoute(pathname);
  if (route.kind !== 'flow') return;
  const answer = api.getFlow(route.name);
  // Not an unhandled rejection: whoever takes it asks again.
  answer.catch(() => undefined);
  early = { name: route.name, answer, at: performance.now() };
}

/** Loads flow `name`: the early answer when one was started for it (used once), else a new request. */
export async function loadFlow(name: string): Promise<LoadedFlow> {
  const started = early?.name === name && performance.now() - early.at < TAKE_WITHIN_MS ? early.answer : undefined;
  early = undefined;
  if (started) {
    try {
      return await started;
    } catch {
      // Asked again below, now that the editor can prompt for a token and report what is wrong.
    }
  }
  return api.getFlow(name);
}
