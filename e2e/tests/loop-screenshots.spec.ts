/**
 * The user guide's screenshots, taken on the shipped example workspace as a new user sees it after
 * `npm start`. `npm run docs:screenshots` runs this with DOCS_SCREENSHOTS=1 to refresh docs/images/;
 * an ordinary run writes the same pictures to e2e/artifacts/ and checks what they show.
 */
import { expect } from '@playwright/test';
import { guideScreenshot, loopTest } from './support/loop-ui.js';

const test = loopTest({ shipped: true });

test('the guide pictures: canvas, property panel, a lit callback run, the inbox and the constants', async ({ page }) => {
  // The sending flow on the canvas.
  await page.goto('/flows/ACT_PutEvents');
  await expect(page.getByLabel('Flow name')).toHaveValue('ACT_PutEvents');
  await expect(page.locator('.react-flow__node .activity-node')).toHaveCount(6);
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await guideScreenshot(page, 'canvas-act-putevents');

  // Put Events' property panel: region, credentials, the entry built from the parameters.
  await page.locator('.react-flow__node[data-id="put"]').click();
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await expect(properties.getByRole('heading', { name: /Put Events/ })).toBeVisible();
  await expect(properties.getByRole('textbox', { name: 'Detail', exact: true })).toHaveText('{"orderId": $OrderId, "total": $Total}');
  await guideScreenshot(page, 'property-panel-putevents', properties);

  // Run it with parameters; its result in the Runs dock.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.getByRole('button', { name: 'Run ▶' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run ACT_PutEvents' });
  await dialog.getByLabel(/^OrderId/).fill('o-1001');
  await dialog.getByLabel(/^Total/).fill('150');
  await guideScreenshot(page, 'run-parameters-dialog', dialog);
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-result')).toContainText('"FailedEntryCount": 0');
  await guideScreenshot(page, 'runs-dock-putevents');

  // The callback run that event started, its path lit on CB_OrderPlaced's canvas.
  await page.goto('/flows/CB_OrderPlaced');
  await page.getByRole('tab', { name: /Runs/ }).click();
  // A run from before the page opened comes from the history; picking it lights its path.
  await page.locator('.run-list button').first().click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('o-1001');
  await expect(page.locator('.canvas')).toHaveClass(/run-shown/);
  await expect(page.locator('.activity-node.visited').first()).toBeVisible();
  await guideScreenshot(page, 'runs-dock-callback-trace');

  // The inbox: the event EventBridge delivered, done, with its callback run.
  await page.goto('/inbox');
  const row = page.locator('.inbox-view tbody tr').filter({ hasText: 'OrderPlaced' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('done');
  await expect(row).toContainText('CB_OrderPlaced');
  await guideScreenshot(page, 'inbox');

  // The constants, secret ones masked.
  await page.goto('/constants');
  await expect(page.getByRole('heading', { name: 'Constants' })).toBeVisible();
  await expect(page.locator('.constants-view')).toContainText('EventBridge.APIKey');
  await expect(page.locator('.constants-view')).not.toContainText('local-only-flowbridge-api-key');
  await guideScreenshot(page, 'constants');
});
