/**
 * A workspace that refactors safely, on the shipped example workspace with a server of its own:
 * renaming the callback flow in the editor updates the after-startup flow's binding, so after a restart
 * the whole event loop still works; deleting a referenced flow is refused with its usages; Find usages
 * of a constant lists and selects every node using it; breaking the after-startup flow shows the
 * start-up banner and fixing it makes /readyz 200 again without a restart.
 */
import { expect, type Page } from '@playwright/test';
import { screenshot, selectNode } from './editor-helpers.js';
import { loopTest, saveInUi, setExpression } from './support/loop-ui.js';

const test = loopTest({ shipped: true });
test.describe.configure({ mode: 'serial' });

async function openFromExplorer(page: Page, name: string): Promise<void> {
  await page.locator(`.flow-item[data-flow="${name}"] a`).click();
  await expect(page.getByLabel('Flow name')).toHaveValue(name);
}

test('renaming the callback flow in the editor updates its binding; after a restart events still reach it', async ({ page, request, server }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Rename CB_OrderPlaced' }).click();
  await page.getByRole('dialog').getByLabel('Flow name').fill('CB_OrderReceived');
  await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();

  // The preview names every reference that follows, by flow and caption.
  const preview = page.getByRole('dialog', { name: 'Rename CB_OrderPlaced to CB_OrderReceived?' });
  await expect(preview).toContainText('ASU_System › "OrderPlaced → CB_OrderPlaced" · Callback flow');
  await expect(preview).toContainText('CB_OrderPlaced → CB_OrderReceived');
  await screenshot(page, 'refactor-rename-preview');
  await preview.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('status').first()).toContainText('Renamed CB_OrderPlaced to CB_OrderReceived and updated 1 reference');
  await expect(page.locator('.flow-item[data-flow="CB_OrderReceived"]')).toBeVisible();
  const setup = await (await request.get('/api/flows/ASU_System')).json();
  expect(setup.document.nodes.find((n: { id: string }) => n.id === 'bind').config.callbackFlow).toBe('CB_OrderReceived');
  expect(setup.problems).toEqual([]);

  // Captions are the person's words and stay as written; the reference itself follows.
  // A restart runs ASU_System again, which binds OrderPlaced to the flow under its new name.
  await server.restart();
  expect((await request.get('/readyz')).status()).toBe(200);
  const sent = await (await request.post('/api/flows/ACT_PutEvents/runs', { data: { parameters: { OrderId: 'o-2001', Total: 150 } } })).json();
  expect(sent.status, JSON.stringify(sent.error)).toBe('succeeded');
  const runs = async () => ((await (await request.get('/api/runs?flow=CB_OrderReceived')).json()).runs as Array<{ status: string; trigger: string; error?: { message: string } }>).map((r) => `${r.trigger} ${r.status}${r.error ? `: ${r.error.message}` : ''}`);
  await expect.poll(runs, { timeout: 20_000 }).toEqual(['event succeeded']);
});

test('deleting a flow that is used is refused with its usages; keeping it leaves it in place', async ({ page, request }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Delete CB_OrderReceived' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  const refusal = page.getByRole('dialog', { name: 'CB_OrderReceived is in use' });
  await expect(refusal).toContainText('ASU_System › "OrderPlaced → CB_OrderPlaced"');
  await expect(refusal).toContainText('Callback flow — callback flow');
  await expect(refusal.getByRole('button', { name: 'Delete anyway' })).toBeVisible();
  await screenshot(page, 'refactor-delete-refused');
  await refusal.getByRole('button', { name: 'Keep it' }).click();
  await expect(refusal).toHaveCount(0);
  expect((await request.get('/api/flows/CB_OrderReceived')).status()).toBe(200);
  const api = await request.delete('/api/flows/CB_OrderReceived');
  expect(api.status()).toBe(409);
  expect((await api.json()).error).toBe('FlowInUse');
});

test('Find usages of a constant lists every node using it, and clicking one opens its flow with the node selected', async ({ page }) => {
  await page.goto('/constants');
  await page.getByRole('button', { name: 'Find usages of AWS.Region' }).click();
  const usages = page.getByRole('complementary', { name: 'Usages' });
  await expect(usages).toContainText('Usages of constant AWS.Region');
  const items = usages.getByRole('button', { name: /›/ });
  await expect(items).toHaveText([/^ACT_PutEvents › "Send OrderPlaced"Region/, /^ASU_System › "Register the app"Region/, /^ASU_System › "Route OrderPlaced to the app"Region/]);
  await screenshot(page, 'refactor-find-usages');
  await items.nth(2).click();
  await expect(page).toHaveURL(/\/flows\/ASU_System$/);
  await expect(page.locator('.react-flow__node[data-id="route"]')).toHaveClass(/selected/);
  await expect(page.getByRole('complementary', { name: 'Properties' })).toContainText('Route Events To App');

  // Shift+F12 on the selected Create Configuration node lists the usages of its callback flow.
  await page.locator('.react-flow__node[data-id="bind"]').click();
  await page.keyboard.press('Shift+F12');
  await expect(usages).toContainText('Usages of flow CB_OrderReceived');
  await expect(usages.getByRole('button', { name: /›/ })).toHaveText([/ASU_System › "OrderPlaced → CB_OrderPlaced"/]);
});

test('breaking the after-startup flow shows the start-up banner; fixing it makes the server ready without a restart', async ({ page, request }) => {
  test.setTimeout(90_000);
  // A keep-alive socket the server closed in between is a transient failure of this probe, not an answer.
  const readiness = async () => (await request.get('/readyz').catch(() => undefined))?.status() ?? 0;
  await page.goto('/');
  await openFromExplorer(page, 'ASU_System');
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await selectNode(page, 'bind');
  await setExpression(properties, 'Event type', "'OrderPlaced");
  await saveInUi(page);

  const banner = page.getByRole('alert', { name: 'Start-up problems' });
  await expect(banner).toContainText('After-startup flow ASU_System cannot run', { timeout: 15_000 });
  await expect(banner).toContainText('"OrderPlaced → CB_OrderPlaced"');
  await expect(banner.getByRole('link', { name: 'Open ASU_System' })).toBeVisible();
  await expect.poll(readiness).toBe(503);
  await screenshot(page, 'refactor-startup-banner');

  await selectNode(page, 'bind');
  await setExpression(properties, 'Event type', "'OrderPlaced'");
  await saveInUi(page);
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(readiness, { timeout: 15_000 }).toBe(200);
});
