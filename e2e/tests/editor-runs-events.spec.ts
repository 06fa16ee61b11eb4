import { expect, test } from '@playwright/test';
import { end, log, openFlow, putFlow, start, uniqueName } from './editor-helpers.js';
import { bindEventType, eventOf, putCallbackFlow, sendEvent, setApiKey } from './editor-runs-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('an event starts its callback run, which appears live in the Runs dock, and the inbox links to that run', async ({ page, request }) => {
  const flow = uniqueName('CB_E2E_Order');
  const eventType = uniqueName('OrderPlaced');
  await setApiKey(request);
  await putCallbackFlow(request, flow, [log('got', 'order {{ $Request.event.detail.orderId }}', 220, 0)]);
  await bindEventType(request, eventType, flow);

  await openFlow(page, flow);
  await page.getByRole('tab', { name: /Runs/ }).click();
  await expect(page.locator('.live-indicator')).toHaveAttribute('data-live', 'open');
  await expect(page.getByRole('tab', { name: 'Runs (0)' })).toBeVisible();

  const event = await sendEvent(request, eventOf(eventType, 'com.example.shop', { orderId: 'A-17' }));

  // Nobody pressed Run: the run arrives over the stream, marked as started by the event.
  await expect(page.getByRole('tab', { name: 'Runs (1)' })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('order A-17');
  await expect(page.getByTestId('run-steps')).toContainText(`started by event ${event.id as string}`);
  await expect(page.locator('.react-flow__node[data-id="got"] .activity-node')).toHaveClass(/visited/);

  // The inbox shows the event as done, with its callback run; the link opens that run on the canvas.
  await page.goto('/inbox');
  const row = page.locator('tr').filter({ hasText: eventType });
  await expect(row).toContainText('done');
  await row.getByRole('button', { name: /^[0-9a-f]{8}$/ }).click();
  await expect(page.getByLabel('Flow name')).toHaveValue(flow);
  await expect(page.getByTestId('run-log')).toContainText('order A-17');
  await expect(page.locator('.react-flow__node[data-id="got"] .activity-node')).toHaveClass(/visited/);
});

test('an event whose callback keeps failing ends dead in the inbox, and Replay (once confirmed) sends it through again', async ({ page, request }) => {
  // Five attempts with doubling delays from 1 s take about 15 s before the event is dead.
  test.setTimeout(120_000);
  const flow = uniqueName('CB_E2E_Reject');
  const eventType = uniqueName('OrderRejected');
  await setApiKey(request);
  // Valid, so it runs; it always takes the Error End.
  await putFlow(
    request,
    flow,
    [
      start(),
      { id: 'd', kind: 'core.Decision', position: { x: 200, y: 0 }, config: { condition: '$exists($Request.event.detail.orderId)' } },
      { id: 'fail', kind: 'core.ErrorEnd', position: { x: 420, y: -80 }, config: { errorKind: 'NoStock', message: 'no stock for {{ $Request.event.detail.orderId }}' } },
      end(420, 80),
    ],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'd' },
      { id: 'e2', source: 'd', sourcePort: 'true', target: 'fail' },
      { id: 'e3', source: 'd', sourcePort: 'false', target: 'end' },
    ],
    { parameters: [{ name: 'Request', type: 'HttpRequest' }] },
  );
  await bindEventType(request, eventType, flow);
  const event = await sendEvent(request, eventOf(eventType, 'com.example.shop', { orderId: 'B-2' }));
  const entry = async () => (await (await request.get(`/api/inbox/${event.id as string}`)).json()) as { status: string; runId?: string };

  await page.goto('/inbox');
  const row = page.locator('tr').filter({ hasText: eventType });
  // The view reloads by itself as the server reports inbox changes.
  await expect(row.locator('td').nth(3)).toHaveText('dead', { timeout: 60_000 });
  await expect(row).toContainText('no stock for B-2');
  const deadRun = (await entry()).runId;
  await row.getByRole('button', { name: 'Replay' }).click();
  // Replaying runs the callback again, so it is confirmed first.
  await page.getByRole('dialog').getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByRole('status').first()).toContainText('queued again');
  // Replayed, it is taken up again by a new callback run (which fails again: the flow still rejects it).
  await expect(row.locator('td').nth(3)).not.toHaveText('dead');
  await expect.poll(async () => (await entry()).runId, { timeout: 15_000 }).not.toBe(deadRun);
});
