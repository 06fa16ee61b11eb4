// Sums the JSON reports that vitest and Playwright wrote under */*/reports and e2e/reports
// into one closing line, so CI and a person read the same figure.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['apps', 'packages'];
const reportFiles = [];
for (const root of roots) {
  if (!existsSync(root)) continue;
  for (const pkg of readdirSync(root)) {
    const dir = join(root, pkg, 'reports');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.json')) reportFiles.push(join(dir, f));
  }
}
if (existsSync('e2e/reports')) {
  for (const f of readdirSync('e2e/reports')) if (f.endsWith('.json')) reportFiles.push(join('e2e/reports', f));
}

let passed = 0, failed = 0, skipped = 0, flaky = 0;
// Named here because a CI log is often read from its tail only.
const failures = [];
const firstLine = (text) => String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
const playwrightFailures = (suites, file) => {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        const error = (test.results ?? []).flatMap((r) => r.errors ?? [r.error]).find(Boolean);
        failures.push(`${file}: ${spec.title}: ${firstLine(error?.message)}`);
      }
    }
    playwrightFailures(suite.suites, file);
  }
};
for (const file of reportFiles) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof report.numPassedTests === 'number') {
    // vitest json reporter
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A test file that fails to load has no failed test in it, but it is a failure all the same.
    const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
    failed += brokenFiles;
    for (const result of report.testResults ?? []) {
      if (result.status === 'failed' && (result.assertionResults ?? []).length === 0) failures.push(`${result.name}: ${firstLine(result.message)}`);
      for (const a of result.assertionResults ?? []) {
        if (a.status === 'failed') failures.push(`${result.name}: ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
      }
    }
  } else if (report.stats) {
    // Playwright json reporter
    passed += report.stats.expected ?? 0;
    // A flaky test passed on retry: count it as passed, but say so below.
    failed += report.stats.unexpected ?? 0;
    passed += report.stats.flaky ?? 0;
    flaky += report.stats.flaky ?? 0;
    skipped += report.stats.skipped ?? 0;
    playwrightFailures(report.suites, file);
  }
}
if (failures.length) console.log(`\nfailed:\n${failures.map((f) => `  ${f.slice(0, 400)}`).join('\n')}`);
console.log(`\n${reportFiles.length} test reports${flaky ? `, ${flaky} flaky end-to-end test(s) passed on retry` : ''}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
