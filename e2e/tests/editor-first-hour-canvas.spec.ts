/**
 * The first hour on the canvas: inserting an activity by dropping it on a connection, the picker a
 * connection dropped on empty canvas opens, toolbox synonyms, the welcome page, and readable layout and
 * fit view on a big flow.
 */
import { expect, test, type Page } from '@playwright/test';
import { getDocument, log, MOD, nodeOfKind, openFlow, putFlow, start, end, uniqueName, type TestEdge, type TestNode } from './editor-helpers.js';
import { guideScreenshot } from './support/loop-ui.js';

test.use({ viewport: { width: 1440, height: 900 } });

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
}

/** Start → Log → End, saved. */
async function chainFlow(page: Page, request: Parameters<typeof putFlow>[0]): Promise<string> {
  const name = uniqueName('ACT_E2E_Insert');
  await putFlow(request, name, [start(0, 0), log('hello', 'hello', 300, 0), end(700, 0)], [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'hello' },
    { id: 'e2', source: 'hello', sourcePort: 'out', target: 'end' },
  ]);
  await openFlow(page, name);
  return name;
}

test('the welcome page shows what the workspace holds and where to start; /new opens a draft', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Welcome');
  await putFlow(request, name, [start(), end()], [{ id: 'e', source: 'start', sourcePort: 'out', target: 'end' }], { description: 'A flow the welcome page lists' });
  await page.goto('/');
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await expect(welcome.getByRole('heading', { name: 'Welcome to Flowbridge' })).toBeVisible();
  await expect(welcome).toContainText('Three things to try');
  await expect(welcome).toContainText('A flow the welcome page lists');
  await expect(welcome.getByRole('link', { name: 'User guide' })).toHaveAttribute('href', '/guide/');
  await guideScreenshot(page, 'editor-welcome');
  // The guide the page links to is served by the server.
  const guide = await request.get('/guide/editor.md');
  expect(guide.ok()).toBe(true);
  expect(await guide.text()).toContain('Expression preview');

  await welcome.getByRole('button', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${name}$`));
  await page.goto('/new');
  await expect(page.getByLabel('Flow name')).toHaveValue('ACT_NewFlow');
  await expect(page.getByLabel('Flow name')).toBeEditable();
});

test('an activity dropped on a connection is inserted into it, and the toolbox knows synonyms', async ({ page, request }) => {
  const name = await chainFlow(page, request);
  // "send event" finds Put Events, "if" finds Decision (keywords on their definitions).
  await page.getByLabel('Search activities').fill('if');
  await expect(page.locator('.palette-item')).toHaveCount(1);
  await expect(page.locator('.palette-item[data-kind="core.Decision"]')).toBeVisible();
  await page.getByLabel('Search activities').fill('send event');
  await expect(page.locator('.palette-item[data-kind="eventbridge.PutEvents"]')).toBeVisible();
  await page.getByLabel('Search activities').fill('variable');

  // Drop Create Variable onto the middle of the Log → End connection.
  const edge = page.locator('.react-flow__edge[data-id="e2"]');
  const box = (await edge.boundingBox())!;
  const pane = page.locator('.react-flow__pane');
  const paneBox = (await pane.boundingBox())!;
  await page.locator('.palette-item[data-kind="core.CreateVariable"]').dragTo(pane, { targetPosition: { x: box.x + box.width / 2 - paneBox.x, y: box.y + box.height / 2 - paneBox.y } });
  const inserted = nodeOfKind(page, 'core.CreateVariable');
  await expect(inserted).toHaveCount(1);
  const id = (await inserted.getAttribute('data-id'))!;
  await expect(page.getByRole('group', { name: `Edge from hello to ${id}` })).toHaveCount(1);
  await expect(page.getByRole('group', { name: `Edge from ${id} to end` })).toHaveCount(1);
  // It was placed in free space: it overlaps neither neighbour.
  const [a, b, c] = await Promise.all([page.locator('.react-flow__node[data-id="hello"]').boundingBox(), inserted.boundingBox(), page.locator('.react-flow__node[data-id="end"]').boundingBox()]);
  for (const other of [a!, c!]) expect(b!.x + b!.width <= other.x || other.x + other.width <= b!.x || b!.y + b!.height <= other.y || other.y + other.height <= b!.y).toBe(true);
  await guideScreenshot(page, 'editor-insert-on-edge');

  await page.keyboard.press(`${MOD}+s`);
  await expect(page).toHaveTitle(`${name} — Flowbridge`);
  const saved = await getDocument(request, name);
  expect(saved.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual([`${id}->end`, `hello->${id}`, 'start->hello'].sort());
});

test('a connection dropped on empty canvas opens a searchable picker that adds the activity, connected', async ({ page, request }) => {
  const name = await chainFlow(page, request);
  const errorPort = page.locator('.react-flow__node[data-id="hello"] .react-flow__handle.source[data-handleid="error"]');
  const from = (await errorPort.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 120, from.y + 160, { steps: 8 });
  await page.mouse.move(from.x + 140, from.y + 180, { steps: 4 });
  await page.mouse.up();
  const picker = page.getByRole('dialog', { name: 'Add a connected activity' });
  await expect(picker).toBeVisible();
  await picker.getByLabel('Search activities to add').fill('throw');
  await expect(picker.getByRole('option').first()).toHaveAttribute('data-kind', 'core.ErrorEnd');
  await guideScreenshot(page, 'editor-node-picker');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  const added = nodeOfKind(page, 'core.ErrorEnd');
  await expect(added).toHaveCount(1);
  const id = (await added.getAttribute('data-id'))!;
  await expect(page.getByRole('group', { name: `Edge from hello to ${id}` })).toHaveText('error');

  // Escape closes the picker without adding anything.
  const out = (await page.locator('.react-flow__node[data-id="start"] .react-flow__handle.source[data-handleid="out"]').boundingBox())!;
  await page.mouse.move(out.x + out.width / 2, out.y + out.height / 2);
  await page.mouse.down();
  await page.mouse.move(out.x + 60, out.y + 220, { steps: 8 });
  await page.mouse.up();
  await expect(picker).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  expect(name).toBeTruthy();
});

test('opening a flow and clicking its nodes leaves no unsaved mark', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Clean');
  await putFlow(
    request,
    name,
    [start(3, 7), { id: 'd', kind: 'core.Decision', position: { x: 233, y: 5 }, config: { condition: '1 = 1' } }, log('yes', 'yes {{ 1 }}', 455, -73), end(707, 3)],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'd' },
      { id: 'e2', source: 'd', sourcePort: 'true', target: 'yes' },
      { id: 'e3', source: 'd', sourcePort: 'false', target: 'end' },
      { id: 'e4', source: 'yes', sourcePort: 'out', target: 'end' },
    ],
  );
  await openFlow(page, name);
  for (const id of ['start', 'd', 'yes', 'end', 'd']) await page.locator(`.react-flow__node[data-id="${id}"]`).click();
  await page.waitForTimeout(500);
  await expect(page).toHaveTitle(`${name} — Flowbridge`);
  await expect(page.locator('.dirty-marker')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Run ▶$/ })).toBeVisible();
});

/** A 100-node flow: a chain with a decision every few steps whose branches re-join. */
function bigFlow(): { nodes: TestNode[]; edges: TestEdge[] } {
  const nodes: TestNode[] = [start()];
  const edges: TestEdge[] = [];
  let previous = 'start';
  for (let i = 1; nodes.length < 97; i++) {
    if (i % 5 === 0) {
      nodes.push({ id: `d${i}`, kind: 'core.Decision', position: { x: 0, y: 0 }, config: { condition: 'true' } }, log(`y${i}`, 'y', 0, 0), log(`n${i}`, 'n', 0, 0));
      edges.push({ id: `e${edges.length}`, source: previous, sourcePort: previous.startsWith('d') ? 'true' : 'out', target: `d${i}` });
      edges.push({ id: `e${edges.length}`, source: `d${i}`, sourcePort: 'true', target: `y${i}` }, { id: `e${edges.length + 1}`, source: `d${i}`, sourcePort: 'false', target: `n${i}` });
      nodes.push({ id: `m${i}`, kind: 'core.Merge', position: { x: 0, y: 0 }, config: {} });
      edges.push({ id: `e${edges.length}`, source: `y${i}`, sourcePort: 'out', target: `m${i}` }, { id: `e${edges.length + 1}`, source: `n${i}`, sourcePort: 'out', target: `m${i}` });
      previous = `m${i}`;
    } else {
      nodes.push(log(`l${i}`, `step ${i}`, 0, 0));
      edges.push({ id: `e${edges.length}`, source: previous, sourcePort: 'out', target: `l${i}` });
      previous = `l${i}`;
    }
  }
  nodes.push(end());
  edges.push({ id: `e${edges.length}`, source: previous, sourcePort: 'out', target: 'end' });
  return { nodes, edges };
}

test('auto-layout of a 100-node flow overlaps no nodes, fit view stays readable (Shift+F fits all), and the minimap shows the nodes', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Big');
  const { nodes, edges } = bigFlow();
  await putFlow(request, name, nodes, edges);
  await openFlow(page, name);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  await expect.poll(() => zoom(page)).toBeGreaterThanOrEqual(0.55);
  await page.waitForTimeout(400);
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.55);
  // Every node laid out apart from every other (positions from the document, sizes from the page).
  await page.keyboard.press(`${MOD}+s`);
  await expect(page).toHaveTitle(`${name} — Flowbridge`);
  const saved = await getDocument(request, name);
  expect(saved.nodes).toHaveLength(nodes.length);
  const boxes = saved.nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: 180, h: 48 }));
  const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.id}/${b.id}`));
  expect(overlapping).toEqual([]);
  await expect(page.locator('.react-flow__minimap-node').first()).toBeVisible();
  expect(await page.locator('.react-flow__minimap-node').count()).toBe(nodes.length);
  await guideScreenshot(page, 'editor-layout-readable');
  // Shift+F shows all of it, below the readable zoom.
  await page.keyboard.press('Shift+F');
  await expect.poll(() => zoom(page)).toBeLessThan(0.55);
});
