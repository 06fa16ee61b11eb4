import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/rest': 'http://127.0.0.1:8080' } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 700 },
  test: { include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], environment: 'happy-dom', setupFiles: ['src/test-support/preload-lazy-parts.ts'] },
});
