import { defineConfig } from 'vitest/config';
// Property tests run thousands of cases; on a loaded 2-core CI machine they need more than the default 5 s.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 } });
