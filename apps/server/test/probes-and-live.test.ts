import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, failingFlow, loggingFlow, startTestServer, type TestServer } from './support/test-server.js';
import { eventEndpointModule } from '../src/event-endpoint/event-endpoint-module.js';
import type { ServerModuleFactory } from '../src/server.js';

/** Reads server-sent events from a stream until `count` have arrived. */
async function readEvents(res: Response, count: number): Promise<Array<{ event: string; data: unknown }>> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: Array<{ event: string; data: unknown }> = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('probes, metrics, OpenAPI and the live stream', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      files: {
        'settings.json': JSON.stringify({ afterStartupFlows: ['ASU_Hello'] }),
        'flows/ASU_Hello.json': JSON.stringify(loggingFlow('ASU_Hello', 'started up')),
      },
    });
    await server.afterStartup;
  });
  afterAll(() => server.close());

  it('answers /healthz, /api/health and /readyz once after-startup is done', async () => {
    expect(await body(await server.api('/healthz'))).toEqual({ status: 'ok' });
    expect(await body(await server.api('/api/health'))).toEqual({ status: 'ok' });
    const ready = await server.api('/readyz');
    expect(ready.status).toBe(200);
    expect(await body(ready)).toEqual({ status: 'ready', checks: { storage: 'ok', flows: 'ok', afterStartup: 'ok' } });
  });

  it('ran the after-startup flow once, recorded as a startup run', async () => {
    const { runs } = await body(await server.api('/api/runs?flow=ASU_Hello'));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: 'startup', status: 'succeeded' });
  });

  it('announces run.started, run.step and run.finished on /api/stream', async () => {
    await server.api('/api/flows/ACT_Live', { method: 'PUT', json: loggingFlow('ACT_Live') });
    const stream = await server.api('/api/stream');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const collected = readEvents(stream, 6);
    const ran = await body(await server.api('/api/flows/ACT_Live/runs', { method: 'POST', json: {} }));
    const events = await collected;
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('run.started');
    expect(names).toContain('run.step');
    expect(names).toContain('run.log');
    expect(names[names.length - 1]).toBe('run.finished');
    expect(events[0]!.data).toMatchObject({ id: ran.id, flow: 'ACT_Live', status: 'running' });
    expect(events[events.length - 1]!.data).toMatchObject({ id: ran.id, status: 'succeeded' });
    expect(events.find((e) => e.event === 'run.step')!.data).toMatchObject({ runId: ran.id, step: { nodeId: 's' } });
  });

  it('counts runs per flow and status in /metrics', async () => {
    await server.api('/api/flows/ACT_Fail', { method: 'PUT', json: failingFlow('ACT_Fail') });
    await server.api('/api/flows/ACT_Fail/runs', { method: 'POST', json: {} });
    await server.storage.inbox.receive({ id: 'm-1', detailType: 'T', source: 's', event: {} });
    const res = await server.api('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/flowbridge_runs_started_total\{flow="ACT_Fail",trigger="manual"\} 1/);
    expect(text).toMatch(/flowbridge_runs_finished_total\{flow="ACT_Fail",status="failed"\} 1/);
    expect(text).toMatch(/flowbridge_runs_finished_total\{flow="ASU_Hello",status="succeeded"\} 1/);
    expect(text).toMatch(/flowbridge_run_duration_seconds_bucket\{le="[^"]+",flow="ACT_Fail",status="failed"\}/);
    expect(text).toMatch(/flowbridge_step_duration_seconds_count\{kind="core.Decision"\} \d+/);
    expect(text).toMatch(/flowbridge_inbox_events\{status="pending"\} 1/);
    expect(text).toContain('flowbridge_event_endpoint_requests_total');
    expect(text).toContain('flowbridge_dispatch_latency_seconds');
  });
});

describe('readiness when an after-startup flow fails', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      files: {
        'settings.json': JSON.stringify({ afterStartupFlows: ['ASU_Fails', 'ASU_Never'] }),
        'flows/ASU_Fails.json': JSON.stringify(failingFlow('ASU_Fails')),
        'flows/ASU_Never.json': JSON.stringify(loggingFlow('ASU_Never')),
      },
    });
    await server.afterStartup;
  });
  afterAll(() => server.close());

  it('stays up but not ready, naming the flow, and does not run the later ones', async () => {
    expect((await server.api('/healthz')).status).toBe(200);
    const res = await server.api('/readyz');
    expect(res.status).toBe(503);
    const readiness = await body(res);
    expect(readiness.checks.afterStartup).toMatch(/ASU_Fails failed/);
    expect(readiness.checks.afterStartup).toMatch(/ASU_Never not-run/);
    expect((await body(await server.api('/api/runs?flow=ASU_Never'))).runs).toEqual([]);
  });
});

describe('readiness of the server modules', () => {
  it('reports the event dispatcher on /readyz and /metrics', async () => {
    const server = await startTestServer({ modules: [eventEndpointModule] });
    try {
      const ready = await server.api('/readyz');
      expect(ready.status).toBe(200);
      expect((await body(ready)).checks.dispatcher).toBe('ok');
      const metrics = await (await server.api('/metrics')).text();
      expect(metrics).toMatch(/^flowbridge_dispatcher_stalled 0$/m);
      expect(metrics).toMatch(/^flowbridge_dispatcher_last_progress_timestamp_seconds \d/m);
    } finally {
      await server.close();
    }
  });

  it('is not ready while a module reports itself unhealthy, and says why', async () => {
    let healthy = false;
    const module: ServerModuleFactory = () => ({ mounts: [], health: () => ({ name: 'dispatcher', ok: healthy, detail: healthy ? 'ok' : 'stalled: every claim has failed for 31 s; last error: boom' }) });
    const server = await startTestServer({ modules: [module] });
    try {
      const stalled = await server.api('/readyz');
      expect(stalled.status).toBe(503);
      expect((await body(stalled)).checks.dispatcher).toMatch(/^stalled: every claim has failed/);
      healthy = true;
      expect((await server.api('/readyz')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
