// npm run bench: runs every package's `bench` script, then the whole-system benches (PostgreSQL-backed
// instances, `npm start` on a fresh clone), and prints one table (or, with --json, one JSON object per
// line: {"name","value","unit","baseline"?,"ratio"?,"min","max"}).
//   --quick   shorter runs (endpoint rounds stay 10 s, and the 30,000-event burst is drained: several minutes)
//   --json    machine-readable output only
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTargets } from './bench-targets.mjs';
import { postgresReachable, POSTGRES_URL } from './cluster/postgres-reachable.mjs';

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

/** Runs one bench (`command args` in `cwd`, which prints JSON figure lines) and collects its figures. */
function collect(label, cwd, command, args) {
  if (!json) console.error(`bench: ${label} …`);
  const run = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    failed++;
    console.error(`bench: ${label} failed with exit code ${run.status}`);
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

const selected = (name) => !only.length || only.some((o) => name.includes(o));
for (const pkg of packages) {
  if (!selected(pkg.name)) continue;
  collect(pkg.name, pkg.dir, 'npx', ['-y', 'pnpm@12.4.2', 'run', '--silent', 'bench', '--json', ...(quick ? ['--quick'] : [])]);
}
// Whole-system figures: `cluster.*` needs PostgreSQL (PG_TEST_URL, else 127.0.0.1:5432), `startup.*`
// clones HEAD into a temporary folder and times `npm start` there.
if (selected('cluster')) {
  if (await postgresReachable()) collect('cluster (PostgreSQL)', '.', process.execPath, ['scripts/cluster-bench.mjs', '--json', ...(quick ? ['--quick'] : [])]);
  else console.error(`bench: cluster skipped: PostgreSQL is not reachable at ${POSTGRES_URL.hostname}:${POSTGRES_URL.port || 5432} (set PG_TEST_URL)`);
}
if (selected('startup')) collect('startup (npm start on a fresh clone)', '.', process.execPath, ['scripts/bench-startup.mjs', '--json']);

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
  // The performance targets (docs/performance.md), read off this run's figures.
  const verdicts = checkTargets(results);
  const width = Math.max(...verdicts.map((v) => v.figure.length));
  console.log('\ntargets');
  for (const v of verdicts) {
    const reading = v.verdict === 'missing' ? 'no figure in this run' : `${fmt(v.value)} against ${fmt(v.limit)}`;
    console.log(`${v.verdict.padEnd(8)}  ${v.figure.padEnd(width)}  ${v.wanted.padEnd(56)}  ${reading}`);
  }
}
process.exit(failed ? 1 : 0);
