import { defineConfig } from 'vitest/config';
// Runs execute in worker threads; from TypeScript sources a worker loads through tsx, which takes
// seconds on a busy machine, and the first run of each test server waits for it.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 15_000 } });
