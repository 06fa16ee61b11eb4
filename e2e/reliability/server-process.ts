/**
 * A real Flowbridge server as a child process (`node apps/server/dist/main.js`) on loopback, with a
 * temporary workspace, its output captured for the secret scan, and SIGKILL/restart on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server build under test. For side-by-side runs of two builds, RELIABILITY_SERVER_DIST names another
 * build folder inside apps/server (e.g. `.dist-before`), and RELIABILITY_NODE_FLAGS adds flags for Node
 * (e.g. `--trace-gc`), space-separated.
 */
const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'server', process.env.RELIABILITY_SERVER_DIST ?? 'dist', 'main.js');
const NODE_FLAGS = (process.env.RELIABILITY_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');

const children = new Set<ChildProcess>();
// A failed check must not leave servers behind.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Everything any server process of the suite wrote, for the final secret scan. */
export const capturedOutput: string[] = [];
/** Every response body the suite read, for the final secret scan. */
export const capturedBodies: string[] = [];

export interface ServerDirs {
  /** Holds `workspace/` and `data/`; nothing else may appear in it. */
  root: string;
  workspace: string;
  dataDir: string;
}

/** A fresh root with a workspace holding `files` (paths relative to the workspace). */
export async function createWorkspace(files: Record<string, string>): Promise<ServerDirs> {
  const root = await mkdtemp(join(tmpdir(), 'fb-reliability-'));
  const workspace = join(root, 'workspace');
  const dataDir = join(root, 'data');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  await mkdir(dataDir, { recursive: true });
  return { root, workspace, dataDir };
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  url = '';

  constructor(
    readonly dirs: ServerDirs,
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('the server is not running');
    return this.child.pid;
  }

  /** Starts the server and resolves with its URL once it listens. */
  async start(): Promise<string> {
    const child = spawn(process.execPath, [...NODE_FLAGS, MAIN], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        FLOWBRIDGE_WORKSPACE: this.dirs.workspace,
        FLOWBRIDGE_DATA_DIR: this.dirs.dataDir,
        LOCAL_AWS_PORT: 'off',
        ...this.env,
      },
    });
    this.child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    let pending = '';
    const url = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not listen within 20 s')), 20_000);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before it listened: ${capturedOutput.slice(-5).join(' | ')}`));
      });
      child.stdout!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        capturedOutput.push(text);
        pending += text;
        const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(pending);
        if (match) {
          clearTimeout(timer);
          pending = '';
          resolve(match[1]!);
        }
      });
    });
    child.stderr!.on('data', (chunk: Buffer) => capturedOutput.push(chunk.toString('utf8')));
    this.url = await url;
    return this.url;
  }

  /** SIGKILL: no shutdown code runs, as in a power cut of the process. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM and wait for the graceful exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** Resident memory of the process, in bytes. */
  rssBytes(): number {
    const line = readFileSync(`/proc/${this.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
  }

  /** fetch against the server; the body text is kept for the secret scan. */
  async request(path: string, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
    const res = await fetch(`${this.url}${path}`, init);
    const text = await res.text();
    capturedBodies.push(text);
    return { status: res.status, text, headers: res.headers };
  }
}
