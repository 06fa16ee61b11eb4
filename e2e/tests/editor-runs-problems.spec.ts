import { expect, test } from '@playwright/test';
import { end, log, openFlow, putFlow, start, uniqueName } from './editor-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('clicking a problem selects its node, centres it on the canvas and focuses the field', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Problems');
  // The broken node is far to the right, so the opening view shows it near the edge.
  await putFlow(request, name, [start(), log('ok', 'fine', 250, 0), log('far', '', 2400, 600), end(2700, 600)], [
    { id: 'e1', source: 'start', sourcePort: 'out', target: 'ok' },
    { id: 'e2', source: 'ok', sourcePort: 'out', target: 'far' },
    { id: 'e3', source: 'far', sourcePort: 'out', target: 'end' },
  ]);
  await openFlow(page, name);
  const far = page.locator('.react-flow__node[data-id="far"]');
  await expect(far.locator('.problem-badge')).toHaveText('1');

  await page.getByRole('tab', { name: /Problems/ }).click();
  await page.getByRole('region', { name: 'Dock' }).getByRole('button', { name: /Message/ }).click();
  await expect(far).toHaveClass(/selected/);
  await expect(page.getByLabel(/^Message/)).toBeFocused();

  // Centred: the node's middle ends up at the middle of the canvas (after the short pan animation).
  const canvas = (await page.locator('.canvas').boundingBox())!;
  await expect
    .poll(async () => {
      const box = (await far.boundingBox())!;
      return Math.round(Math.hypot(box.x + box.width / 2 - (canvas.x + canvas.width / 2), box.y + box.height / 2 - (canvas.y + canvas.height / 2)));
    })
    .toBeLessThan(30);

  // Fixing the field clears the badge and the problem.
  await page.getByLabel(/^Message/).fill('now set');
  await expect(far.locator('.problem-badge')).toHaveCount(0);
  await expect(page.getByRole('tab', { name: /Problems \(0\)/ })).toBeVisible();
});
