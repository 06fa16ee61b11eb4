import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedModules } from '../src/modules.js';
import { body, startTestServer, type TestServer } from './support/test-server.js';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string | string[];
}

/** Every method + path the app answers, found by walking Express's router stack and mounted routers. */
function registeredRoutes(app: { router: { stack: Layer[] } }): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          // `all` is a catch-all answering 405 to other methods; it is not an operation of its own.
          for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
            found.push(`${method.toUpperCase()} ${(prefix + path).replace(/(.)\/$/, '$1')}`);
          }
        }
      } else if (layer.handle.stack) {
        const mount = Array.isArray(layer.rawPath) ? layer.rawPath[0] : layer.rawPath;
        walk(layer.handle.stack, prefix + (mount && mount !== '/' ? mount : ''));
      }
    }
  };
  walk(app.router.stack, '');
  return found.sort();
}

/** Every method + path in the OpenAPI document, in Express syntax. */
function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const found: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) found.push(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
  }
  return found.sort();
}

describe('the OpenAPI document and the registered routes', () => {
  let server: TestServer;
  let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    // The modules main.ts installs, so the event endpoint is registered as in production.
    server = await startTestServer({ modules: installedModules() });
    doc = await body(await server.api('/api/openapi.json'));
  });
  afterAll(() => server.close());

  it('walks the mounted routers, event endpoint included', () => {
    const registered = registeredRoutes(server.app as unknown as { router: { stack: Layer[] } });
    expect(registered).toEqual(expect.arrayContaining(['GET /api/flows', 'PUT /api/flows/:name', 'POST /api/inbox/replay', 'POST /rest/EventBridge/v1/event', 'GET /healthz']));
  });

  it('documents every registered route', () => {
    const documented = new Set(documentedRoutes(doc));
    const undocumented = registeredRoutes(server.app as unknown as { router: { stack: Layer[] } }).filter((route) => !documented.has(route));
    expect(undocumented).toEqual([]);
  });

  it('registers every documented route', () => {
    const registered = new Set(registeredRoutes(server.app as unknown as { router: { stack: Layer[] } }));
    expect(documentedRoutes(doc).filter((route) => !registered.has(route))).toEqual([]);
  });

  it('is an OpenAPI 3.1 document whose references all resolve', () => {
    expect(doc.openapi).toBe('3.1.0');
    const text = JSON.stringify(doc);
    const components = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(components, ref).toHaveProperty([ref]);
    expect(text).not.toContain('#/$defs/');
  });

  it('describes validation: parameters, bodies and answers per status', () => {
    const flow = doc.paths['/api/flows/{name}'] as Record<string, { responses: Record<string, unknown>; parameters?: Array<{ name: string; in: string }> }>;
    expect(Object.keys(flow)).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(flow.put!.responses).toHaveProperty('412');
    expect(flow.put!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'name', in: 'path' }), expect.objectContaining({ name: 'If-Match', in: 'header' })]));
    const runs = doc.paths['/api/runs']!.get as { parameters: Array<{ name: string; schema: Record<string, unknown> }> };
    expect(runs.parameters.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
  });
});
