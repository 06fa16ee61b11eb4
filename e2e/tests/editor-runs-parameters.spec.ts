import { expect, test } from '@playwright/test';
import { end, log, openFlow, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('Run asks for typed parameters, lights the path taken and shows each step; two runs compare step by step', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Params');
  await putFlow(
    request,
    name,
    [
      start(),
      { id: 'd', kind: 'core.Decision', position: { x: 220, y: 0 }, config: { condition: '$Count > 5' } },
      log('big', 'big order for {{ $Customer }}', 480, -100),
      log('small', 'small order for {{ $Customer }}', 480, 100),
      end(740, 0),
    ],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'd' },
      { id: 'e2', source: 'd', sourcePort: 'true', target: 'big' },
      { id: 'e3', source: 'd', sourcePort: 'false', target: 'small' },
      { id: 'e4', source: 'big', sourcePort: 'out', target: 'end' },
      { id: 'e5', source: 'small', sourcePort: 'out', target: 'end' },
    ],
    {
      parameters: [
        { name: 'Count', type: 'Integer' },
        { name: 'Customer', type: 'String' },
      ],
    },
  );
  await openFlow(page, name);

  await page.getByRole('button', { name: 'Run ▶' }).click();
  const dialog = page.getByRole('dialog', { name: `Run ${name}` });
  await expect(dialog).toBeVisible();
  // A value that is not an Integer is refused before anything is sent.
  await dialog.getByLabel(/^Count/).fill('seven');
  await expect(dialog.getByRole('alert')).toContainText('Count must be a whole number');
  await expect(dialog.getByRole('button', { name: 'Run' })).toBeDisabled();
  await dialog.getByLabel(/^Count/).fill('7');
  await dialog.getByLabel(/^Customer/).fill('Ada');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('big order for Ada');
  // The path taken is lit; the branch not taken is dimmed.
  await expect(page.locator('.canvas')).toHaveClass(/run-shown/);
  await expect(page.locator('.react-flow__node[data-id="big"] .activity-node')).toHaveClass(/visited/);
  await expect(page.locator('.react-flow__node[data-id="small"] .activity-node')).not.toHaveClass(/visited/);
  await expect(page.locator('.react-flow__node[data-id="small"] .activity-node')).toHaveCSS('opacity', '0.35');
  await expect(page.locator('.react-flow__edge[data-id="e2"]')).toHaveClass(/taken/);
  await expect(page.locator('.react-flow__edge[data-id="e3"]')).not.toHaveClass(/taken/);

  // Each step with its duration; the log step's inputs and the decision's port.
  const steps = page.getByTestId('run-steps');
  await expect(steps.locator('.run-step')).toHaveCount(4);
  await expect(steps.locator('.run-step[data-node-id="d"]')).toContainText('→ true');
  const bigStep = steps.locator('.run-step[data-node-id="big"]');
  await expect(bigStep.locator('.step-duration')).toHaveText(/\d+ ms/);
  await bigStep.getByRole('button', { name: 'details' }).click();
  await expect(bigStep.getByTestId('step-inputs')).toContainText('big order for Ada');
  await screenshot(page, 'editor-run-path');

  // Re-run this run's inputs with a changed value, then compare the two runs.
  await page.getByRole('button', { name: 'Re-run with these inputs' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/^Count/)).toHaveValue('7');
  await expect(dialog.getByLabel(/^Customer/)).toHaveValue('Ada');
  await dialog.getByLabel(/^Count/).fill('2');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('run-log')).toContainText('small order for Ada');
  await expect(page.locator('.react-flow__node[data-id="small"] .activity-node')).toHaveClass(/visited/);
  await page.getByRole('button', { name: 'Compare…' }).click();
  const compare = page.getByTestId('run-compare');
  await expect(compare).toContainText('3 step(s) differ');
  await expect(compare.locator('tr.compare-changed')).toContainText('port');
  await expect(compare.locator('tr.compare-only-left')).toHaveCount(1);
  await expect(compare.locator('tr.compare-only-right')).toHaveCount(1);
});
