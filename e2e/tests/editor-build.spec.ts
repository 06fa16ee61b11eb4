import { expect, test } from '@playwright/test';
import { connect, end, getDocument, MOD, nodeOfKind, openFlow, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('a PutEvents flow is built by drag-and-drop, with region and credentials set in the panels, and saved', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Publish');
  await page.goto('/');

  // Create the flow from the explorer: the URL follows.
  await page.getByRole('button', { name: '+ New flow' }).click();
  await page.getByRole('dialog').getByLabel('Flow name').fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${name}$`));
  await expect(page.locator(`.flow-item[data-flow="${name}"]`)).toHaveClass(/open/);

  // Find activities through the palette search, then drag them onto the canvas.
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByLabel('Search activities').fill('credentials');
  await expect(page.locator('.palette-item[data-kind="core.LogMessage"]')).toHaveCount(0);
  await page.locator('.palette-item[data-kind="aws.GetStaticCredentials"]').dragTo(pane, { targetPosition: { x: box.width * 0.25, y: box.height * 0.2 } });
  await page.getByLabel('Search activities').fill('put events');
  await page.locator('.palette-item[data-kind="eventbridge.PutEvents"]').dragTo(pane, { targetPosition: { x: box.width * 0.55, y: box.height * 0.8 } });
  await page.getByLabel('Search activities').fill('');

  const startNode = nodeOfKind(page, 'core.Start');
  const creds = nodeOfKind(page, 'aws.GetStaticCredentials');
  const put = nodeOfKind(page, 'eventbridge.PutEvents');
  const endNode = nodeOfKind(page, 'core.End');
  await expect(creds).toHaveCount(1);
  await expect(put).toHaveCount(1);

  // Start → credentials → PutEvents → End; PutEvents' error port goes to End as well (a styled error edge).
  await connect(startNode, 'out', creds);
  await connect(creds, 'out', put);
  await connect(put, 'out', endNode);
  await connect(put, 'error', endNode);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge.error-edge')).toHaveCount(1);

  // Region: searchable list; Credentials: the variable of type Credentials in scope.
  await put.click();
  await expect(page.getByRole('heading', { name: /Put Events/ })).toBeVisible();
  const region = page.getByRole('combobox', { name: 'Region' });
  await region.click();
  await region.fill('frankfurt');
  await page.getByRole('option', { name: /eu-central-1/ }).click();
  await expect(region).toHaveValue(/eu-central-1 — Europe \(Frankfurt\)/);
  await page.getByLabel('Credentials', { exact: true }).selectOption('$Credentials');
  await screenshot(page, 'editor-putevents-panel');

  // The unsaved marker shows until Ctrl+S.
  await expect(page.locator('.toolbar .dirty-marker')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press(`${MOD}+s`);
  await expect(page.getByRole('status')).toHaveText(/Saved/);
  await expect(page.locator('.toolbar .dirty-marker')).toHaveCount(0);
  await screenshot(page, 'editor-flow');

  const document = await getDocument(request, name);
  const saved = document.nodes.find((n) => n.kind === 'eventbridge.PutEvents')!;
  expect(saved.config.region).toBe("'eu-central-1'");
  expect(saved.config.credentials).toBe('$Credentials');
  expect(document.edges.map((e) => `${e.source}:${e.sourcePort}`).sort()).toEqual(
    [`start:out`, `${document.nodes.find((n) => n.kind === 'aws.GetStaticCredentials')!.id}:out`, `${saved.id}:error`, `${saved.id}:out`].sort(),
  );

  // Reload keeps the flow open (the URL names it).
  await page.reload();
  await expect(page.getByLabel('Flow name')).toHaveValue(name);
  await expect(nodeOfKind(page, 'eventbridge.PutEvents')).toHaveCount(1);
});

test('one click lays the flow out, and the layout is one undo step', async ({ page }) => {
  const name = uniqueName('ACT_E2E_Layout');
  await page.goto('/new');
  await page.getByLabel('Flow name').fill(name);
  const pane = page.locator('.react-flow__pane');
  await page.locator('.palette-item[data-kind="core.LogMessage"]').dragTo(pane, { targetPosition: { x: 120, y: 60 } });
  await connect(nodeOfKind(page, 'core.Start'), 'out', nodeOfKind(page, 'core.LogMessage'));
  await connect(nodeOfKind(page, 'core.LogMessage'), 'out', nodeOfKind(page, 'core.End'));
  const offset = async () => {
    const [s, l] = await Promise.all([nodeOfKind(page, 'core.Start').boundingBox(), nodeOfKind(page, 'core.LogMessage').boundingBox()]);
    return { dx: Math.round(l!.x - s!.x), dy: Math.round(l!.y - s!.y) };
  };
  const before = await offset();
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  // Laid out left to right: Start, Log, End on one row.
  await expect
    .poll(async () => {
      const [s, l, e] = await Promise.all(['core.Start', 'core.LogMessage', 'core.End'].map(async (k) => (await nodeOfKind(page, k).boundingBox())!));
      return s!.x < l!.x && l!.x < e!.x && Math.abs(s!.y + s!.height / 2 - (l!.y + l!.height / 2)) < 8;
    })
    .toBe(true);
  await screenshot(page, 'editor-layout');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(offset).toEqual(before);
});

test('the callback-flow picker offers only flows with one HttpRequest parameter, and creates one', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Routing');
  const good = uniqueName('CB_E2E_Good');
  const wrong = uniqueName('CB_E2E_Wrong');
  await putFlow(request, good, [start(), end()], [{ id: 'e', source: 'start', sourcePort: 'out', target: 'end' }], { parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }] });
  await putFlow(request, wrong, [start(), end()], [{ id: 'e', source: 'start', sourcePort: 'out', target: 'end' }], { parameters: [{ name: 'Text', type: 'String' }] });
  await putFlow(
    request,
    name,
    [start(), { id: 'cfg', kind: 'eventbridge.CreateConfiguration', position: { x: 250, y: 0 }, config: { eventType: "'OrderPlaced'" } }, end(500, 0)],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'cfg' },
      { id: 'e2', source: 'cfg', sourcePort: 'out', target: 'end' },
    ],
  );
  await openFlow(page, name);
  await page.locator('.react-flow__node[data-id="cfg"]').click();
  const picker = page.getByLabel('Callback flow');
  await expect(picker.locator('option', { hasText: good })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: wrong })).toHaveCount(0);

  const created = uniqueName('CB_E2E_New');
  await picker.selectOption({ label: '+ New callback flow with a HttpRequest parameter…' });
  await page.getByRole('dialog').getByLabel('Flow name').fill(created);
  await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
  await expect(picker).toHaveValue(created);
  expect((await getDocument(request, created)).parameters).toEqual([{ name: 'HttpRequest', type: 'HttpRequest' }]);
  await screenshot(page, 'editor-callback-picker');
});
