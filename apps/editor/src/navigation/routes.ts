/** The editor's URLs: `/flows/<name>` for a flow, `/constants`, `/inbox`, and `/` for a new draft. */

export type Route = { kind: 'draft' } | { kind: 'flow'; name: string } | { kind: 'constants' } | { kind: 'inbox' };

/** Reads a route from a path; unknown paths are the draft. */
export function parseRoute(pathname: string): Route {
  const flow = /^\/flows\/([^/]+)\/?$/.exec(pathname);
  if (flow?.[1]) {
    try {
      return { kind: 'flow', name: decodeURIComponent(flow[1]) };
    } catch {
      return { kind: 'draft' };
    }
  }
  if (/^\/constants\/?$/.test(pathname)) return { kind: 'constants' };
  if (/^\/inbox\/?$/.test(pathname)) return { kind: 'inbox' };
  return { kind: 'draft' };
}

/** The path of a route. */
export function routePath(route: Route): string {
  switch (route.kind) {
    case 'flow':
      return `/flows/${encodeURIComponent(route.name)}`;
    case 'constants':
      return '/constants';
    case 'inbox':
      return '/inbox';
    case 'draft':
      return '/';
  }
}
