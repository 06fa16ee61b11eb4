/**
 * The debugger on the shipped example workspace: a breakpoint in the callback flow CB_OrderPlaced, the
 * flow armed, an event sent with ACT_PutEvents through the local EventBridge; the callback pauses at the
 * breakpoint with $HttpRequest's event detail in the variables panel, Step over moves one node, a second
 * event is dispatched and finishes while the first is paused, and Continue finishes with a complete trace.
 */
import { expect, type APIRequestContext } from '@playwright/test';
import { screenshot } from './editor-helpers.js';
import { loopTest } from './support/loop-ui.js';

const test = loopTest({ shipped: true });

interface Run {
  id: string;
  status: string;
  eventId?: string;
}

/** Sends one OrderPlaced event the way the example does: running ACT_PutEvents. */
async function putEvent(request: APIRequestContext, orderId: string, total: number): Promise<void> {
  const res = await request.post('/api/flows/ACT_PutEvents/runs', { data: { parameters: { OrderId: orderId, Total: total } } });
  expect(res.status()).toBe(200);
  expect((await res.json()).status).toBe('succeeded');
}

async function callbackRuns(request: APIRequestContext): Promise<Run[]> {
  return (await (await request.get('/api/runs?flow=CB_OrderPlaced&limit=200')).json()).runs as Run[];
}

async function eventOfOrder(request: APIRequestContext, orderId: string): Promise<string | undefined> {
  const events = (await (await request.get('/api/inbox?limit=200')).json()).events as Array<{ id: string }>;
  for (const e of events) {
    const entry = (await (await request.get(`/api/inbox/${e.id}`)).json()) as { id: string; status: string; event: { detail?: { orderId?: string } } };
    if (entry.event.detail?.orderId === orderId) return entry.id;
  }
  return undefined;
}

test('an armed callback pauses at its breakpoint, shows the event, steps, lets another event through, and continues to a complete trace', async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto('/flows/CB_OrderPlaced');
  await expect(page.locator('.live-indicator')).toHaveAttribute('data-live', 'open');

  // A breakpoint on "Total from the detail": select it, F9.
  const total = page.locator('.react-flow__node[data-id="total"]');
  await total.click();
  await page.keyboard.press('F9');
  await expect(total.getByTestId('breakpoint')).toHaveAttribute('aria-pressed', 'true');
  const debuggerPanel = page.getByRole('complementary', { name: 'Debugger' });
  await expect(debuggerPanel).toContainText('Total from the detail');

  await page.getByRole('button', { name: 'Arm for next event' }).click();
  await expect(page.getByRole('button', { name: /Armed until/ })).toBeVisible();

  // The event goes PutEvents → local EventBridge rule → API destination → event endpoint → the armed callback.
  await putEvent(request, 'o-debug-1', 150);
  const state = debuggerPanel.getByTestId('debug-state');
  await expect(state).toHaveText('Paused at "Total from the detail"', { timeout: 30_000 });
  await expect(total.getByTestId('paused-here')).toBeVisible();
  // The arm was taken by that event.
  await expect(page.getByRole('button', { name: 'Arm for next event' })).toBeVisible();

  const variables = debuggerPanel.getByRole('table', { name: 'Variables' });
  const request_ = variables.locator('tr[data-variable="HttpRequest"]');
  await expect(request_).toContainText('HttpRequest');
  await expect(request_).toContainText('"orderId": "o-debug-1"');
  await expect(request_).toContainText('"total": 150');
  await expect(variables.locator('tr[data-variable="OrderId"]')).toContainText('"o-debug-1"');
  await screenshot(page, 'debugger-paused');

  // Step over moves one node: to the decision.
  await debuggerPanel.getByRole('button', { name: 'Step over' }).click();
  await expect(state).toHaveText('Paused at "Large order?"');
  await expect(page.locator('.react-flow__node[data-id="large"]').getByTestId('paused-here')).toBeVisible();
  await expect(variables.locator('tr[data-variable="Total"]')).toContainText('150');

  // A second event is dispatched and finishes normally while the first is paused.
  await putEvent(request, 'o-debug-2', 20);
  await expect
    .poll(async () => {
      const id = await eventOfOrder(request, 'o-debug-2');
      return id ? (await callbackRuns(request)).find((r) => r.eventId === id)?.status : undefined;
    }, { timeout: 30_000 })
    .toBe('succeeded');
  await expect(state).toHaveText('Paused at "Large order?"');

  // Continue (F5) finishes the run; its trace holds every step.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('F5');
  await expect(state).toHaveText('Finished: succeeded');
  const firstEvent = await eventOfOrder(request, 'o-debug-1');
  const run = (await callbackRuns(request)).find((r) => r.eventId === firstEvent)!;
  expect(run.status).toBe('succeeded');
  const record = (await (await request.get(`/api/runs/${run.id}`)).json()) as { trace: Array<{ nodeId: string }>; logs: Array<{ message: string }> };
  expect(record.trace.map((s) => s.nodeId)).toEqual(['start', 'order-id', 'total', 'large', 'log-large', 'merge', 'end']);
  expect(record.logs.map((l) => l.message).join('\n')).toContain('o-debug-1');
  const inbox = (await (await request.get(`/api/inbox/${firstEvent}`)).json()) as { status: string; runId: string };
  expect(inbox).toMatchObject({ status: 'done', runId: run.id });
});
