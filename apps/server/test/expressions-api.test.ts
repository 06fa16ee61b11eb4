import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, startTestServer, type TestServer } from './support/test-server.js';

const SECRET = 'sk-preview-0123456789abcdef';
let server: TestServer;

beforeAll(async () => {
  // Run workers as in production, with a short run time so the time-limit case is quick.
  server = await startTestServer({ files: { 'settings.json': JSON.stringify({ limits: { runTimeMs: 1_000 }, workers: { count: 1, runsPerWorker: 2, graceMs: 2_000 } }) } });
  await server.api('/api/constants/Test.ApiKey', { method: 'PUT', json: { value: SECRET, secret: true } });
  await server.api('/api/constants/Test.Region', { method: 'PUT', json: { value: 'eu-west-1' } });
});
afterAll(() => server.close());

const evaluate = async (json: unknown) => {
  const res = await server.api('/api/expressions/evaluate', { method: 'POST', json });
  return { status: res.status, body: await body(res) };
};

describe('POST /api/expressions/evaluate', () => {
  it('evaluates an expression against the given variables', async () => {
    const { status, body: answer } = await evaluate({ expression: '$Order.total * 2 > 100 ? "large" : "small"', variables: { Order: { total: 60 } } });
    expect(status).toBe(200);
    expect(answer).toMatchObject({ ok: true, value: 'large' });
    expect(typeof answer.durationMs).toBe('number');
  });

  it('returns objects and reaches event fields, as a callback flow would', async () => {
    const { body: answer } = await evaluate({ expression: '{"id": $HttpRequest.event.detail.orderId, "n": $count($HttpRequest.event.detail.items)}', variables: { HttpRequest: { event: { detail: { orderId: 'o-1', items: [1, 2, 3] } } } } });
    expect(answer).toEqual(expect.objectContaining({ ok: true, value: { id: 'o-1', n: 3 } }));
  });

  it('evaluates a {{ }} template to its text', async () => {
    const { body: answer } = await evaluate({ expression: 'Order {{ $Id }} in {{ $constant("Test.Region") }}', variables: { Id: 42 }, template: true });
    expect(answer).toMatchObject({ ok: true, value: 'Order 42 in eu-west-1' });
  });

  it('says why a broken expression fails: syntax and unknown variables', async () => {
    const syntax = (await evaluate({ expression: '$Order.total >', variables: { Order: {} } })).body;
    expect(syntax).toMatchObject({ ok: false, error: { kind: 'InvalidExpression' } });
    expect(syntax.error.message.length).toBeGreaterThan(5);
    const unknown = (await evaluate({ expression: '$Nope + 1', variables: {} })).body;
    expect(unknown).toMatchObject({ ok: false });
    expect(unknown.error.message).toContain('Nope');
  });

  it('never answers a secret value, even when it reaches the result', async () => {
    const { body: answer } = await evaluate({ expression: '"key: " & $Value', variables: { Value: SECRET } });
    expect(answer.ok).toBe(true);
    expect(JSON.stringify(answer)).not.toContain(SECRET);
  });

  it('stops an expression at the run time limit, and the server keeps answering', async () => {
    const started = Date.now();
    const { body: answer } = await evaluate({ expression: '($f := function($n) { $n > 0 ? $f($n - 1) + $f($n - 1) : 1 }; $f(40))', variables: {} });
    expect(answer.ok).toBe(false);
    expect(answer.error.kind).toMatch(/Limit|Time|Depth|Steps/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await server.api('/healthz')).status).toBe(200);
  });

  it('cuts a huge value to a bounded preview', async () => {
    // About 100 KB of JSON: past the 64 KiB preview, and quick enough for this server's 1 s run limit on a busy machine.
    const { body: answer } = await evaluate({ expression: '[1..8000].("item-" & $string($))', variables: {} });
    expect(answer).toMatchObject({ ok: true, truncated: true });
    // The start of the value's JSON text, at most 64 KiB of it (plus the ellipsis).
    expect(typeof answer.value).toBe('string');
    expect(Buffer.byteLength(answer.value)).toBeLessThanOrEqual(64 * 1024 + 3);
    expect(answer.value.startsWith('["item-1","item-2"')).toBe(true);
  });

  it.each([
    ['expression missing', {}],
    ['expression too long', { expression: 'x'.repeat(10_001) }],
    ['bad variable name', { expression: '1', variables: { 'not a name': 1 } }],
    ['unknown field', { expression: '1', extra: true }],
  ])('answers 400 InvalidExpressionRequest for a bad body: %s', async (_case, json) => {
    const { status, body: answer } = await evaluate(json);
    expect(status).toBe(400);
    expect(answer).toMatchObject({ error: 'InvalidExpressionRequest' });
  });

  it('stores no run', async () => {
    const { runs } = await body(await server.api('/api/runs'));
    expect(runs).toEqual([]);
  });
});
