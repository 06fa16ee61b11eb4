import { describe, expect, it } from 'vitest';
import { eventEndpointRoute, openApiDocument, openApiPath, routes } from '../src/index.js';

describe('the route table', () => {
  it('declares each method and path once', () => {
    const keys = Object.values(routes).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('coerces and bounds a query limit, with a default when absent', () => {
    expect(routes.listRuns.query.parse({})).toEqual({ limit: 50 });
    expect(routes.listRuns.query.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(routes.listRuns.query.safeParse({ limit: '1.5' }).success).toBe(false);
    expect(routes.listInbox.query.parse({})).toEqual({ limit: 100 });
  });

  it('checks flow names with flow-model’s rule', () => {
    expect(routes.getFlow.params.safeParse({ name: 'ACT_Ok' }).success).toBe(true);
    const bad = routes.getFlow.params.safeParse({ name: '../x' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['name']);
  });

  it('fills the run body’s parameters when the body is empty', () => {
    expect(routes.runFlow.body.parse(undefined)).toEqual({ parameters: {} });
  });
});

describe('openApiDocument', () => {
  const endpoint = eventEndpointRoute({
    path: '/rest/Demo/v1/event',
    sender: 'Demo',
    summary: 'Demo events',
    eventName: 'DemoEvent',
    eventFields: { id: 'string', kind: 'string', data: 'object' },
    apiKeyHeader: 'x-api-key',
    apiKeyDescription: 'The demo key',
  });
  const doc = openApiDocument('1.2.3', { demoEvent: endpoint }) as { openapi: string; info: { version: string }; paths: Record<string, Record<string, { parameters?: unknown[]; security?: unknown[]; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };

  it('has one operation per table route, at its OpenAPI path', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('1.2.3');
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(count).toBe(Object.keys(routes).length + 1);
    expect(openApiPath('/api/flows/:name/runs')).toBe('/api/flows/{name}/runs');
  });

  it('shares named records as components and references them', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Error', 'RunRecord', 'RunSummary', 'TraceStep', 'InboxEvent', 'Constant', 'Problem']));
    expect(JSON.stringify(doc.paths['/api/runs/{id}']!.get!.responses['200'])).toContain('#/components/schemas/RunRecord');
  });

  it('leaves the probes and the event endpoint outside the admin token', () => {
    expect(doc.paths['/healthz']!.get!.security).toEqual([]);
    expect(doc.paths['/rest/Demo/v1/event']!.post!.security).toEqual([]);
    expect(doc.paths['/api/flows']!.get!.security).toBeUndefined();
  });

  it('documents a declared event endpoint with its key header and event schema', () => {
    const post = doc.paths['/rest/Demo/v1/event']!.post! as { parameters: Array<{ name: string; in: string }>; responses: Record<string, unknown> };
    expect(post.parameters).toEqual([expect.objectContaining({ name: 'x-api-key', in: 'header' })]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '401', '429', '503']));
    expect(doc.components.schemas).toHaveProperty('DemoEvent');
  });
});
