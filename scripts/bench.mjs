// npm run bench: runs every package's `bench` script and prints one table (or, with --json, one
// JSON object per line: {"name","value","unit","baseline"?,"ratio"?,"min","max"}).
//   --quick   shorter runs (endpoint rounds stay 10 s, and the 30,000-event burst is drained: several minutes)
//   --json    machine-readable output only
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
// `npm run bench --quick` (without `--`) hands the flags over as npm config, not as arguments.
const json = args.includes('--json') || process.env.npm_config_json === 'true';
const quick = args.includes('--quick') || process.env.npm_config_quick === 'true';
const only = args.filter((a) => !a.startsWith('--'));

// Order matters only for reading: the pure engines first, then what sits on top of them.
const ORDER = ['@flowbridge/runtime', '@flowbridge/event-pattern', '@flowbridge/connector-eventbridge', '@flowbridge/server'];
const packages = [];
for (const root of ['packages', 'apps']) {
  for (const dir of readdirSync(root)) {
    const file = join(root, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.scripts?.bench) packages.push({ name: pkg.name, dir: join(root, dir) });
  }
}
packages.sort((a, b) => (ORDER.indexOf(a.name) + 1 || 99) - (ORDER.indexOf(b.name) + 1 || 99));

const results = [];
let failed = 0;
for (const pkg of packages) {
  if (only.length && !only.some((o) => pkg.name.includes(o))) continue;
  if (!json) console.error(`bench: ${pkg.name} …`);
  const run = spawnSync('npx', ['-y', 'pnpm@12.4.2', 'run', '--silent', 'bench', '--json', ...(quick ? ['--quick'] : [])], {
    cwd: pkg.dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    failed++;
    console.error(`bench: ${pkg.name} failed with exit code ${run.status}`);
  }
  for (const line of (run.stdout ?? '').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const figure = JSON.parse(trimmed);
      if (typeof figure.name === 'string' && typeof figure.value === 'number') results.push(figure);
    } catch {
      // not a figure line
    }
  }
}

if (json) {
  for (const r of results) console.log(JSON.stringify(r));
} else {
  const fmt = (v) => (typeof v !== 'number' ? '' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
  const rows = [['name', 'value', 'unit', 'baseline', 'ratio', 'min', 'max'], ...results.map((r) => [r.name, fmt(r.value), r.unit ?? '', fmt(r.baseline), fmt(r.ratio), fmt(r.min), fmt(r.max)])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 || c === 2 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
process.exit(failed ? 1 : 0);
