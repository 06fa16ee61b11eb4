/** Starts a real server on 127.0.0.1:0 with a temporary workspace and captures its log lines. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Engine } from '@flowbridge/runtime';
import type { ServerConfig } from '../../src/config/server-config.js';
import { startServer, type RunningServer, type ServerModuleFactory } from '../../src/server.js';

export interface TestServer extends RunningServer {
  workspace: string;
  dataDir: string;
  /** Every log line written so far, as raw JSON text. */
  logs: string[];
  /** fetch against the server with JSON defaults. */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export interface TestServerOptions {
  workspace?: string;
  dataDir?: string;
  files?: Record<string, string>;
  config?: Partial<ServerConfig>;
  env?: NodeJS.ProcessEnv;
  engine?: Engine;
  editorDir?: string | null;
  modules?: ServerModuleFactory[];
}

/** A new temporary folder. */
export function tempDir(prefix = 'fb-server-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const workspace = options.workspace ?? (await tempDir());
  for (const [path, text] of Object.entries(options.files ?? {})) {
    await mkdir(join(workspace, path, '..'), { recursive: true });
    await writeFile(join(workspace, path), text);
  }
  const dataDir = options.dataDir ?? join(workspace, 'data');
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    workspaceDir: workspace,
    dataDir,
    allowedHosts: ['localhost', '127.0.0.1', '[::1]'],
    aws: { kind: 'off' },
    logLevel: 'debug',
    ...options.config,
  };
  const server = await startServer({
    config,
    env: options.env ?? {},
    logDestination: destination,
    editorDir: options.editorDir === undefined ? null : options.editorDir,
    defaultMetrics: false,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.modules ? { modules: options.modules } : {}),
  });
  const api = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, headers, ...rest } = init;
    return fetch(`${server.url}${path}`, {
      ...rest,
      headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(headers as Record<string, string> | undefined) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  };
  return { ...server, workspace, dataDir, logs, api };
}

/** A flow that logs a message: Start → Log Message → End. */
export function loggingFlow(name: string, message = 'Hello {{ 1 + 2 }}') {
  return {
    formatVersion: 1,
    name,
    parameters: [],
    nodes: [
      { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'l', kind: 'core.LogMessage', position: { x: 200, y: 0 }, config: { level: 'info', message } },
      { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 's', sourcePort: 'out', target: 'l' },
      { id: 'e2', source: 'l', sourcePort: 'out', target: 'e' },
    ],
    annotations: [],
  };
}

/** JSON of a response, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions read arbitrary response shapes
export async function body(res: Response): Promise<any> {
  return res.json();
}

/** A flow that always fails with `OrderRejected`: Start → Decision (1 = 2) → false → Error End; true → End. */
export function failingFlow(name: string) {
  return {
    formatVersion: 1,
    name,
    parameters: [],
    nodes: [
      { id: 's', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'd', kind: 'core.Decision', position: { x: 200, y: 0 }, config: { condition: '1 = 2' } },
      { id: 'e', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
      { id: 'x', kind: 'core.ErrorEnd', position: { x: 400, y: 200 }, config: { errorKind: 'OrderRejected', message: 'rejected' } },
    ],
    edges: [
      { id: 'e1', source: 's', sourcePort: 'out', target: 'd' },
      { id: 'e2', source: 'd', sourcePort: 'true', target: 'e' },
      { id: 'e3', source: 'd', sourcePort: 'false', target: 'x' },
    ],
    annotations: [],
  };
}
