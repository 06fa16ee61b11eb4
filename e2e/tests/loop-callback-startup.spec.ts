/**
 * A callback flow and the after-startup flow that binds it (RegisterApp,
 * CreateConfiguration, RouteEventsToApp) built through the UI; the server restarted by the test runs the
 * after-startup flow; an event sent through the local EventBridge starts the callback, live in the Runs dock.
 *
 * The test writes settings.json's afterStartupFlows itself (the Settings view is covered by workspace-refactor.spec.ts).
 */
import { expect } from '@playwright/test';
import { nodeOfKind, screenshot } from './editor-helpers.js';
import { shippedConstants } from './support/loop-server.js';
import { chain, createFlowInUi, dropActivity, loopTest, saveInUi, setExpression } from './support/loop-ui.js';

const test = loopTest({ files: { 'constants.json': shippedConstants() } });

test('a callback bound in an after-startup flow built in the UI runs live when an OrderPlaced event arrives after a restart', async ({ page, request, server }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const properties = page.getByRole('complementary', { name: 'Properties' });

  // The callback: one HttpRequest parameter, a Log Message with the event's detail.
  await createFlowInUi(page, 'CB_OrderPlaced');
  const cbLog = await dropActivity(page, 'log message', 'core.LogMessage', { x: 0.4, y: 0.5 });
  await chain([nodeOfKind(page, 'core.Start'), cbLog, nodeOfKind(page, 'core.End')]);
  await nodeOfKind(page, 'core.Start').click();
  await properties.getByRole('button', { name: '+ Add parameter' }).click();
  await properties.getByLabel('Parameter 1 name').fill('HttpRequest');
  await properties.getByLabel('Parameter 1 type').fill('HttpRequest');
  await cbLog.click();
  await setExpression(properties, 'Message', 'received order {{ $HttpRequest.event.detail.orderId }} of {{ $HttpRequest.event.detail.total }}');
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await saveInUi(page);

  // The after-startup flow: credentials → Register App → Create Configuration → Route Events To App.
  await createFlowInUi(page, 'ASU_Events');
  const creds = await dropActivity(page, 'static credentials', 'aws.GetStaticCredentials', { x: 0.2, y: 0.2 });
  const register = await dropActivity(page, 'register app', 'eventbridge.RegisterApp', { x: 0.4, y: 0.45 });
  const bind = await dropActivity(page, 'create configuration', 'eventbridge.CreateConfiguration', { x: 0.6, y: 0.2 });
  const route = await dropActivity(page, 'route events', 'eventbridge.RouteEventsToApp', { x: 0.75, y: 0.5 });
  await chain([nodeOfKind(page, 'core.Start'), creds, register, bind, route, nodeOfKind(page, 'core.End')]);
  await expect(page.locator('.react-flow__edge')).toHaveCount(5);

  await register.click();
  await properties.getByLabel('Credentials', { exact: true }).selectOption('$Credentials');
  await setExpression(properties, 'Name', "'flowbridge-app'");
  await properties.getByLabel('API key constant').fill('EventBridge.APIKey');

  await bind.click();
  await setExpression(properties, 'Event type', "'OrderPlaced'");
  await properties.getByLabel('Callback flow').selectOption('CB_OrderPlaced');

  await route.click();
  await properties.getByLabel('Credentials', { exact: true }).selectOption('$Credentials');
  await setExpression(properties, 'Event types', "['OrderPlaced']");
  await setExpression(properties, 'API destination', '$AppRegistration.ApiDestinationArn');
  await setExpression(properties, 'Role ARN', "$constant('EventBridge.InvokeRoleArn')");
  await expect(page.getByRole('tab', { name: 'Problems (0)' })).toBeVisible();
  await saveInUi(page);
  await screenshot(page, 'loop-after-startup-flow');

  // List the flow in settings.json directly, then restart so the server runs it.
  server.writeFile('settings.json', JSON.stringify({ afterStartupFlows: ['ASU_Events'] }, null, 2));
  await server.restart();
  const startup = (await (await request.get('/api/runs?flow=ASU_Events')).json()).runs as Array<{ status: string; trigger: string }>;
  expect(startup).toEqual([expect.objectContaining({ status: 'succeeded', trigger: 'startup' })]);

  // Watch the callback flow's Runs dock while the event travels: PutEvents → local EventBridge rule →
  // API destination → event endpoint (with the key RegisterApp gave it) → dispatcher → callback.
  await page.goto('/flows/CB_OrderPlaced');
  await page.getByRole('tab', { name: /Runs/ }).click();
  await expect(page.locator('.live-indicator')).toHaveAttribute('data-live', 'open');
  await expect(page.getByRole('tab', { name: 'Runs (0)' })).toBeVisible();

  const sender = {
    formatVersion: 1,
    name: 'ACT_Send',
    parameters: [],
    nodes: [
      { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'creds', kind: 'aws.GetStaticCredentials', position: { x: 200, y: 0 }, config: { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey', outputVariable: 'Credentials' } },
      {
        id: 'put',
        kind: 'eventbridge.PutEvents',
        position: { x: 400, y: 0 },
        config: { region: "'us-east-1'", credentials: '$Credentials', entries: [{ source: "'com.example.shop'", detailType: "'OrderPlaced'", detail: '{"orderId": "o-77", "total": 12.5}' }], outputVariable: 'Response' },
      },
      { id: 'end', kind: 'core.End', position: { x: 600, y: 0 }, config: { returnValue: '$Response' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'creds' },
      { id: 'e2', source: 'creds', sourcePort: 'out', target: 'put' },
      { id: 'e3', source: 'put', sourcePort: 'out', target: 'end' },
    ],
    annotations: [],
  };
  expect((await request.put('/api/flows/ACT_Send', { data: sender })).ok()).toBe(true);
  const sent = await (await request.post('/api/flows/ACT_Send/runs', { data: { parameters: {} } })).json();
  expect(sent.status, JSON.stringify(sent.error)).toBe('succeeded');
  const eventId: string = sent.result.Entries[0].EventId;

  // Nobody pressed Run on this page: the callback run arrives over the live stream.
  await expect(page.getByRole('tab', { name: 'Runs (1)' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('received order o-77 of 12.5');
  await expect(page.getByTestId('run-steps')).toContainText(`started by event ${eventId}`);
  await expect(page.locator(`.react-flow__node[data-id="${await cbLog.getAttribute('data-id')}"] .activity-node`)).toHaveClass(/visited/);
  await screenshot(page, 'loop-callback-live');
});
