/**
 * On the shipped example workspace (ASU_System binds OrderPlaced to
 * CB_OrderPlaced at start-up): a redelivered event runs its callback once; a wrong API key is refused
 * with 401 and leaves no run and no inbox entry.
 */
import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { screenshot } from './editor-helpers.js';
import { shippedApiKey } from './support/loop-server.js';
import { loopTest } from './support/loop-ui.js';

const test = loopTest({ shipped: true });
const ENDPOINT = '/rest/EventBridge/v1/event';

/** An event as an EventBridge API destination delivers it. */
function orderPlaced(detailType: string, detail: Record<string, unknown>): Record<string, unknown> {
  return { version: '0', id: randomUUID(), 'detail-type': detailType, source: 'com.example.shop', account: '000000000000', time: new Date().toISOString(), region: 'us-east-1', resources: [], detail };
}

async function inboxIds(request: APIRequestContext): Promise<string[]> {
  return ((await (await request.get('/api/inbox')).json()).events as Array<{ id: string }>).map((e) => e.id);
}

async function runIds(request: APIRequestContext): Promise<string[]> {
  return ((await (await request.get('/api/runs?limit=200')).json()).runs as Array<{ id: string }>).map((r) => r.id);
}

test('a wrong API key is answered 401 and leaves no run and nothing in the inbox', async ({ page, request }) => {
  const inboxBefore = await inboxIds(request);
  const runsBefore = await runIds(request);
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Event inbox' })).toBeVisible();
  const rowsBefore = await page.locator('.inbox-view tbody tr').count();

  const event = orderPlaced('OrderPlaced', { orderId: 'o-wrong-key', total: 5 });
  const wrong = await request.post(ENDPOINT, { headers: { 'x-api-key': `${shippedApiKey()}-not` }, data: event });
  expect(wrong.status()).toBe(401);
  const missing = await request.post(ENDPOINT, { data: event });
  expect(missing.status()).toBe(401);
  // The answer says what is wrong without echoing any key.
  const body = await wrong.text();
  expect(body).not.toContain(shippedApiKey());

  // Give a wrongly accepted event time to be dispatched before looking.
  await page.waitForTimeout(500);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.locator('.inbox-view tbody tr')).toHaveCount(rowsBefore);
  await expect(page.locator('.inbox-view tr').filter({ hasText: 'o-wrong-key' })).toHaveCount(0);
  expect(await inboxIds(request)).toEqual(inboxBefore);
  expect((await inboxIds(request)).includes(event.id as string)).toBe(false);
  expect(await runIds(request)).toEqual(runsBefore);
  await screenshot(page, 'loop-inbox-after-wrong-key');
});

test('the same event delivered twice runs its callback once: in the Runs dock and through the API', async ({ page, request }) => {
  const before = ((await (await request.get('/api/runs?flow=CB_OrderPlaced&limit=200')).json()).runs as unknown[]).length;
  await page.goto('/flows/CB_OrderPlaced');
  await page.getByRole('tab', { name: /Runs/ }).click();
  await expect(page.locator('.live-indicator')).toHaveAttribute('data-live', 'open');
  await expect(page.getByRole('tab', { name: `Runs (${before})` })).toBeVisible();

  const event = orderPlaced('OrderPlaced', { orderId: 'o-twice', total: 250 });
  const first = await request.post(ENDPOINT, { headers: { 'x-api-key': shippedApiKey() }, data: event });
  expect(first.status(), await first.text()).toBe(202);
  // EventBridge retries when it misses the answer: the same id again is acknowledged, not queued.
  const again = await request.post(ENDPOINT, { headers: { 'x-api-key': shippedApiKey() }, data: event });
  expect(again.status(), await again.text()).toBe(200);
  expect((await again.json()).status).toBe('duplicate');

  await expect(page.getByRole('tab', { name: `Runs (${before + 1})` })).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-steps')).toContainText(`started by event ${event.id as string}`);
  await expect(page.getByTestId('run-log')).toContainText('o-twice');

  // Once the inbox entry is done, nothing else is coming: exactly one run carries the event's id.
  await expect.poll(async () => ((await (await request.get('/api/inbox')).json()).events as Array<{ id: string; status: string }>).find((e) => e.id === event.id)?.status).toBe('done');
  await page.waitForTimeout(500);
  const runs = (await (await request.get('/api/runs?flow=CB_OrderPlaced&limit=200')).json()).runs as Array<{ eventId?: string }>;
  expect(runs.filter((r) => r.eventId === event.id)).toHaveLength(1);
  await expect(page.getByRole('tab', { name: `Runs (${before + 1})` })).toBeVisible();

  // The inbox lists the event once.
  await page.goto('/inbox');
  await expect(page.locator(`.inbox-view tbody tr[data-event-id="${event.id as string}"]`)).toHaveCount(1);
});
