// npm start: installs dependencies, builds, then runs the server, saying what it does while it does it:
// one progress line per step (and per package the build starts, with a heartbeat while a step is
// still busy), then, once the server answers, a short block with the editor URL, the event endpoint
// and where its API key comes from, and the local AWS endpoint. The server's own log lines pass
// through unchanged. Progress goes to stderr, so stdout stays the server's JSON log.
//   FLOWBRIDGE_START_QUIET=1   no progress lines and no ready block (the log only)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildFingerprint, buildProgress, dependencyFingerprint, describeApiKey, missingBuildOutputs } from './start-progress.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = ['-y', 'pnpm@12.4.2'];
const HEARTBEAT_MS = 10_000;
const quiet = process.env.FLOWBRIDGE_START_QUIET === '1';
const began = performance.now();

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const say = (line) => {
  if (!quiet) process.stderr.write(`start: ${line}\n`);
};

/**
 * Runs one step as a child process; `onLine` sees each output line (stdout and stderr) and may
 * return a progress line. The output is kept and shown only if the step fails.
 */
function step(label, command, args, onLine = () => undefined) {
  const started = performance.now();
  say(`${label} …`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    const heartbeat = setInterval(() => say(`${label}: still working (${seconds(started)})`), HEARTBEAT_MS);
    // Stopping npm start stops the step too, instead of leaving an installer or a build behind.
    const forward = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
    const done = () => {
      clearInterval(heartbeat);
      for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, forward);
    };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (output.length >= 2000) output.shift();
        output.push(line);
        const progress = onLine(line);
        if (progress) say(`${label}: ${progress} (${seconds(started)})`);
      });
    }
    child.once('error', (error) => {
      done();
      reject(new Error(`${label} could not start: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      done();
      if (signal) {
        reject(new Error(`${label} was stopped (${signal}).`));
      } else if (code === 0) {
        say(`${label}: done in ${seconds(started)}`);
        resolve();
      } else {
        process.stderr.write(`${output.slice(-80).join('\n')}\n`);
        reject(new Error(`${label} failed (exit code ${code}); its last output is above.`));
      }
    });
  });
}

/** Prints where everything is, once the server's "running at" log line has arrived and its API answers. */
async function readyBlock(log) {
  const url = log.url;
  const headers = process.env.FLOWBRIDGE_ADMIN_TOKEN ? { authorization: `Bearer ${process.env.FLOWBRIDGE_ADMIN_TOKEN}` } : {};
  let keyConstant = 'EventBridge.APIKey';
  try {
    const settings = JSON.parse(readFileSync(join(log.workspace, 'settings.json'), 'utf8'));
    if (typeof settings?.eventEndpoint?.apiKeyConstant === 'string') keyConstant = settings.eventEndpoint.apiKeyConstant;
  } catch {
    // no settings.json: the default constant
  }
  let keySource = `constant ${keyConstant}`;
  try {
    const res = await fetch(`${url}/api/constants`, { headers, signal: AbortSignal.timeout(5_000) });
    if (res.ok) keySource = describeApiKey(keyConstant, (await res.json()).constants?.find((c) => c.name === keyConstant));
  } catch {
    // the block is a convenience; the server runs either way
  }
  const localAws = typeof log.localAws === 'string' && log.localAws.startsWith('http') ? `${log.localAws} (EventBridge and STS)` : log.localAws === 'env' ? 'off: the AWS endpoint comes from the environment' : 'off (LOCAL_AWS_PORT=off): real AWS';
  const lines = [
    '',
    `Flowbridge is ready (${seconds(began)} since npm start)`,
    `  Editor          ${url}/`,
    ...(Array.isArray(log.eventEndpoints) && log.eventEndpoints.length > 0
      ? log.eventEndpoints.map((path, i) => `  ${i === 0 ? 'Event endpoint' : '              '}  ${url}${path}`)
      : ['  Event endpoint  off (eventEndpoint.enabled is false in settings.json)']),
    `  API key         ${keySource}`,
    `  Local AWS       ${localAws}`,
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

async function main() {
  // A warm start skips the installer (several seconds even with nothing to do) when nothing it
  // depends on changed since the last install that succeeded here.
  const stamp = join(ROOT, 'node_modules', '.flowbridge-installed');
  const fingerprint = dependencyFingerprint(ROOT);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) {
    say('dependencies: up to date (lockfile and package.json files unchanged since the last install)');
  } else {
    await step('dependencies', 'bash', ['scripts/setup.sh']);
    writeFileSync(stamp, fingerprint);
  }
  // An unchanged tree is not built again: even turbo's cache replay costs seconds (npx and pnpm
  // starting), so the files the build reads are fingerprinted and compared with the last good build's.
  const buildStamp = join(ROOT, 'node_modules', '.flowbridge-built');
  const before = buildFingerprint(ROOT);
  const missing = missingBuildOutputs(ROOT);
  if (missing.length === 0 && existsSync(buildStamp) && readFileSync(buildStamp, 'utf8') === before) {
    say('build: up to date (no source file changed since the last build)');
  } else {
    // turbo's cache makes an unchanged package a replay; turbo needs pnpm on its PATH, hence pnpm exec.
    await step('build', 'npx', [...PNPM, 'exec', 'turbo', 'run', 'build', '--output-logs=hash-only'], buildProgress());
    // Stamped only when nothing changed while it built (an edit during the build is built next time).
    if (buildFingerprint(ROOT) === before) writeFileSync(buildStamp, before);
  }
  const main = join(ROOT, 'apps/server/dist/main.js');
  if (!existsSync(main)) throw new Error('the build did not produce apps/server/dist/main.js');
  say('starting the server …');
  const server = spawn(process.execPath, [main], { cwd: ROOT, env: process.env, stdio: ['inherit', 'pipe', 'inherit'] });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  let announced = false;
  createInterface({ input: server.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    if (announced || quiet || !line.includes('Flowbridge is running at')) return;
    announced = true;
    try {
      void readyBlock(JSON.parse(line));
    } catch {
      // not the JSON log line
    }
  });
  server.once('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error) => {
  process.stderr.write(`start: ${error.message}\n`);
  process.exit(1);
});
