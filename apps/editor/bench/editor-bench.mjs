// npm run bench (editor): the production bundle's gzip sizes (initial load vs. chunks loaded on demand)
// and the 1,000-node canvas figures measured by e2e/tests/editor-bench.spec.ts in Chromium.
//   --json    one JSON object per line: {"name","value","unit"}
//   --sizes   bundle sizes only (no browser run); --quick changes nothing here (the canvas run takes about 30 s)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const e2e = join(here, '..', '..', '..', 'e2e');
const json = process.argv.includes('--json');
const sizesOnly = process.argv.includes('--sizes');
const figures = [];
const gz = (file) => gzipSync(readFileSync(file)).length / 1024;

if (!existsSync(join(dist, 'index.html'))) {
  console.error('bench: build the editor first (npm run build)');
  process.exit(1);
}
// The initial load is what index.html references; every other script is a chunk loaded on demand.
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
figures.push({ name: 'editor initial load (gzip)', value: initial.reduce((s, f) => s + gz(join(dist, f)), 0), unit: 'KB' });
for (const file of readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`))) {
  figures.push({ name: `editor lazy chunk ${file.replace(/-[\w-]{8}\.js$/, '')} (gzip)`, value: gz(join(dist, 'assets', file)), unit: 'KB' });
}

if (!sizesOnly) {
  const run = spawnSync('npx', ['-y', 'pnpm@12.4.2', 'exec', 'playwright', 'test', 'tests/editor-bench.spec.ts', '--reporter=line', '--output', join(here, '..', 'reports', 'bench-results')], {
    cwd: e2e,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    // The spec skips itself unless E2E_BENCH is set: in the e2e suite it is a benchmark, not a test.
    env: { ...process.env, E2E_BENCH: '1', E2E_PORT: process.env.E2E_PORT ?? '18392' },
  });
  const line = (run.stdout ?? '').split('\n').find((l) => l.includes('editor 1,000-node benchmark:'));
  if (run.status !== 0 || !line) {
    console.error(`bench: the canvas benchmark failed (exit ${run.status})`);
    process.exitCode = 1;
  } else {
    const f = JSON.parse(line.slice(line.indexOf('{')));
    const add = (name, value, unit) => typeof value === 'number' && figures.push({ name, value, unit });
    // The performance targets' figures, under their names.
    add('editor.open_ms_1000_nodes', f.coldOpenToFirstNodeMs, 'ms');
    add('editor.pan_fps_1000_nodes', f.panAllVisible?.fps, 'fps');
    add('1,000-node flow: cold open (navigation start) to first node', f.coldOpenToFirstNodeMs, 'ms');
    add('1,000-node flow: explorer click to first node', f.explorerClickToFirstNodeMs, 'ms');
    add('1,000-node flow: document in store to first node (render)', f.flowInStoreToFirstNodeMs, 'ms');
    add('1,000-node flow: fit whole flow (all nodes rendered)', f.fitWholeFlowMs, 'ms');
    add('1,000-node flow: pan frame, opening view (mean)', f.panOpeningView?.mean, 'ms');
    add('1,000-node flow: pan frame, opening view (p95)', f.panOpeningView?.p95, 'ms');
    add('1,000-node flow: pan frame, all visible (mean)', f.panAllVisible?.mean, 'ms');
    add('1,000-node flow: pan frame, all visible (p95)', f.panAllVisible?.p95, 'ms');
    add('1,000-node flow: node drag frame, all visible (mean)', f.dragOneNodeAllVisible?.mean, 'ms');
  }
}

for (const f of figures) f.value = Math.round(f.value * 10) / 10;
if (json) for (const f of figures) console.log(JSON.stringify(f));
else {
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) console.log(`${f.name.padEnd(width)}  ${String(f.value).padStart(8)} ${f.unit}`);
}
