import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import dagre from '@dagrejs/dagre';
import { parseDocument, type FlowDocument, type FlowNode } from '@flowbridge/flow-model';
import { fitViewport, READABLE_ZOOM } from '../canvas/fit-view';
import { autoLayout, chooseLayout, flowDirection, NODE_SIZE, TYPICAL_CANVAS } from './layout';
import { overlaps } from './insert-geometry';

/** The example workspace shipped with the repository (tests run from apps/editor). */
const examples = resolve(process.cwd(), '../../workspace/flows') + '/';

function exampleFlows(): FlowDocument[] {
  return readdirSync(examples)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(examples + f, 'utf8')) as FlowDocument);
}

/** A connected flow of `size` nodes: a chain with a decision every few steps whose branches re-join (seeded, so the test is stable). */
function generatedFlow(size: number): FlowDocument {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const nodes: FlowNode[] = [{ id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} }];
  const edges: FlowDocument['edges'] = [];
  let open = ['start'];
  for (let i = 1; nodes.length < size - 1; i++) {
    const id = `n${i}`;
    const isDecision = random() < 0.2;
    nodes.push({ id, kind: isDecision ? 'core.Decision' : 'core.LogMessage', position: { x: 0, y: 0 }, config: isDecision ? { condition: 'true' } : { message: 'x' } });
    for (const from of open) edges.push({ id: `e${edges.length}`, source: from, sourcePort: from.startsWith('d') ? 'false' : 'out', target: id });
    open = isDecision ? [id] : [id];
    if (isDecision) {
      const branch = `d${i}`;
      nodes.push({ id: branch, kind: 'core.LogMessage', position: { x: 0, y: 0 }, config: { message: 'y' } });
      edges.push({ id: `e${edges.length}`, source: id, sourcePort: 'true', target: branch });
      open = [branch];
    }
  }
  nodes.push({ id: 'end', kind: 'core.End', position: { x: 0, y: 0 }, config: {} });
  for (const from of open) edges.push({ id: `e${edges.length}`, source: from, sourcePort: 'out', target: 'end' });
  return { formatVersion: 1, name: 'ACT_Generated', parameters: [], nodes, edges, annotations: [] } as FlowDocument;
}

function expectNoOverlaps(document: FlowDocument, positions: Map<string, { x: number; y: number }>) {
  const boxes = document.nodes.map((n) => ({ id: n.id, ...positions.get(n.id)!, ...NODE_SIZE }));
  expect(boxes.every((b) => Number.isFinite(b.x) && Number.isFinite(b.y))).toBe(true);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(false);
}

function boundsOf(positions: Map<string, { x: number; y: number }>) {
  const xs = [...positions.values()].map((p) => p.x);
  const ys = [...positions.values()].map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) + NODE_SIZE.width - x, height: Math.max(...ys) + NODE_SIZE.height - y };
}

describe('auto-layout', () => {
  const flows = [...exampleFlows().map((d) => [d.name, d] as const), ['a generated 100-node flow', generatedFlow(100)] as const];

  it.each(flows)('%s: no two nodes overlap and fit view stays readable', async (_name, document) => {
    expect(parseDocument(document).ok).toBe(true);
    const layout = await autoLayout(document);
    expect(layout.positions.size).toBe(document.nodes.length + document.annotations.length);
    expectNoOverlaps(document, layout.positions);
    const viewport = fitViewport(boundsOf(layout.positions), TYPICAL_CANVAS);
    expect(viewport.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
  });

  it('the example flows are laid out whole on a typical screen', async () => {
    for (const document of exampleFlows()) {
      const layout = await autoLayout(document);
      expect(fitViewport(boundsOf(layout.positions), TYPICAL_CANVAS).zoom, document.name).toBeGreaterThan(READABLE_ZOOM);
    }
  });

  it('a long chain reads top down when that shows it larger, a short wide one left to right', () => {
    const long = generatedFlow(40);
    const chosen = chooseLayout(dagre, long);
    const other = chosen.direction === 'LR' ? 'TB' : 'LR';
    expect(['LR', 'TB']).toContain(other);
    // Whichever was chosen fits the typical canvas at least as large as the other direction.
    const zoom = (w: number, h: number) => Math.min(TYPICAL_CANVAS.width / w, TYPICAL_CANVAS.height / h);
    const across = chooseLayout(dagre, long, { width: 10_000, height: 100 });
    const down = chooseLayout(dagre, long, { width: 100, height: 10_000 });
    expect(across.direction).toBe('LR');
    expect(down.direction).toBe('TB');
    expect(zoom(chosen.width, chosen.height)).toBeGreaterThanOrEqual(Math.min(zoom(across.width, across.height), zoom(down.width, down.height)));
  });

  it('a long chain is folded into columns so that it fits at a readable zoom, nodes still apart', async () => {
    const chain = generatedFlow(30);
    const layout = await autoLayout(chain);
    expectNoOverlaps(chain, layout.positions);
    // The whole flow fits the canvas at a readable zoom (no clamping: the minimum is lowered to nearly 0).
    expect(fitViewport(boundsOf(layout.positions), TYPICAL_CANVAS, 0.01).zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    // Unfolded, the same flow would not.
    const unfolded = chooseLayout(dagre, chain, { width: 100, height: 100_000 });
    expect(fitViewport(boundsOf(unfolded.positions), TYPICAL_CANVAS, 0.01).zoom).toBeLessThan(READABLE_ZOOM);
  });

  it('a small flow that fits either way stays left to right', async () => {
    expect((await autoLayout(generatedFlow(4))).direction).toBe('LR');
  });

  it('the canvas reads the direction back from where the edges go', async () => {
    const document = generatedFlow(30);
    const tall = await autoLayout(document, { width: 100, height: 10_000 });
    const moved = { ...document, nodes: document.nodes.map((n) => ({ ...n, position: tall.positions.get(n.id)! })) };
    expect(flowDirection(moved)).toBe('TB');
    const wide = await autoLayout(document, { width: 10_000, height: 100 });
    expect(flowDirection({ ...document, nodes: document.nodes.map((n) => ({ ...n, position: wide.positions.get(n.id)! })) })).toBe('LR');
  });

  it('annotations are moved off the laid-out nodes', async () => {
    const document = { ...generatedFlow(10), annotations: [{ id: 'a1', text: 'Note', position: { x: 30, y: 30 } }] };
    const layout = await autoLayout(document);
    const note = { ...layout.positions.get('a1')!, width: 200, height: 60 };
    for (const n of document.nodes) expect(overlaps(note, { ...layout.positions.get(n.id)!, ...NODE_SIZE })).toBe(false);
  });
});

describe('fit view', () => {
  it('shows a small flow whole, at most at natural size', () => {
    const v = fitViewport({ x: 0, y: 0, width: 400, height: 100 }, { width: 1000, height: 600 });
    expect(v.zoom).toBe(1);
  });

  it('never goes below the readable zoom: a huge flow is shown from its start instead', () => {
    const v = fitViewport({ x: -50, y: 10, width: 20_000, height: 5_000 }, { width: 1000, height: 600 });
    expect(v.zoom).toBe(READABLE_ZOOM);
    // The flow's top-left corner is on screen, near the canvas's top-left.
    expect(-50 * v.zoom + v.x).toBeGreaterThanOrEqual(0);
    expect(10 * v.zoom + v.y).toBeGreaterThanOrEqual(0);
    expect(-50 * v.zoom + v.x).toBeLessThan(100);
  });

  it('with a lower minimum (Shift+F) the whole flow is fitted', () => {
    const v = fitViewport({ x: 0, y: 0, width: 20_000, height: 5_000 }, { width: 1000, height: 600 }, 0.01);
    expect(v.zoom).toBeLessThan(READABLE_ZOOM);
    expect(20_000 * v.zoom).toBeLessThanOrEqual(1000);
  });
});
