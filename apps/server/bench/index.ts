/** `pnpm run bench [--json] [--quick]`: the server's figures, then the event endpoint's under load. */
await import('./server.js');
await import('./endpoint.js');
