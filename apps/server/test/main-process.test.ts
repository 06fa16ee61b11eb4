import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support/test-server.js';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Runs `src/main.ts` as its own process (through tsx), as `npm start` and the e2e tests run the built one. */
function startProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', main], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Flowbridge is running at (http:\/\/[^/\s"]+)\//.exec(stdout);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`exited before listening: ${stderr || stdout}`)));
  });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('the server process', () => {
  it('starts on the given workspace, answers, and exits 0 on SIGTERM after a clean shutdown', { timeout: 30_000 }, async () => {
    const workspace = await tempDir();
    const server = startProcess({ FLOWBRIDGE_WORKSPACE: workspace, PORT: '0', LOCAL_AWS_PORT: 'off' });
    const url = await server.url;
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok' });
    // The start-up line names the mounted event endpoints (npm start's ready block prints them).
    const running = server.output().stdout.split('\n').find((line) => line.includes('Flowbridge is running at'));
    expect(JSON.parse(running!).eventEndpoints).toEqual(['/rest/EventBridge/v1/event']);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain('"msg":"stopped"');
  });

  it('refuses to start on a public address without an admin token, exiting 1 with the reason', { timeout: 30_000 }, async () => {
    const server = startProcess({ FLOWBRIDGE_WORKSPACE: await tempDir(), HOST: '0.0.0.0', PORT: '0', LOCAL_AWS_PORT: 'off' });
    server.url.catch(() => undefined);
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toMatch(/Flowbridge cannot start: HOST: .*FLOWBRIDGE_ADMIN_TOKEN/);
  });
});
