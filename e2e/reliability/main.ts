/**
 * `npm run test:reliability`: crash safety, hostile input, a memory soak and the security promises,
 * each against real server processes on loopback. Prints one line per check and closes with
 * "N passed, N failed"; `--report FILE` also writes the counts in the vitest JSON shape that
 * `scripts/summarize-tests.mjs` sums. Bounded: at most about five minutes on 2 cores (the soak alone at most 3.5).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crashSafety } from './crash-safety.js';
import { hostileInput } from './hostile-input.js';
import { hostileOperators } from './hostile-operators.js';
import { memorySoak } from './memory-soak.js';
import { bruteForceIsRateLimited, secretsNeverLeak } from './security.js';

interface Check {
  name: string;
  run: () => Promise<string | void>;
}

const checks: Check[] = [
  { name: 'crash safety: every acknowledged event runs its callback exactly once across SIGKILLs', run: crashSafety },
  ...hostileInput(),
  { name: 'hostile senders and operators: stuck stream readers, secret read-back, links, renames, deep and huge bodies, weak token', run: hostileOperators },
  { name: 'load: a soak at a fixed rate shows no memory growth trend once V8 has sized its heap', run: memorySoak },
  { name: 'security: a wrong API key is answered 429 after repeated 401s, and the right key is never locked out', run: bruteForceIsRateLimited },
  { name: 'security: the API key and the AWS secret never appear in logs, traces or API bodies', run: secretsNeverLeak },
];

// `tsx reliability/main.ts soak` runs only the checks whose name contains "soak".
const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--report');
const selected = only.length ? checks.filter((c) => only.some((o) => c.name.includes(o))) : checks;
const reportIndex = process.argv.indexOf('--report');
const reportFile = reportIndex > 0 ? process.argv[reportIndex + 1] : undefined;
const started = Date.now();
let passed = 0;
let failed = 0;
const results: Array<{ title: string; status: 'passed' | 'failed'; failureMessages: string[] }> = [];
for (const check of selected) {
  const t0 = Date.now();
  try {
    const note = await check.run();
    passed++;
    results.push({ title: check.name, status: 'passed', failureMessages: [] });
    console.log(`✓ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)${note ? `\n    ${note}` : ''}`);
  } catch (error) {
    failed++;
    const message = error instanceof Error ? error.message : String(error);
    results.push({ title: check.name, status: 'failed', failureMessages: [message] });
    console.log(`✗ ${check.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n    ${message.split('\n').join('\n    ')}`);
  }
}
console.log(`\nreliability suite took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
if (reportFile) {
  await mkdir(dirname(reportFile), { recursive: true });
  await writeFile(
    reportFile,
    JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: 0, numTodoTests: 0, testResults: [{ name: 'reliability', status: failed ? 'failed' : 'passed', assertionResults: results }] }),
  );
}
process.exit(failed > 0 || passed === 0 ? 1 : 0);
