/**
 * PutEvents throughput against local AWS over HTTP, through the real runtime and SDK client:
 * entries per second when a flow sends a 500-entry request (split into calls of 10) versus one
 * PutEvents activity per entry. `--json` prints one line per figure:
 * {"name","value","unit","baseline","ratio","min","max"}.
 */
import { awsAuthModule, clearClientCache } from '@flowbridge/connector-aws-auth';
import type { FlowDocument } from '@flowbridge/flow-model';
import { startLocalAws } from '@flowbridge/local-aws';
import { compile, coreRuntimeModule, createEngine, run, type CompiledFlow } from '@flowbridge/runtime';
import { eventBridgeModule } from '../src/index.js';

const ENTRIES = 500;
const ROUNDS = 5;
const json = process.argv.includes('--json');

function putEventsFlow(): FlowDocument {
  return {
    formatVersion: 1,
    name: 'BENCH_PutEvents',
    parameters: [{ name: 'Request', type: 'PutEventsRequest' }],
    returnType: 'Integer',
    nodes: [
      { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'put', kind: 'eventbridge.PutEvents', position: { x: 1, y: 0 }, config: { region: "'us-east-1'", request: '$Request', outputVariable: 'Response', retryPolicy: 'none' } },
      { id: 'end', kind: 'core.End', position: { x: 2, y: 0 }, config: { returnValue: '$Response.FailedEntryCount' } },
    ],
    edges: [
      { id: 'a', source: 'start', sourcePort: 'out', target: 'put' },
      { id: 'b', source: 'put', sourcePort: 'out', target: 'end' },
    ],
    annotations: [],
  };
}

const entry = (i: number) => ({ Source: 'bench.flowbridge', DetailType: 'OrderPlaced', Detail: { orderId: i, total: 12.5, lines: [{ sku: 'A-1', qty: 2 }] } });

async function main(): Promise<void> {
  const local = await startLocalAws({ host: '127.0.0.1', port: 0 });
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  const services = { 'aws.endpoint': local.url };
  const engine = createEngine([coreRuntimeModule, awsAuthModule, eventBridgeModule]);
  const compiled = compile(putEventsFlow(), engine);
  if (!compiled.ok) throw new Error(`Bench flow does not compile: ${JSON.stringify(compiled.problems)}`);
  const flow: CompiledFlow = compiled.flow;

  const send = async (entries: unknown[]) => {
    const result = await run(flow, { Request: { Entries: entries } }, { services });
    if (result.status !== 'succeeded' || result.result !== 0) throw new Error(`PutEvents failed: ${JSON.stringify(result.error ?? result.result)}`);
  };
  const all = Array.from({ length: ENTRIES }, (_, i) => entry(i));

  // Warm up connections, JIT and the client cache.
  await send(all.slice(0, 50));
  for (let i = 0; i < 50; i++) await send([all[i]]);

  const batched: number[] = [];
  const single: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    await send(all);
    batched.push(ENTRIES / ((performance.now() - t) / 1000));
    t = performance.now();
    for (const e of all) await send([e]);
    single.push(ENTRIES / ((performance.now() - t) / 1000));
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const singleMedian = median(single);
  const figures = [
    { name: 'putevents.entries_per_s.batched', values: batched, baseline: singleMedian },
    { name: 'putevents.entries_per_s.one_per_call', values: single, baseline: null },
  ];
  for (const f of figures) {
    const value = median(f.values);
    const line = {
      name: f.name,
      value: round1(value),
      unit: 'entries/s',
      baseline: f.baseline === null ? null : round1(f.baseline),
      ratio: f.baseline === null ? null : round1(value / f.baseline),
      min: round1(Math.min(...f.values)),
      max: round1(Math.max(...f.values)),
    };
    if (json) console.log(JSON.stringify(line));
    else console.log(`${line.name}: ${line.value} ${line.unit} (min ${line.min}, max ${line.max}${line.ratio !== null ? `, ${line.ratio}x one-per-call` : ''})`);
  }
  clearClientCache();
  await local.close();
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
