import { expect, test } from '@playwright/test';

test('a flow built by drag-and-drop is saved, run by the server, and its logged line comes back', async ({ page, request }) => {
  await page.goto('/new');
  const flowName = `ACT_E2E_${Date.now()}`;
  await page.getByLabel('Flow name').fill(flowName);

  // The new flow starts as Start → End; drop a Log Message between them.
  const pane = page.locator('.react-flow__pane');
  await page.locator('.palette-item[data-kind="core.LogMessage"]').dragTo(pane, { targetPosition: { x: 300, y: 250 } });
  const logNode = page.locator('.react-flow__node').filter({ has: page.locator('[data-kind="core.LogMessage"]') });
  await expect(logNode).toHaveCount(1);

  // Connect Start.out → Log and Log.out → End by dragging between handles.
  const startOut = page.locator('.react-flow__node').filter({ has: page.locator('[data-kind="core.Start"]') }).locator('.react-flow__handle.source[data-handleid="out"]');
  const logIn = logNode.locator('.react-flow__handle.target');
  const logOut = logNode.locator('.react-flow__handle.source[data-handleid="out"]');
  const endIn = page.locator('.react-flow__node').filter({ has: page.locator('[data-kind="core.End"]') }).locator('.react-flow__handle.target');
  await startOut.dragTo(logIn);
  await logOut.dragTo(endIn);

  // Edit the message in the side panel.
  await logNode.click();
  const message = `Hello from the canvas, {{ 20 + 22 }}`;
  await page.getByLabel(/^Message/).fill(message);

  await page.getByRole('button', { name: /^Run/ }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('Hello from the canvas, 42');

  // The server, not the page, produced that line: the saved flow runs the same through the API.
  const saved = await request.get(`/api/flows/${flowName}`);
  expect(saved.ok()).toBe(true);
  const { document } = await saved.json();
  expect(document.nodes.map((n: { kind: string }) => n.kind).sort()).toEqual(['core.End', 'core.LogMessage', 'core.Start']);
  const run = await request.post(`/api/flows/${flowName}/runs`, { data: {} });
  expect((await run.json()).logs[0].message).toBe('Hello from the canvas, 42');
});

test('a bad flow name is refused with a clear message and nothing is saved', async ({ request }) => {
  const res = await request.put('/api/flows/..%2Fevil', { data: { formatVersion: 1, name: '../evil', parameters: [], nodes: [], edges: [], annotations: [] } });
  expect(res.status()).toBe(400);
  expect((await res.json()).message).toMatch(/path separator|not valid/);
});
