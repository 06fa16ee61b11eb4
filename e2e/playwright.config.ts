import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 18080);
// A run on another port gets its own workspace, so two e2e runs at once do not delete each other's.
const workspace = port === 18080 ? '.e2e-workspace' : `.e2e-workspace-${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  outputDir: port === 18080 ? 'test-results' : `test-results-${port}`,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `rm -rf ${workspace} && mkdir -p ${workspace} && FLOWBRIDGE_WORKSPACE=${workspace} PORT=${port} node ../apps/server/dist/main.js`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
