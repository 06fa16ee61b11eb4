/** Helpers shared by the editor e2e scenarios: flows made through the API, canvas locators, screenshots. */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export interface TestNode {
  id: string;
  kind: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
  label?: string;
}
export interface TestEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
}

/** A unique flow name for this run. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Saves a flow through the API. */
export async function putFlow(request: APIRequestContext, name: string, nodes: TestNode[], edges: TestEdge[], extra: Record<string, unknown> = {}): Promise<void> {
  const res = await request.put(`/api/flows/${name}`, { data: { formatVersion: 1, name, parameters: [], nodes, edges, annotations: [], ...extra } });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Reads a saved flow's document through the API. */
export async function getDocument(request: APIRequestContext, name: string): Promise<{ nodes: TestNode[]; edges: TestEdge[]; parameters: unknown[] }> {
  const res = await request.get(`/api/flows/${name}`);
  expect(res.ok()).toBe(true);
  return (await res.json()).document;
}

export const start = (x = 0, y = 0): TestNode => ({ id: 'start', kind: 'core.Start', position: { x, y }, config: {} });
export const end = (x = 600, y = 0): TestNode => ({ id: 'end', kind: 'core.End', position: { x, y }, config: {} });
export const log = (id: string, message: string, x: number, y: number): TestNode => ({ id, kind: 'core.LogMessage', position: { x, y }, config: { level: 'info', message } });

/** The canvas node of a kind (the n-th when there are several). */
export function nodeOfKind(page: Page, kind: string): Locator {
  return page.locator('.react-flow__node').filter({ has: page.locator(`[data-kind="${kind}"]`) });
}

/** Drags a handle to another node's input. */
export async function connect(from: Locator, port: string, to: Locator): Promise<void> {
  await from.locator(`.react-flow__handle.source[data-handleid="${port}"]`).dragTo(to.locator('.react-flow__handle.target'));
}

/**
 * Selects a node by clicking it. A banner that appears above the canvas shrinks it without moving the
 * view, which can leave the node under the canvas's edge or move it between Playwright's aim and its
 * press; then the view is fitted again (the editor's F shortcut, pressed on the empty canvas) and the
 * click repeated.
 */
export async function selectNode(page: Page, id: string): Promise<Locator> {
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  await expect(async () => {
    if (/\bselected\b/.test((await node.getAttribute('class')) ?? '')) return;
    const clicked = await node.click({ timeout: 2_000 }).then(() => true, () => false);
    if (!clicked) {
      const { x, y } = await emptyCanvasPoint(page);
      await page.mouse.click(x, y);
      await page.keyboard.press('f');
    }
    await expect(node).toHaveClass(/\bselected\b/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return node;
}

/** Saves a screenshot for review under e2e/artifacts/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Opens a flow by URL and waits until its nodes are on the canvas. */
export async function openFlow(page: Page, name: string): Promise<void> {
  await page.goto(`/flows/${name}`);
  await expect(page.getByLabel('Flow name')).toHaveValue(name);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** The editor's key modifier (Playwright's ControlOrMeta picks Ctrl on Linux). */
export const MOD = 'ControlOrMeta';

/**
 * A point (page coordinates) on the empty canvas: the pane itself is under it and under every pixel
 * within 4 px, so a press there pans. At a fitted zoom the nodes cover much of the canvas, and a
 * press that lands on one drags that node instead (and, dragged past the canvas edge, React Flow's
 * auto-pan scrolls the view away from the flow).
 */
export async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane');
    if (!pane) return null;
    const r = pane.getBoundingClientRect();
    const isPane = (x: number, y: number) => document.elementFromPoint(x, y) === pane;
    const clear = (x: number, y: number) => [-4, 0, 4].every((dx) => [-4, 0, 4].every((dy) => isPane(x + dx, y + dy)));
    // Top-centre first (away from the controls and the minimap), then outward along each row.
    for (let y = r.top + 40; y < r.bottom - 40; y += 1) {
      for (let off = 0; off < r.width / 2 - 40; off += 3) {
        for (const x of [r.left + r.width / 2 + off, r.left + r.width / 2 - off]) if (clear(x, y)) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('no empty spot on the canvas to press on');
  return point;
}

/** Pans the canvas by dragging the empty pane by (dx, dy) in `steps` mouse moves, from `from` (found when not given). */
export async function panCanvas(page: Page, dx: number, dy: number, steps = 10, from?: { x: number; y: number }): Promise<void> {
  const { x, y } = from ?? (await emptyCanvasPoint(page));
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps });
  await page.mouse.up();
}
