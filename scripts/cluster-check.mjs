// npm test's cluster step: runs scripts/cluster-test.mjs (about 40 s) and writes its result to
// e2e/reports/cluster.json in the vitest JSON shape, so the summary line counts it. Without a
// reachable PostgreSQL (PG_TEST_URL) it is reported as skipped — except on CI (CI set), where the
// database is part of the machine and its absence is a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { POSTGRES_URL as url, postgresReachable } from './cluster/postgres-reachable.mjs';

const reachable = await postgresReachable(url);

const title = 'cluster: three PostgreSQL-backed instances, one killed midway, every event completed exactly once';
let status;
let message = '';
if (!reachable) {
  status = process.env.CI ? 'failed' : 'skipped';
  message = `PostgreSQL is not reachable at ${url.hostname}:${url.port || 5432} (PG_TEST_URL)`;
  console.log(`cluster: ${status}: ${message}`);
} else {
  const run = spawnSync(process.execPath, ['scripts/cluster-test.mjs'], { stdio: 'inherit', timeout: 10 * 60_000 });
  status = run.status === 0 ? 'passed' : 'failed';
  if (status === 'failed') message = run.error ? run.error.message : `scripts/cluster-test.mjs exited ${run.status ?? run.signal}`;
}
mkdirSync('e2e/reports', { recursive: true });
writeFileSync(
  'e2e/reports/cluster.json',
  JSON.stringify({
    numPassedTests: status === 'passed' ? 1 : 0,
    numFailedTests: status === 'failed' ? 1 : 0,
    numPendingTests: status === 'skipped' ? 1 : 0,
    numTodoTests: 0,
    testResults: [{ name: 'cluster', status, assertionResults: [{ title, status: status === 'skipped' ? 'pending' : status, failureMessages: message && status === 'failed' ? [message] : [] }] }],
  }),
);
process.exit(status === 'failed' ? 1 : 0);
