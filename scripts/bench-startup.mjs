// npm run bench:startup: how long `npm start` takes until the server is ready, on a fresh clone
// (startup.cold_s: install, full build without a cache, server start) and then again on the same
// clone (startup.warm_s: nothing to install or build). The clone is of this repository's HEAD, in a
// temporary folder that is removed afterwards; the servers listen on free ports.
//   --json   one JSON object per line: {"name","value","unit","min","max"}
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const LIMIT_MS = 15 * 60_000;

/** Runs `npm start` in `dir` until the ready block, then stops the server; returns the seconds it took. */
function timeStart(dir) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['scripts/start.mjs'], {
      cwd: dir,
      env: { ...process.env, PORT: '0', LOCAL_AWS_PORT: '0', FLOWBRIDGE_WORKSPACE: join(dir, 'workspace'), FLOWBRIDGE_DATA_DIR: join(dir, 'data') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start was not ready within ${LIMIT_MS / 60_000} minutes`));
    }, LIMIT_MS);
    const lines = [];
    let ready;
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      if (!json) process.stderr.write(`  ${line}\n`);
      if (ready !== undefined || !line.startsWith('Flowbridge is ready')) return;
      ready = (performance.now() - started) / 1000;
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (ready !== undefined) resolve(ready);
      else reject(new Error(`npm start exited (code ${code}) before it was ready:\n${lines.slice(-20).join('\n')}`));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'fb-startup-'));
try {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir], { stdio: 'inherit' });
  if (!json) console.error(`bench-startup: cold start in ${dir}`);
  const cold = await timeStart(dir);
  if (!json) console.error('bench-startup: warm start');
  const warm = await timeStart(dir);
  for (const [name, value] of [
    ['startup.cold_s', cold],
    ['startup.warm_s', warm],
  ]) {
    const rounded = Math.round(value * 10) / 10;
    console.log(json ? JSON.stringify({ name, value: rounded, unit: 's', min: rounded, max: rounded }) : `${name}: ${rounded} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
