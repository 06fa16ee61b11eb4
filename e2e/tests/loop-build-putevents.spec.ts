/**
 * ACT_PutEvents built from an empty flow through the UI alone — palette, handles,
 * panels — saved, run with its parameters, and answered by the embedded local EventBridge.
 */
import { expect } from '@playwright/test';
import { nodeOfKind, screenshot } from './editor-helpers.js';
import { shippedConstants } from './support/loop-server.js';
import { chain, createFlowInUi, dropActivity, loopTest, saveInUi, setExpression, shownRunResult } from './support/loop-ui.js';

// An empty workspace but for the shipped constants (whose secret ones have local defaults).
const test = loopTest({ files: { 'constants.json': shippedConstants() } });

test('ACT_PutEvents built by drag-and-drop and panels sends one event: FailedEntryCount 0 and an EventId', async ({ page, request }) => {
  await page.goto('/');
  await createFlowInUi(page, 'ACT_PutEvents');

  const creds = await dropActivity(page, 'static credentials', 'aws.GetStaticCredentials', { x: 0.3, y: 0.25 });
  const put = await dropActivity(page, 'put events', 'eventbridge.PutEvents', { x: 0.55, y: 0.6 });
  const startNode = nodeOfKind(page, 'core.Start');
  const endNode = nodeOfKind(page, 'core.End');
  await chain([startNode, creds, put, endNode]);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // The flow's parameters, declared on Start.
  await startNode.click();
  const properties = page.getByRole('complementary', { name: 'Properties' });
  for (const [i, [name, type]] of [['OrderId', 'String'], ['Total', 'Decimal']].entries()) {
    await properties.getByRole('button', { name: '+ Add parameter' }).click();
    await properties.getByLabel(`Parameter ${i + 1} name`).fill(name!);
    await properties.getByLabel(`Parameter ${i + 1} type`).fill(type!);
  }

  // Credentials from the constants (the secret one resolves to its local default on this fully local server).
  await creds.click();
  await properties.getByLabel('Access key id constant').fill('AWS.AccessKeyId');
  await properties.getByLabel('Secret access key constant').fill('AWS.SecretAccessKey');

  // PutEvents: region from the list, the credentials variable in scope, one entry built from the parameters.
  await put.click();
  await expect(properties.getByRole('heading', { name: /Put Events/ })).toBeVisible();
  const region = properties.getByRole('combobox', { name: 'Region' });
  await region.click();
  await region.fill('virginia');
  await page.getByRole('option', { name: /us-east-1/ }).click();
  await expect(region).toHaveValue(/^us-east-1/);
  await properties.getByLabel('Credentials', { exact: true }).selectOption('$Credentials');
  const entry = properties.getByRole('group', { name: 'Entries row 1' });
  await setExpression(entry, 'Source', "'com.example.shop'");
  await setExpression(entry, 'Detail type', "'OrderPlaced'");
  await setExpression(entry, 'Detail', '{"orderId": $OrderId, "total": $Total}');
  await screenshot(page, 'loop-putevents-panel');

  // End returns what EventBridge answered.
  await endNode.click();
  await properties.getByLabel('Return type').fill('PutEventsResponse');
  await setExpression(properties, 'Return value', '$PutEventsResponse');

  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await saveInUi(page);
  await screenshot(page, 'loop-putevents-flow');

  // What was saved is what the panels show.
  const saved = (await (await request.get('/api/flows/ACT_PutEvents')).json()).document;
  expect(saved.parameters).toEqual([
    { name: 'OrderId', type: 'String' },
    { name: 'Total', type: 'Decimal' },
  ]);
  const putNode = saved.nodes.find((n: { kind: string }) => n.kind === 'eventbridge.PutEvents');
  expect(putNode.config).toMatchObject({ region: "'us-east-1'", credentials: '$Credentials', entries: [{ source: "'com.example.shop'", detailType: "'OrderPlaced'", detail: '{"orderId": $OrderId, "total": $Total}' }] });

  // Run with typed parameters; the Runs dock shows the PutEventsResponse.
  await page.getByRole('button', { name: 'Run ▶' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run ACT_PutEvents' });
  await dialog.getByLabel(/^OrderId/).fill('o-1001');
  await dialog.getByLabel(/^Total/).fill('150');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  const result = await shownRunResult(page);
  expect(result.FailedEntryCount).toBe(0);
  expect((result.Entries as Array<{ EventId?: string }>)[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('run-log')).toContainText('0 failed');
  // The step's inputs show the detail built from the parameters.
  const putStep = page.getByTestId('run-steps').locator(`.run-step[data-node-id="${putNode.id}"]`);
  await putStep.getByRole('button', { name: 'details' }).click();
  await expect(putStep.getByTestId('step-inputs')).toContainText('o-1001');
});
