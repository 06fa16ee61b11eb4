import { expect, test } from '@playwright/test';
import { end, getDocument, log, MOD, openFlow, panCanvas, putFlow, screenshot, start, uniqueName, type TestEdge, type TestNode } from './editor-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('decision edges carry their outcome, notes are added and saved, problems select their node, and a run lights up its path', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Canvas');
  await putFlow(
    request,
    name,
    [
      start(),
      { id: 'd', kind: 'core.Decision', position: { x: 200, y: 0 }, config: { condition: '1 + 1 = 2' } },
      log('yes', 'took true', 450, -80),
      log('no', '', 450, 80),
      end(700, 0),
    ],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'd' },
      { id: 'e2', source: 'd', sourcePort: 'true', target: 'yes' },
      { id: 'e3', source: 'd', sourcePort: 'false', target: 'no' },
      { id: 'e4', source: 'yes', sourcePort: 'out', target: 'end' },
      { id: 'e5', source: 'no', sourcePort: 'out', target: 'end' },
    ],
  );
  await openFlow(page, name);
  await expect(page.getByRole('group', { name: 'Edge from d to yes' })).toHaveText('true');
  await expect(page.getByRole('group', { name: 'Edge from d to no' })).toHaveText('false');
  await expect(page.getByRole('group', { name: 'Edge from yes to end' })).toHaveText('');

  // The empty message is a problem; clicking it selects the node and opens its panel.
  await page.getByRole('tab', { name: /Problems/ }).click();
  await page.getByRole('region', { name: 'Dock' }).getByRole('button', { name: /Message/ }).click();
  await expect(page.locator('.react-flow__node[data-id="no"]')).toHaveClass(/selected/);
  await expect(page.getByLabel(/^Message/)).toBeFocused();
  await page.getByLabel(/^Message/).fill('took false');
  await expect(page).toHaveTitle(`● ${name} — Flowbridge`);

  // A note, written on the canvas.
  await page.getByRole('button', { name: '+ Note' }).click();
  await expect(page.getByLabel('Text')).toBeVisible();
  // The cursor is in the new note's text, ready to type.
  await expect(page.getByLabel('Text')).toBeFocused();
  await page.getByLabel('Text').fill('Branches on arithmetic');
  await expect(page.locator('.annotation-node')).toContainText('Branches on arithmetic');

  // Ctrl+Enter saves and runs; the Runs tab shows the result and the taken path lights up.
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press(`${MOD}+Enter`);
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('took true');
  await expect(page.locator('.react-flow__node[data-id="yes"] .activity-node')).toHaveClass(/visited/);
  await expect(page.locator('.react-flow__node[data-id="no"] .activity-node')).not.toHaveClass(/visited/);
  await screenshot(page, 'editor-run');

  const saved = (await getDocument(request, name)) as unknown as { annotations: Array<{ text: string }> };
  expect(saved.annotations.map((a) => a.text)).toEqual(['Branches on arithmetic']);
});

test('a run started elsewhere (here: through the API) streams into the Runs tab of the open flow', async ({ page, request }) => {
  const name = uniqueName('CB_E2E_Live');
  await putFlow(request, name, [start(), log('a', 'from afar', 250, 0), end(500, 0)], [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'a' },
    { id: 'e2', source: 'a', sourcePort: 'out', target: 'end' },
  ]);
  await openFlow(page, name);
  // The run must start after the event stream is connected.
  await expect(page.locator('.live-indicator')).toHaveAttribute('data-live', 'open');
  const run = await request.post(`/api/flows/${name}/runs`, { data: { parameters: {} } });
  expect(run.ok()).toBe(true);
  await expect(page.getByRole('tab', { name: 'Runs (1)' })).toBeVisible();
  await page.getByRole('tab', { name: /Runs/ }).click();
  await expect(page.getByTestId('run-status')).toHaveText('succeeded');
  await expect(page.getByTestId('run-log')).toContainText('from afar');
  await expect(page.locator('.react-flow__node[data-id="a"] .activity-node')).toHaveClass(/visited/);
});

/** Start, Log Messages and End in one chain of `count` nodes, laid out as a snake in rows of `columns` (as the bench's flow). */
function gridFlow(count: number, columns: number): { nodes: TestNode[]; edges: TestEdge[] } {
  const nodes: TestNode[] = Array.from({ length: count }, (_, i) => {
    const row = Math.floor(i / columns);
    const position = { x: (row % 2 === 0 ? i % columns : columns - 1 - (i % columns)) * 240, y: row * 110 };
    if (i === 0) return start(position.x, position.y);
    if (i === count - 1) return end(position.x, position.y);
    return log(`n${i}`, `step ${i}`, position.x, position.y);
  });
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, sourcePort: 'out', target: n.id }));
  return { nodes, edges };
}

test('a big flow fitted whole (Shift+F) pans without moving a node, and every node on screen is drawn', async ({ page, request }) => {
  // Over 200 nodes the canvas draws only the nodes on screen. Taller than wide, so fitted its top row
  // runs along the top of the canvas, with a node at the top centre: where a careless pan would press.
  const name = uniqueName('ACT_E2E_FitPan');
  const flow = gridFlow(253, 11);
  await putFlow(request, name, flow.nodes, flow.edges);
  // The most nodes ever in the page at once, and React Flow's complaints (an edge whose port it cannot find).
  await page.addInitScript(() => {
    const w = window as unknown as { __mostNodes: number };
    w.__mostNodes = 0;
    new MutationObserver(() => {
      w.__mostNodes = Math.max(w.__mostNodes, document.querySelectorAll('.react-flow__node').length);
    }).observe(document, { subtree: true, childList: true });
  });
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('[React Flow]')) complaints.push(message.text());
  });
  await openFlow(page, name);
  // It opens around its Start, and only the nodes there are ever drawn: the others are not laid out
  // just to be measured (each node comes with the size and ports it will have).
  await expect(page.locator('.react-flow__edge').first()).toBeVisible();
  await page.waitForTimeout(300);
  // The flow the address names was asked for first, before the editor's frame asked for anything, and once.
  const asked = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => ({ path: new URL(entry.name).pathname, at: entry.startTime }))
      .filter((entry) => entry.path.startsWith('/api/'))
      .sort((a, b) => a.at - b.at)
      .map((entry) => entry.path),
  );
  expect(asked[0]).toBe(`/api/flows/${name}`);
  expect(asked.filter((path) => path === `/api/flows/${name}`)).toHaveLength(1);
  const mostNodes = await page.evaluate(() => (window as unknown as { __mostNodes: number }).__mostNodes);
  expect(mostNodes).toBeGreaterThan(10);
  expect(mostNodes).toBeLessThan(flow.nodes.length / 2);
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+F');
  await expect(page.locator('.react-flow__node')).toHaveCount(flow.nodes.length);
  await page.waitForTimeout(300);
  // Seen whole, the flow is drawn for speed: no background dots, square nodes, plain minimap boxes.
  await expect(page.locator('.canvas')).toHaveClass(/\boverview\b/);
  await expect(page.locator('.react-flow__background')).toHaveCount(0);
  expect(await page.locator('.react-flow__node .activity-node').first().evaluate((e) => getComputedStyle(e).borderTopLeftRadius)).toBe('0px');
  expect(await page.locator('.react-flow__minimap-node').first().getAttribute('rx')).toBe('0');
  // Zoomed out, nodes are boxes without ports (each port would be one more thing to paint per pan frame).
  await expect(page.locator('.react-flow__node').first().locator('.react-flow__handle').first()).toBeHidden();
  // ... and its edges are one drawn sheet instead of one element each: all 252 segments, no edge elements.
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  expect(((await page.getByTestId('edge-sheet').locator('path.edge-sheet-plain').getAttribute('d')) ?? '').match(/M/g)).toHaveLength(flow.edges.length);

  await panCanvas(page, -500, -300);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // Which nodes lie on screen, from the document's positions and the view's transform.
  const { onScreen, drawn } = await page.evaluate((nodes) => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    const [, tx, ty, zoom] = /translate\(([-\d.e]+)px, ([-\d.e]+)px\) scale\(([-\d.e]+)\)/.exec((document.querySelector('.react-flow__viewport') as HTMLElement).style.transform)!.map(Number);
    const inside = (n: { position: { x: number; y: number } }) => {
      const x = n.position.x * zoom! + tx!;
      const y = n.position.y * zoom! + ty!;
      // Wholly inside, a few pixels in: no doubt it is on screen whatever its exact size.
      return x > 2 && y > 2 && x + 180 * zoom! < pane.width - 2 && y + 48 * zoom! < pane.height - 2;
    };
    return {
      onScreen: nodes.filter(inside).map((n) => n.id),
      drawn: Array.from(document.querySelectorAll('.react-flow__node')).map((e) => e.getAttribute('data-id')),
    };
  }, flow.nodes);
  expect(onScreen.length).toBeGreaterThan(50);
  expect(onScreen.filter((id) => !drawn.includes(id))).toEqual([]);

  // Panning back shows the whole flow again.
  await panCanvas(page, 500, 300);
  await expect(page.locator('.react-flow__node')).toHaveCount(flow.nodes.length);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  // At the readable zoom (F) the ports are back.
  await page.keyboard.press('f');
  await expect(page.locator('.react-flow__node').first().locator('.react-flow__handle').first()).toBeVisible();
  // ... and so are the edges as elements of their own (selectable, a drop target), the sheet gone,
  // the background dots and the nodes' rounded corners.
  await expect(page.locator('.react-flow__edge').first()).toBeVisible();
  await expect(page.getByTestId('edge-sheet')).toHaveCount(0);
  await expect(page.locator('.react-flow__background')).toHaveCount(1);
  await expect(page.locator('.canvas')).not.toHaveClass(/\boverview\b/);
  expect(await page.locator('.react-flow__node .activity-node').first().evaluate((e) => getComputedStyle(e).borderTopLeftRadius)).not.toBe('0px');
  expect(complaints).toEqual([]);
});
