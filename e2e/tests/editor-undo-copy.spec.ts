import { expect, test } from '@playwright/test';
import { end, getDocument, log, MOD, nodeOfKind, openFlow, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('Ctrl+Z undoes and Ctrl+Shift+Z redoes drops, deletions and field edits', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Undo');
  await putFlow(request, name, [start(), log('a', 'first', 250, 0), end(500, 0)], [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'a' },
    { id: 'e2', source: 'a', sourcePort: 'out', target: 'end' },
  ]);
  await openFlow(page, name);
  const logs = nodeOfKind(page, 'core.LogMessage');
  const pane = page.locator('.react-flow__pane');

  // A drop, undone and redone.
  await page.locator('.palette-item[data-kind="core.LogMessage"]').dragTo(pane, { targetPosition: { x: 400, y: 420 } });
  await expect(logs).toHaveCount(2);
  await pane.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${MOD}+z`);
  await expect(logs).toHaveCount(1);
  await page.keyboard.press(`${MOD}+Shift+z`);
  await expect(logs).toHaveCount(2);

  // Typing in a field is one step; the canvas shortcut does not fire while typing.
  await page.locator('.react-flow__node[data-id="a"]').click();
  const message = page.getByLabel(/^Message/);
  await message.fill('second');
  await message.blur();
  await pane.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press(`${MOD}+z`);
  await page.locator('.react-flow__node[data-id="a"]').click();
  await expect(message).toHaveText('first');

  // Delete removes the node and its edges; undo brings both back.
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node[data-id="a"]')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await page.keyboard.press(`${MOD}+z`);
  await expect(page.locator('.react-flow__node[data-id="a"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.locator('.react-flow__node[data-id="a"]')).toHaveCount(0);
});

test('activities copied in one flow are pasted into another with their edges; unsaved changes are guarded; back and forward work', async ({ page, request }) => {
  const source = uniqueName('ACT_E2E_CopyFrom');
  const target = uniqueName('SUB_E2E_CopyTo');
  await putFlow(request, source, [start(), log('a', 'one', 250, 0), log('b', 'two', 500, 0), end(750, 0)], [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'a' },
    { id: 'e2', source: 'a', sourcePort: 'out', target: 'b' },
    { id: 'e3', source: 'b', sourcePort: 'out', target: 'end' },
  ]);
  await putFlow(request, target, [start(), end(600, 0)], [{ id: 'e1', source: 'start', sourcePort: 'out', target: 'end' }]);
  await openFlow(page, source);

  // Click one, Shift-click the other, copy.
  await page.locator('.react-flow__node[data-id="a"]').click();
  await page.locator('.react-flow__node[data-id="b"]').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press(`${MOD}+c`);
  await expect(page.getByRole('status')).toHaveText('Copied 2 element(s)');

  // Open the other flow from the explorer (grouped under SUB_) and paste where the pointer is.
  await page.locator(`.flow-item[data-flow="${target}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${target}$`));
  await expect(page.getByLabel('Flow name')).toHaveValue(target);
  const pane = page.locator('.react-flow__pane');
  await pane.hover({ position: { x: 300, y: 380 } });
  await page.keyboard.press(`${MOD}+v`);
  await expect(nodeOfKind(page, 'core.LogMessage')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await screenshot(page, 'editor-pasted');

  // Leaving with unsaved changes asks first; "Stay" keeps them.
  await page.locator(`.flow-item[data-flow="${source}"] a`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('has changes that are not saved');
  await screenshot(page, 'editor-unsaved-guard');
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${target}$`));
  await page.keyboard.press(`${MOD}+s`);
  await expect(page.getByRole('status')).toHaveText(/Saved/);

  const saved = await getDocument(request, target);
  const pasted = saved.nodes.filter((n) => n.kind === 'core.LogMessage');
  expect(pasted.map((n) => n.config.message).sort()).toEqual(['one', 'two']);
  expect(pasted.every((n) => n.id !== 'a' && n.id !== 'b')).toBe(true);
  const pastedIds = new Set(pasted.map((n) => n.id));
  expect(saved.edges.filter((e) => pastedIds.has(e.source) && pastedIds.has(e.target))).toHaveLength(1);

  // Back returns to the first flow, forward to the second, reload stays.
  await page.goBack();
  await expect(page.getByLabel('Flow name')).toHaveValue(source);
  await page.goForward();
  await expect(page.getByLabel('Flow name')).toHaveValue(target);
  await page.reload();
  await expect(page.getByLabel('Flow name')).toHaveValue(target);
  await expect(nodeOfKind(page, 'core.LogMessage')).toHaveCount(2);
});

test('saving over a version someone else saved in between asks before overwriting', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Conflict');
  await putFlow(request, name, [start(), log('a', 'mine', 250, 0), end(500, 0)], []);
  await openFlow(page, name);
  // Someone else saves the flow after this page loaded it.
  await putFlow(request, name, [start(), log('a', 'theirs', 250, 0), end(500, 0)], []);

  await page.locator('.react-flow__node[data-id="a"]').click();
  await expect(page.locator('[data-placeholder-editor]')).toHaveCount(0);
  await page.getByLabel(/^Message/).fill('mine, edited');
  await expect(page).toHaveTitle(/^● /);
  await page.keyboard.press(`${MOD}+s`);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('after you opened it');
  await dialog.getByRole('button', { name: 'Overwrite' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved/);
  const saved = await getDocument(request, name);
  expect(saved.nodes.find((n) => n.id === 'a')!.config.message).toBe('mine, edited');
});

test('Shift-dragging a box selects the activities inside it, and they move together', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Box');
  await putFlow(request, name, [start(), log('a', 'one', 250, 0), log('b', 'two', 250, 150), end(600, 300)], []);
  await openFlow(page, name);
  const a = (await page.locator('.react-flow__node[data-id="a"]').boundingBox())!;
  const b = (await page.locator('.react-flow__node[data-id="b"]').boundingBox())!;
  await page.keyboard.down('Shift');
  await page.mouse.move(a.x - 20, a.y - 20);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width + 20, b.y + b.height + 20, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);

  // Dragging one of them moves both; one undo puts both back.
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 100, a.y + a.height / 2 + 60, { steps: 6 });
  await page.mouse.up();
  const moved = (await page.locator('.react-flow__node[data-id="b"]').boundingBox())!;
  expect(moved.x - b.x).toBeGreaterThan(50);
  await page.keyboard.press(`${MOD}+z`);
  await expect.poll(async () => Math.round((await page.locator('.react-flow__node[data-id="b"]').boundingBox())!.x)).toBe(Math.round(b.x));
  await expect.poll(async () => Math.round((await page.locator('.react-flow__node[data-id="a"]').boundingBox())!.x)).toBe(Math.round(a.x));
});
