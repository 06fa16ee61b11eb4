import { expect, test } from '@playwright/test';
import { end, getDocument, log, MOD, openFlow, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';

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
