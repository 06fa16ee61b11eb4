/**
 * The first hour with runs: clicking a node after a run shows its data (or that it did not run), the
 * expression preview evaluates on the server as you type, and the Runs dock lists, filters and
 * times runs. 8-character run ids work in the API.
 */
import { expect, test, type Page } from '@playwright/test';
import { end, log, MOD, openFlow, putFlow, start, uniqueName } from './editor-helpers.js';
import { guideScreenshot } from './support/loop-ui.js';

test.use({ viewport: { width: 1440, height: 900 } });

async function runWithTotal(page: Page, name: string, total: string): Promise<void> {
  await page.getByRole('button', { name: 'Run ▶' }).click();
  const dialog = page.getByRole('dialog', { name: `Run ${name}` });
  await dialog.getByLabel(/^Total/).fill(total);
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();
}

test('last-run data on click, expression preview as you type, and the Runs dock', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Data');
  await putFlow(
    request,
    name,
    [
      start(),
      { id: 'big', kind: 'core.CreateVariable', position: { x: 220, y: 0 }, config: { variableName: 'Big', type: 'Boolean', value: '$Total > 100' } },
      { id: 'd', kind: 'core.Decision', position: { x: 460, y: 0 }, config: { condition: '$Big' } },
      log('yes', 'large order of {{ $Total }}', 700, -90),
      log('no', 'small order', 700, 90),
      end(950, 0),
    ],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'big' },
      { id: 'e2', source: 'big', sourcePort: 'out', target: 'd' },
      { id: 'e3', source: 'd', sourcePort: 'true', target: 'yes' },
      { id: 'e4', source: 'd', sourcePort: 'false', target: 'no' },
      { id: 'e5', source: 'yes', sourcePort: 'out', target: 'end' },
      { id: 'e6', source: 'no', sourcePort: 'out', target: 'end' },
    ],
    { parameters: [{ name: 'Total', type: 'Decimal' }] },
  );
  await openFlow(page, name);
  await runWithTotal(page, name, '150');
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');

  // Last-run data: the node that ran shows its output; the branch not taken says it did not run.
  const panel = page.getByRole('complementary', { name: 'Properties' });
  await page.locator('.react-flow__node[data-id="big"]').click();
  await expect(panel.getByTestId('last-run-output')).toHaveText('true');
  await guideScreenshot(page, 'editor-last-run-data');
  await page.locator('.react-flow__node[data-id="no"]').click();
  await expect(panel.getByTestId('last-run')).toContainText('This node did not run in run');

  // Expression preview: evaluated on the server against this run's variables at the node.
  await page.locator('.react-flow__node[data-id="d"]').click();
  const condition = page.getByRole('textbox', { name: 'Condition' });
  await condition.click();
  await page.keyboard.press(`${MOD}+a`);
  await page.keyboard.type('$Total * 2 & " / " & $string($Big)');
  await expect(panel.getByTestId('expression-preview-value')).toHaveText('= "300 / true"');
  await expect(panel.getByTestId('expression-preview')).toContainText('With run');
  await guideScreenshot(page, 'editor-expression-preview');
  await page.keyboard.type(' +');
  await expect(panel.getByTestId('expression-preview-value')).toContainText(/InvalidExpression|Expected/);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press(`${MOD}+a`);
  await page.keyboard.type('$Big');
  await expect(panel.getByTestId('expression-preview-value')).toHaveText('= true');

  // A second run (saving first: the Run button says so), with the other outcome.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.getByRole('button', { name: /Run ▶/ })).toContainText(/saves first|^Run ▶$/);
  await runWithTotal(page, name, '20');
  await expect(page.getByTestId('run-log')).toContainText('small order');

  // The Runs dock: newest first, with time, duration, trigger and status; the count matches the list.
  const dock = page.getByRole('region', { name: 'Dock' });
  await expect(page.getByRole('tab', { name: 'Runs (2)' })).toBeVisible();
  const rows = dock.getByRole('table', { name: 'Runs' }).locator('tr');
  await expect(rows).toHaveCount(2);
  await expect(dock.getByTestId('run-count')).toHaveText('2 run(s)');
  await expect(rows.first()).toContainText('manual');
  await expect(rows.first().locator('.run-duration')).toHaveText(/\d+ ms|\d+\.\d s/);
  await expect(dock.locator('.step-bar')).toHaveCount(5);
  await dock.getByLabel('Filter runs by trigger').selectOption('event');
  await expect(dock.getByTestId('run-count')).toHaveText('0 of 2 run(s)');
  await dock.getByLabel('Filter runs by trigger').selectOption('');
  await dock.getByLabel('Filter runs by status').selectOption('succeeded');
  await expect(rows).toHaveCount(2);

  // Compare: the two runs took different branches; only real differences are listed.
  await dock.getByRole('button', { name: 'Compare…' }).click();
  const compare = dock.getByTestId('run-compare');
  await expect(compare).toContainText('differ');
  await expect(compare.locator('tr.compare-same')).toHaveCount(0);
  await compare.getByLabel(/unchanged step/).check();
  await expect(compare.locator('tr.compare-same').first()).toBeVisible();
  await guideScreenshot(page, 'editor-runs-dock');

  // The id as shown (8 characters) works in the API.
  const shortId = (await rows.first().getByRole('button').textContent())!.replace(/[^0-9a-f]/g, '').slice(-8);
  const run = await request.get(`/api/runs/${shortId}`);
  expect(run.status()).toBe(200);
  expect((await run.json()).flow).toBe(name);
});
