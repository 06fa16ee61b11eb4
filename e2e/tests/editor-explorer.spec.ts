import { expect, test } from '@playwright/test';
import { end, log, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('the explorer groups flows by prefix and renames, duplicates and deletes them (with confirmation)', async ({ page, request }) => {
  const action = uniqueName('ACT_E2E_Explorer');
  const callback = uniqueName('CB_E2E_Explorer');
  for (const name of [action, callback]) await putFlow(request, name, [start(), end()], [{ id: 'e', source: 'start', sourcePort: 'out', target: 'end' }]);
  await page.goto(`/flows/${action}`);
  await expect(page.getByRole('button', { name: /ACT_ · Actions/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /CB_ · Callbacks/ })).toBeVisible();

  // Rename the open flow: the URL and the toolbar follow.
  const renamed = `${action}_R`;
  await page.getByRole('button', { name: `Rename ${action}` }).click();
  await page.getByRole('dialog').getByLabel('Flow name').fill(renamed);
  await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${renamed}$`));
  await expect(page.getByLabel('Flow name')).toHaveValue(renamed);
  expect((await request.get(`/api/flows/${action}`)).status()).toBe(404);

  // A name that is taken is refused in the dialog itself.
  await page.getByRole('button', { name: `Duplicate ${renamed}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Flow name').fill(callback);
  await expect(dialog).toContainText('already exists');
  await expect(dialog.getByRole('button', { name: 'OK' })).toBeDisabled();
  await dialog.getByLabel('Flow name').fill(`${renamed}_Copy`);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page.locator(`.flow-item[data-flow="${renamed}_Copy"]`)).toBeVisible();
  expect((await request.get(`/api/flows/${renamed}_Copy`)).ok()).toBe(true);
  await screenshot(page, 'editor-explorer');

  // Delete asks first; Cancel keeps the flow, Delete removes it.
  await page.getByRole('button', { name: `Delete ${renamed}_Copy` }).click();
  await expect(page.getByRole('dialog')).toContainText('is deleted from the workspace');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator(`.flow-item[data-flow="${renamed}_Copy"]`)).toBeVisible();
  await page.getByRole('button', { name: `Delete ${renamed}_Copy` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator(`.flow-item[data-flow="${renamed}_Copy"]`)).toHaveCount(0);
  expect((await request.get(`/api/flows/${renamed}_Copy`)).status()).toBe(404);
});

test('constants and the event inbox have their own views and URLs', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Views');
  await putFlow(request, name, [start(), log('a', 'x', 250, 0), end(500, 0)], []);
  await page.goto(`/flows/${name}`);
  await page.getByRole('link', { name: /Constants/ }).click();
  await expect(page).toHaveURL(/\/constants$/);
  await expect(page.getByRole('heading', { name: 'Constants' })).toBeVisible();

  // A constant set here is offered to expressions; a secret one is never shown.
  const constant = `E2E.Bus${Date.now().toString(36)}`;
  await page.getByRole('button', { name: '+ New constant' }).click();
  await page.getByRole('dialog').getByLabel(/Name/).fill(constant);
  await page.getByRole('dialog').getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Value').fill('orders-bus');
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row', { name: new RegExp(constant.replace('.', '\\.')) })).toContainText('"orders-bus"');
  await screenshot(page, 'editor-constants');

  await page.getByRole('link', { name: /Event inbox/ }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole('heading', { name: 'Event inbox' })).toBeVisible();
  await screenshot(page, 'editor-inbox');

  // Back goes to constants, back again to the flow, which is still open.
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Constants' })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel('Flow name')).toHaveValue(name);
  await expect(page.locator('.react-flow__node[data-id="a"]')).toBeVisible();
});
