/**
 * A Flowbridge server of its own for one loop scenario: `node apps/server/dist/main.js` as a child process
 * on loopback with the embedded local AWS (so the shipped secret constants' local defaults apply), a
 * temporary workspace, and a restart on the same ports and data — which the shared webServer of
 * playwright.config.ts cannot do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(REPO, 'apps', 'server', 'dist', 'main.js');

/** The repository's example workspace (the one `npm start` serves). */
export const SHIPPED_WORKSPACE = join(REPO, 'workspace');

/** The endpoint's key on a fully local server: the shipped `localDefault` of `EventBridge.APIKey`. */
export function shippedApiKey(): string {
  const constants = JSON.parse(readFileSync(join(SHIPPED_WORKSPACE, 'constants.json'), 'utf8')) as Record<string, { localDefault?: string }>;
  const key = constants['EventBridge.APIKey']?.localDefault;
  if (!key) throw new Error('workspace/constants.json declares no localDefault for EventBridge.APIKey; the loop scenarios need it');
  return key;
}

/** The shipped constants.json, for an otherwise empty workspace (no flows, no after-startup flows). */
export function shippedConstants(): string {
  return readFileSync(join(SHIPPED_WORKSPACE, 'constants.json'), 'utf8');
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}

export interface LoopServerOptions {
  /** Copy the shipped `workspace/` (flows, constants, settings); otherwise start from `files` alone. */
  shipped?: boolean;
  /** Files to write into the workspace, paths relative to it (written after the copy). */
  files?: Record<string, string>;
}

/** One server process with its own workspace, data folder and ports; `restart` keeps all three. */
export class LoopServer {
  readonly root: string;
  readonly workspace: string;
  readonly dataDir: string;
  /** Everything the process printed, for the failure message. */
  readonly output: string[] = [];
  private child: ChildProcess | undefined;
  private port = 0;
  private awsPort = 0;

  private constructor(options: LoopServerOptions) {
    this.root = mkdtempSync(join(tmpdir(), 'fb-loop-'));
    this.workspace = join(this.root, 'workspace');
    this.dataDir = join(this.root, 'data');
    if (options.shipped) {
      // The shipped folder may hold a developer's run data or secrets; the scenario starts from the committed files.
      cpSync(SHIPPED_WORKSPACE, this.workspace, { recursive: true, filter: (src) => !/[/\\](data|secrets\.json)$/.test(src) });
    } else {
      mkdirSync(join(this.workspace, 'flows'), { recursive: true });
    }
    mkdirSync(this.dataDir, { recursive: true });
    for (const [path, text] of Object.entries(options.files ?? {})) this.writeFile(path, text);
  }

  /** Creates the workspace and starts the server; resolves once it is ready (after-startup flows done). */
  static async start(options: LoopServerOptions = {}): Promise<LoopServer> {
    const server = new LoopServer(options);
    server.port = await freePort();
    server.awsPort = await freePort();
    await server.launch();
    return server;
  }

  /** The server's base URL, e.g. http://127.0.0.1:43817. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Writes a workspace file (e.g. settings.json, which the server reads at start-up). */
  writeFile(path: string, text: string): void {
    const target = join(this.workspace, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }

  /** Stops the process gracefully and starts it again on the same ports, workspace and data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** SIGTERM, then wait for the exit (SIGKILL after 15 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the server and removes its temporary folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const child = spawn(process.execPath, [MAIN], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        FLOWBRIDGE_WORKSPACE: this.workspace,
        FLOWBRIDGE_DATA_DIR: this.dataDir,
        LOCAL_AWS_PORT: String(this.awsPort),
        LOG_LEVEL: 'info',
      },
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
    await this.waitUntilReady(child);
  }

  /** Polls /readyz: ready means storage answers and the after-startup flows succeeded. */
  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready:\n${this.output.join('').slice(-2000)}`);
      try {
        const res = await fetch(`${this.url}/readyz`);
        last = await res.text();
        if (res.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server was not ready within 30 s (last /readyz: ${last}):\n${this.output.join('').slice(-2000)}`);
  }
}
