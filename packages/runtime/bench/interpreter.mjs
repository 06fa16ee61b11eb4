// Interpreter benchmark (not a test): µs per step for Change Variable chains, runs per second of a
// 10-step flow, and memory per in-flight run. Build first (`pnpm run bench` does). `--json` prints one
// line per figure: {"name","value","unit","min","max"} with the median over the repetitions.
import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { compile, coreRuntimeModule, createEngine, run } from '../dist/index.js';

const json = process.argv.includes('--json');
const REPETITIONS = process.argv.includes('--quick') ? 11 : 25;

/** A bench-only activity that waits until released, so many runs can be in flight at once. */
let release;
let gate = new Promise((resolve) => (release = resolve));
const benchModule = {
  definitions: {
    activities: [{ kind: 'bench.Wait', label: 'Wait', category: 'Bench', icon: 'w', description: 'Waits for the bench.', fields: [], ports: [{ id: 'out' }] }],
  },
  implementations: [{ kind: 'bench.Wait', execute: () => gate.then(() => ({})) }],
};
const engine = createEngine([coreRuntimeModule, benchModule]);

function chainFlow(name, middle) {
  const nodes = [
    { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'seed', kind: 'core.CreateVariable', position: { x: 0, y: 0 }, config: { variableName: 'Count', type: 'Integer', value: '0' } },
    ...middle.map((config, i) => ({ id: `n${i}`, kind: config.kind, position: { x: 0, y: 0 }, config: config.config })),
    { id: 'end', kind: 'core.End', position: { x: 0, y: 0 }, config: { returnValue: '$Count' } },
  ];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, sourcePort: 'out', target: n.id }));
  const result = compile({ formatVersion: 1, name, parameters: [{ name: 'Seed', type: 'Integer' }], returnType: 'Integer', nodes, edges, annotations: [] }, engine);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { flow: result.flow, steps: nodes.length };
}

const change = (value) => ({ kind: 'core.ChangeVariable', config: { variable: 'Count', value } });
const staticChain = chainFlow('BENCH_Static', Array.from({ length: 100 }, (_, i) => change(i % 2 ? '$Seed' : '7')));
const simpleChain = chainFlow('BENCH_Simple', Array.from({ length: 100 }, () => change('$Count + 1')));
const tenSteps = chainFlow('BENCH_Ten', [...Array.from({ length: 7 }, () => change('$Count + 1'))]);

async function timeRuns(flow, runs) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) {
    const result = await run(flow, { Seed: 3 });
    if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.error));
  }
  return Number(process.hrtime.bigint() - started) / 1e3; // µs
}

async function repeat(measure) {
  const values = [];
  for (let r = 0; r < REPETITIONS; r++) values.push(await measure());
  values.sort((a, b) => a - b);
  return { value: values[Math.floor(values.length / 2)], min: values[0], max: values[values.length - 1] };
}

async function perStep({ flow, steps }, runs) {
  await timeRuns(flow, runs); // warm-up
  return repeat(async () => (await timeRuns(flow, runs)) / (runs * steps));
}

async function memoryPerRun(count) {
  const { flow } = chainFlow('BENCH_Wait', [change('$Count + 1'), { kind: 'bench.Wait', config: {} }]);
  const gc = globalThis.gc ?? (() => undefined);
  gc();
  const before = process.memoryUsage().heapUsed;
  const pending = Array.from({ length: count }, () => run(flow, { Seed: 1 }));
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const during = process.memoryUsage().heapUsed;
  release();
  await Promise.all(pending);
  gate = new Promise((resolve) => (release = resolve));
  return (during - before) / count;
}

const figures = [];
const report = (name, stats, unit, note, baseline) => {
  figures.push({ name, ...stats, unit, ...(baseline !== undefined ? { baseline, ratio: stats.value / baseline } : {}) });
  if (!json) console.log(`${name.padEnd(40)} ${stats.value.toFixed(3).padStart(10)} ${unit.padEnd(6)} (min ${stats.min.toFixed(3)}, max ${stats.max.toFixed(3)})  ${note}`);
};

report('interpreter.static.us_per_step', await perStep(staticChain, 500), 'us', '100 Change Variable steps, literal / plain variable');
report('interpreter.jsonata.us_per_step', await perStep(simpleChain, 500), 'us', '100 Change Variable steps, $Count + 1');

// interpreter.jsonata_full: realistic expressions outside the simple fast path (test/fixtures/jsonata-corpus.json),
// each as a chain of Change Variable steps over the corpus's variables, against jsonata(expr).evaluate() of the
// same expression with the same variables (the engine Node-RED's change node calls), compiled once as there.
const corpus = JSON.parse(readFileSync(new URL('../test/fixtures/jsonata-corpus.json', import.meta.url), 'utf8'));
const CORPUS_STEPS = 20;
function corpusFlow(expr, index) {
  const names = Object.keys(corpus.bindings);
  const nodes = [
    { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
    { id: 'seed', kind: 'core.CreateVariable', position: { x: 0, y: 0 }, config: { variableName: 'Result', type: 'JSON', value: 'null' } },
    ...Array.from({ length: CORPUS_STEPS }, (_, i) => ({ id: `n${i}`, kind: 'core.ChangeVariable', position: { x: 0, y: 0 }, config: { variable: 'Result', value: expr } })),
    { id: 'end', kind: 'core.End', position: { x: 0, y: 0 }, config: {} },
  ];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, sourcePort: 'out', target: n.id }));
  const document = { formatVersion: 1, name: `BENCH_Corpus${index}`, parameters: names.map((name) => ({ name, type: typeof corpus.bindings[name] === 'number' ? 'Integer' : 'JSON' })), nodes, edges, annotations: [] };
  const result = compile(document, engine);
  if (!result.ok) throw new Error(`${expr}: ${JSON.stringify(result.problems)}`);
  return result.flow;
}
const corpusFlows = corpus.expressions.map((expr, i) => ({ expr, flow: corpusFlow(expr, i), prepared: jsonata(expr) }));
async function corpusRound(loops) {
  let ours = 0;
  let theirs = 0;
  for (const { flow, prepared } of corpusFlows) {
    let started = process.hrtime.bigint();
    for (let i = 0; i < loops; i++) {
      const result = await run(flow, corpus.bindings);
      if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.error));
    }
    ours += Number(process.hrtime.bigint() - started) / 1e3 / (loops * CORPUS_STEPS); // the whole run, charged to its expression steps
    started = process.hrtime.bigint();
    for (let i = 0; i < loops * CORPUS_STEPS; i++) await prepared.evaluate({}, corpus.bindings);
    theirs += Number(process.hrtime.bigint() - started) / 1e3 / (loops * CORPUS_STEPS);
  }
  return { ours: ours / corpusFlows.length, theirs: theirs / corpusFlows.length };
}
await corpusRound(5); // warm-up
const corpusSamples = [];
for (let r = 0; r < REPETITIONS; r++) corpusSamples.push(await corpusRound(20));
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { value: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
};
const ourStats = stats(corpusSamples.map((s) => s.ours));
const theirStats = stats(corpusSamples.map((s) => s.theirs));
report('interpreter.jsonata_full.us_per_step', ourStats, 'us', `${corpus.expressions.length} corpus expressions, mean µs per Change Variable step`, theirStats.value);
report('interpreter.jsonata_full.jsonata_us_per_evaluate', theirStats, 'us', 'the same expressions through jsonata(expr).evaluate()');
report('interpreter.jsonata_full.ratio_vs_jsonata', stats(corpusSamples.map((s) => s.ours / s.theirs)), 'ratio', 'per step / per jsonata evaluate, same round');
const runsPerSecond = await repeat(async () => 2000 / ((await timeRuns(tenSteps.flow, 2000)) / 1e6));
report('interpreter.ten_step.runs_per_second', runsPerSecond, 'runs/s', `${tenSteps.steps}-step flow`);
const memory = await repeat(() => memoryPerRun(5000));
report('interpreter.memory_per_inflight_run', { value: memory.value / 1024, min: memory.min / 1024, max: memory.max / 1024 }, 'KiB', '5000 runs waiting in an async activity');

if (json) for (const f of figures) console.log(JSON.stringify({ name: f.name, value: round(f.value), unit: f.unit, ...(f.baseline !== undefined ? { baseline: round(f.baseline), ratio: round(f.ratio) } : {}), min: round(f.min), max: round(f.max) }));

function round(n) {
  return Math.round(n * 1000) / 1000;
}
