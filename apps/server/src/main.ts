/** Process entry: reads the environment, starts the server, stops it cleanly on SIGTERM/SIGINT. */
import { ConfigError } from './config/config-error.js';
import { readServerConfig } from './config/server-config.js';
import { installedModules } from './modules.js';
import { startServer } from './server.js';

try {
  const server = await startServer({ config: readServerConfig(process.env), modules: installedModules() });
  // A stray promise rejection (a bug) is logged, not allowed to take down every flow and request with it.
  process.on('unhandledRejection', (reason) => server.logger.error({ err: reason }, 'unhandled promise rejection'));
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // A run that never ends must not keep the process alive forever.
      setTimeout(() => {
        server.logger.error('shutdown took longer than 30 s; exiting anyway');
        process.exit(1);
      }, 30_000).unref();
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          server.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Flowbridge cannot start: ${error.message}`);
  } else {
    console.error('Flowbridge failed to start:', error);
  }
  process.exit(1);
}
