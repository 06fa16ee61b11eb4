/** Process entry: reads the environment, starts the server, stops it cleanly on SIGTERM/SIGINT. */
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { createServerEngine } from './engine.js';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}".`);
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const workspaceDir = resolve(process.env.FLOWBRIDGE_WORKSPACE ?? 'workspace');

const app = createApp({ workspaceDir, engine: createServerEngine() });
const server = app.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Flowbridge is running at http://${host}:${actual}/ (workspace: ${workspaceDir})`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
