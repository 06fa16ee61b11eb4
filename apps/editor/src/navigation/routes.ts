/** The editor's URLs: `/flows/<name>` for a flow, `/constants`, `/inbox`, `/settings`, `/new` for a new draft, and `/` for the welcome page. */

export type Route = { kind: 'welcome' } | { kind: 'draft' } | { kind: 'flow'; name: string } | { kind: 'constants' } | { kind: 'inbox' } | { kind: 'settings' };

/** Reads a route from a path; unknown paths show the welcome page. */
export function parseRoute(pathname: string): Route {
  const flow = /^\/flows\/([^/]+)\/?$/.exec(pathname);
  if (flow?.[1]) {
    try {
      return { kind: 'flow', name: decodeURIComponent(flow[1]) };
    } catch {
      return { kind: 'welcome' };
    }
  }
  if (/^\/new\/?$/.test(pathname)) return { kind: 'draft' };
  if (/^\/constants\/?$/.test(pathname)) return { kind: 'constants' };
  if (/^\/inbox\/?$/.test(pathname)) return { kind: 'inbox' };
  if (/^\/settings\/?$/.test(pathname)) return { kind: 'settings' };
  return { kind: 'welcome' };
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
    case 'settings':
      return '/settings';
    case 'draft':
      return '/new';
    case 'welcome':
      return '/';
  }
}
