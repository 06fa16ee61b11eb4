/**
 * What the loop scenarios share: a `test` whose `baseURL` is the spec file's own server, building a flow
 * through the palette and panels, the run result as the page shows it, and the user guide's screenshots.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, connect, nodeOfKind } from '../editor-helpers.js';
import { LoopServer, type LoopServerOptions } from './loop-server.js';

const DOCS_IMAGES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'images');

/**
 * A `test` for one spec file with its own server: started when the file's first test (or hook) needs it,
 * disposed after its last test; the `request` fixture and `page.goto('/...')` go to it.
 */
export function loopTest(options: LoopServerOptions) {
  let current: LoopServer | undefined;
  const test = base.extend<{ server: LoopServer }>({
    // Started here rather than in beforeAll: Playwright sets up the context options (baseURL) even for hooks.
    server: async ({}, use) => {
      current ??= await LoopServer.start(options);
      await use(current);
    },
    baseURL: async ({ server }, use) => use(server.url),
  });
  test.afterAll(async () => {
    await current?.dispose();
    current = undefined;
  });
  test.use({ viewport: { width: 1440, height: 900 } });
  return test;
}

/** Creates a flow from the explorer's "+ New flow" and waits until it is open. */
export async function createFlowInUi(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '+ New flow' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Flow name').fill(name);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(page).toHaveURL(new RegExp(`/flows/${name}$`));
  await expect(page.getByLabel('Flow name')).toHaveValue(name);
  await expect(nodeOfKind(page, 'core.Start')).toBeVisible();
}

/** Finds an activity through the palette search and drops it on the canvas at a fraction of its size. */
export async function dropActivity(page: Page, search: string, kind: string, at: { x: number; y: number }): Promise<Locator> {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.getByLabel('Search activities').fill(search);
  await page.locator(`.palette-item[data-kind="${kind}"]`).dragTo(pane, { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
  await page.getByLabel('Search activities').fill('');
  const node = nodeOfKind(page, kind);
  await expect(node).toHaveCount(1);
  return node;
}

/** Connects the nodes' `out` ports in order, as a person drags from handle to handle. */
export async function chain(nodes: Locator[]): Promise<void> {
  for (let i = 1; i < nodes.length; i++) await connect(nodes[i - 1]!, 'out', nodes[i]!);
}

/** Replaces an expression field's text (the CodeMirror editor, labelled like its field). */
export async function setExpression(scope: Page | Locator, label: string, text: string): Promise<void> {
  const editor = scope.getByRole('textbox', { name: label, exact: true });
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  await editor.fill(text);
  await expect(editor).toHaveText(text);
}

/** Saves with the keyboard and waits for the status line. */
export async function saveInUi(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('status').first()).toHaveText(/^Saved/);
  await expect(page.locator('.toolbar .dirty-marker')).toHaveCount(0);
}

/** The JSON the Runs dock shows as the selected run's result. */
export async function shownRunResult(page: Page): Promise<Record<string, unknown>> {
  const text = await page.getByTestId('run-result').locator('pre').first().textContent();
  return JSON.parse(text ?? 'null') as Record<string, unknown>;
}

/**
 * Saves a screenshot of the page (or one part of it). With DOCS_SCREENSHOTS=1 (`npm run docs:screenshots`)
 * it refreshes the user guide's committed image docs/images/<name>.png; otherwise it goes to the
 * git-ignored e2e/artifacts/, so ordinary test runs never rewrite committed files.
 */
export async function guideScreenshot(page: Page, name: string, part?: Locator): Promise<void> {
  const folder = process.env.DOCS_SCREENSHOTS === '1' ? DOCS_IMAGES : ARTIFACTS;
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  // The caret and the live dot's pulse would make every refresh differ.
  const options = { path, animations: 'disabled' as const, caret: 'hide' as const };
  if (part) await part.screenshot(options);
  else await page.screenshot(options);
}
