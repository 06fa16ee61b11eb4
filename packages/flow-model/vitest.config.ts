import { defineConfig } from 'vitest/config';
// --expose-gc lets the memory tests measure what is retained, not garbage the collector has yet to reclaim.
// Property tests run thousands of cases; on a loaded 2-core CI machine they need more than the default 5 s.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], execArgv: ['--expose-gc'], testTimeout: 60_000 } });
