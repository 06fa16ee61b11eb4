/**
 * A flow with a problem is saved but cannot run; the refusal names the node, and
 * clicking the problem selects that node and puts the cursor in the field at fault.
 */
import { expect } from '@playwright/test';
import { nodeOfKind, screenshot } from './editor-helpers.js';
import { chain, createFlowInUi, dropActivity, guideScreenshot, loopTest, setExpression } from './support/loop-ui.js';

const test = loopTest({});

test('a flow with a problem is refused when run, the refusal names the node, and the problem leads to it', async ({ page, request }) => {
  await page.goto('/');
  await createFlowInUi(page, 'ACT_Announce');
  const announce = await dropActivity(page, 'log message', 'core.LogMessage', { x: 0.45, y: 0.5 });
  await chain([nodeOfKind(page, 'core.Start'), announce, nodeOfKind(page, 'core.End')]);
  const nodeId = (await announce.getAttribute('data-id'))!;

  // The message uses a variable no step defines: a problem, shown on the node.
  await announce.click();
  const properties = page.getByRole('complementary', { name: 'Properties' });
  await properties.getByLabel('Caption').fill('Announce order');
  await setExpression(properties, 'Message', 'Order {{ $Order.id }} placed');
  await expect(announce.locator('.problem-badge')).toHaveText('1');

  // Run saves the flow (problems allowed in a saved flow), and the server refuses to run it.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.getByRole('button', { name: 'Run ▶' }).click();
  const status = page.getByRole('status').first();
  await expect(status).toContainText('Run refused');
  // The refusal names the node by its caption, never by its internal id.
  await expect(status).toContainText('"Announce order"');
  await expect(status).not.toContainText(`"${nodeId}"`);
  await expect(status).toContainText('$Order');
  await expect(page.getByRole('tab', { name: /Problems \(1\)/ })).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, 'loop-run-refused');

  // The server says the same to any client, and recorded no run.
  const refused = await request.post('/api/flows/ACT_Announce/runs', { data: { parameters: {} } });
  expect(refused.status()).toBe(422);
  const body = await refused.json();
  expect(body.message).toContain('"Announce order"');
  expect(body.message).not.toContain(`"${nodeId}"`);
  expect(body.error).toBe('FlowHasProblems');
  expect(body.details).toEqual([expect.objectContaining({ nodeId, field: 'message', severity: 'error' })]);
  expect(((await (await request.get('/api/runs?flow=ACT_Announce')).json()).runs as unknown[]).length).toBe(0);

  // Clicking the problem selects the node and focuses the Message field.
  await expect(announce).not.toHaveClass(/selected/);
  await page.getByRole('region', { name: 'Dock' }).getByRole('button', { name: /Announce order/ }).click();
  await expect(announce).toHaveClass(/selected/);
  await expect(properties.getByRole('textbox', { name: 'Message', exact: true })).toBeFocused();
  await guideScreenshot(page, 'problems-run-refused');

  // Fixed, it runs.
  await setExpression(properties, 'Message', 'Order placed');
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await page.getByRole('button', { name: 'Run ▶' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('Order placed');
});
