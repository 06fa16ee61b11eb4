// npm run test:cluster — three PostgreSQL-backed Flowbridge instances on loopback, 3,000 events
// (plus 10% redeliveries, in random order) sprayed across them, one instance SIGKILLed midway and
// restarted; then every event id must have exactly one succeeded callback run.
//   node scripts/cluster-test.mjs [--events N] [--instances N] [--lease SECONDS] [--keep]
// Needs PostgreSQL (PG_TEST_URL, default postgres://postgres@127.0.0.1:5432/test)
// and a built server (apps/server/dist). Exits 1 on any lost or duplicated callback, or on timeout.
import { randomUUID } from 'node:crypto';
import {
  bindEventType,
  clusterWorkspace,
  deliver,
  dropSchema,
  eventBody,
  freePort,
  newSchema,
  shuffle,
  sleep,
  startInstance,
  waitForDrain,
  withDatabase,
} from './cluster/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVENTS = option('events', 3000);
const INSTANCES = option('instances', 3);
const DUPLICATES = Math.round(EVENTS / 10);
const KEEP = args.includes('--keep');
/** The whole test, start-up to verdict, must fit in this. */
const OVERALL_TIMEOUT_MS = 180_000;

const log = (line) => console.error(`cluster: ${line}`);
const overall = setTimeout(() => {
  console.error(`cluster: FAILED — did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overall.unref();

const schema = newSchema();
// The lease must outlast a run plus its wait in the dispatcher's local queue, even on a loaded 2-core machine;
// a killed instance's events are taken over when it ends.
const LEASE_SECONDS = option('lease', 30);
const workspace = await clusterWorkspace({ leaseSeconds: LEASE_SECONDS });
const instances = [];
let exitCode = 1;
const started = performance.now();
try {
  const ports = [];
  for (let i = 0; i < INSTANCES; i++) ports.push(await freePort());
  // The first instance creates the schema; the rest start together (migrations are serialised by an advisory lock).
  instances.push(await startInstance({ name: '1', port: ports[0], schema, workspace, apiKey: workspace.apiKey }));
  await bindEventType(schema);
  instances.push(...(await Promise.all(ports.slice(1).map((port, i) => startInstance({ name: String(i + 2), port, schema, workspace, apiKey: workspace.apiKey })))));
  log(`${INSTANCES} instances on ports ${ports.join(', ')}, schema ${schema}, workspace ${workspace.dir}`);

  const ids = Array.from({ length: EVENTS }, () => randomUUID());
  const deliveries = shuffle([...ids, ...shuffle([...ids]).slice(0, DUPLICATES)].map((id) => ({ id, body: eventBody(id) })));

  // A load balancer without health checks: round robin over every instance, the dead one included
  // (its refused connections are retried elsewhere, as EventBridge retries a failed delivery).
  let turn = 0;
  const target = () => instances[turn++ % instances.length];
  const victimIndex = Math.min(1, instances.length - 1);
  let restart;
  const onProgress = (answered) => {
    if (answered !== Math.floor(deliveries.length / 2) || restart) return;
    const victim = instances[victimIndex];
    log(`SIGKILL instance ${victim.name} after ${answered} deliveries`);
    restart = (async () => {
      await victim.kill('SIGKILL');
      await sleep(1000);
      instances[victimIndex] = await startInstance({ name: victim.name, port: victim.port, schema, workspace, apiKey: workspace.apiKey });
      log(`instance ${victim.name} restarted`);
    })();
  };
  const stats = await deliver(deliveries, { target, apiKey: workspace.apiKey, concurrency: 48, onProgress });
  await restart;
  const sprayed = performance.now();
  log(`${deliveries.length} deliveries answered in ${((sprayed - started) / 1000).toFixed(1)} s: ${stats.accepted} accepted, ${stats.duplicate} duplicates acknowledged, ${stats.retried} retried`);
  // More than the planned redeliveries come back as duplicates when the killed instance had stored an
  // event but died before answering: the retry finds it stored. That is the inbox doing its job.
  if (stats.duplicate > DUPLICATES) log(`${stats.duplicate - DUPLICATES} events were stored by the killed instance before it could answer; their retries were acknowledged as duplicates`);

  const counts = await waitForDrain(schema, { timeoutMs: 90_000, expectDone: EVENTS });
  log(`inbox after ${((performance.now() - sprayed) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

  const verdict = await withDatabase(schema, async (client) => {
    const { rows } = await client.query(
      `SELECT sent.id,
              (SELECT COUNT(*)::integer FROM runs WHERE runs.event_id = sent.id AND runs.status = 'succeeded') AS succeeded
       FROM unnest($1::text[]) AS sent(id)`,
      [ids],
    );
    const extra = await client.query('SELECT COUNT(*)::integer AS n FROM inbox WHERE NOT (id = ANY($1::text[]))', [ids]);
    const runs = await client.query('SELECT status, COUNT(*)::integer AS n FROM runs GROUP BY status');
    const takenOver = await client.query('SELECT COUNT(*)::integer AS n FROM inbox WHERE attempts > 1');
    const duplicatedIds = rows.filter((r) => r.succeeded > 1).map((r) => r.id).slice(0, 5);
    const examples = duplicatedIds.length
      ? (
          await client.query(
            `SELECT r.event_id, i.attempts, json_agg(json_build_object('run', r.id, 'status', r.status, 'started', r.started_at, 'ended', r.ended_at) ORDER BY r.seq) AS runs
             FROM runs r JOIN inbox i ON i.id = r.event_id WHERE r.event_id = ANY($1::text[]) GROUP BY r.event_id, i.attempts`,
            [duplicatedIds],
          )
        ).rows
      : [];
    return {
      examples,
      once: rows.filter((r) => r.succeeded === 1).length,
      lost: rows.filter((r) => r.succeeded === 0).length,
      duplicated: rows.filter((r) => r.succeeded > 1).length,
      unknown: extra.rows[0].n,
      runs: Object.fromEntries(runs.rows.map((r) => [r.status, r.n])),
      takenOver: takenOver.rows[0].n,
    };
  });
  log(`runs by status ${JSON.stringify(verdict.runs)}; ${verdict.takenOver} events claimed more than once (taken over or retried)`);
  for (const example of verdict.examples) log(`duplicated: ${JSON.stringify(example)}`);
  console.log(`cluster: ${EVENTS} events, ${verdict.once} completed once, ${verdict.lost} lost, ${verdict.duplicated} duplicated`);
  const ok = verdict.once === EVENTS && verdict.lost === 0 && verdict.duplicated === 0 && verdict.unknown === 0 && !counts.timedOut;
  if (!ok) {
    if (counts.timedOut) console.error('cluster: FAILED — the inbox did not drain within 90 s');
    if (verdict.unknown) console.error(`cluster: FAILED — ${verdict.unknown} inbox entries for ids never sent`);
    console.error(`cluster: instance logs are in ${workspace.dir}`);
  }
  exitCode = ok ? 0 : 1;
} catch (error) {
  console.error(`cluster: FAILED — ${error.message}`);
  console.error(`cluster: instance logs are in ${workspace.dir}`);
} finally {
  await Promise.all(instances.map((i) => i.kill('SIGTERM')));
  if (!KEEP) {
    await dropSchema(schema).catch((error) => console.error(`cluster: could not drop schema ${schema}: ${error.message}`));
    if (exitCode === 0) await workspace.remove();
  }
}
process.exit(exitCode);
