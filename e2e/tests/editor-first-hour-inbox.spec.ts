/**
 * The first hour with the event inbox: the activity chart, filters by event type and status, one
 * entry's payload (pretty JSON, copy), and replay, park and delete — each only after confirming.
 */
import { expect, test } from '@playwright/test';
import { log, uniqueName } from './editor-helpers.js';
import { bindEventType, eventOf, putCallbackFlow, sendEvent, setApiKey } from './editor-runs-helpers.js';
import { guideScreenshot } from './support/loop-ui.js';

test.use({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });

test('the inbox shows its chart, filters by event type, opens a payload, and replays, parks and deletes after confirming', async ({ page, request }) => {
  const flow = uniqueName('CB_E2E_Inbox');
  const bound = uniqueName('OrderPlaced');
  const unbound = uniqueName('NobodyListens');
  await setApiKey(request);
  await putCallbackFlow(request, flow, [log('got', 'order {{ $Request.event.detail.orderId }}', 220, 0)]);
  await bindEventType(request, bound, flow);
  const done = await sendEvent(request, eventOf(bound, 'com.example.shop', { orderId: 'P-1', lines: [{ sku: 'a', qty: 2 }] }));
  const orphan = await sendEvent(request, eventOf(unbound, 'com.example.shop', { orderId: 'P-2' }));
  const entry = async (id: unknown) => request.get(`/api/inbox/${id as string}`);
  await expect.poll(async () => (await (await entry(done.id)).json()).status, { timeout: 20_000 }).toBe('done');
  await expect.poll(async () => (await (await entry(orphan.id)).json()).status, { timeout: 20_000 }).toBe('unrouted');

  await page.goto('/inbox');
  const view = page.getByRole('region', { name: 'Event inbox' });
  await expect(view.getByTestId('inbox-chart')).toBeVisible();
  await expect(view.getByTestId('inbox-backlog')).toHaveText(/backlog \d+/);
  await expect(view.getByTestId('inbox-chart').locator('svg')).toHaveAttribute('aria-label', /[1-9]\d* accepted/);

  // Filter by event type (on the server): only that event's row.
  await view.getByLabel('Event type filter').fill(bound);
  const row = view.locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('done');

  // Its payload, pretty-printed, and copied.
  await row.getByRole('button', { name: 'Payload' }).click();
  const payload = page.getByRole('region', { name: 'Event payload' });
  await expect(payload.getByTestId('inbox-payload')).toContainText('"orderId": "P-1"');
  await expect(payload.getByTestId('inbox-payload')).toContainText(`"detail-type": "${bound}"`);
  await guideScreenshot(page, 'editor-inbox-payload');
  await payload.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Payload copied');
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ id: done.id, detail: { orderId: 'P-1' } });

  // Replay asks first; Cancel changes nothing.
  const runBefore = (await (await entry(done.id)).json()).runId;
  await row.getByRole('button', { name: 'Replay' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Replay this event?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await (await entry(done.id)).json()).runId).toBe(runBefore);
  await row.getByRole('button', { name: 'Replay' }).click();
  await dialog.getByRole('button', { name: 'Replay' }).click();
  await expect(page.getByRole('status').first()).toContainText('queued again');
  await expect.poll(async () => (await (await entry(done.id)).json()).runId, { timeout: 20_000 }).not.toBe(runBefore);

  // The unrouted event: parked after confirming, then deleted after confirming.
  await view.getByLabel('Event type filter').fill(unbound);
  await expect(row).toHaveCount(1);
  await expect(row.locator('td').nth(3)).toHaveText('unrouted');
  await row.getByRole('button', { name: 'Park' }).click();
  await dialog.getByRole('button', { name: 'Park' }).click();
  await expect(row.locator('td').nth(3)).toHaveText('dead');
  await expect(row).toContainText('Parked by an administrator');
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toContainText('Delete this event?');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  expect((await entry(orphan.id)).status()).toBe(404);

  // Filter by status too: the replayed event is done again, under its type.
  await view.getByLabel('Event type filter').fill(bound);
  await view.getByLabel('Status filter').selectOption('done');
  await expect(row).toHaveCount(1, { timeout: 20_000 });

  // In the callback flow, completion goes all the way down into the last event received.
  await row.getByRole('button', { name: flow }).click();
  await expect(page.getByLabel('Flow name')).toHaveValue(flow);
  await page.locator('.react-flow__node[data-id="got"]').click();
  // Type once the expression editor has replaced its plain placeholder and the last run (the sample) is loaded.
  await expect(page.locator('[data-placeholder-editor]')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Last run data' })).toBeVisible();
  const message = page.getByRole('textbox', { name: /^Message/ });
  await message.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' {{ $Request.event.detail.');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await expect(options.filter({ hasText: 'orderId' })).toHaveCount(1);
  await expect(options.filter({ hasText: 'lines' })).toHaveCount(1);
});
