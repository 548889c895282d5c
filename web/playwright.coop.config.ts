// Browser test of the co-op web UI (tests/coop/coop.spec.ts) in Debian's
// Chromium (never a downloaded browser).
//   CHORUS_URL       base URL of a running `chorus serve` (tests/coop_browser_test.sh
//                    starts one); when unset, tests/coop/mock-server.mjs serves
//                    the built UI (npm run build first) and a stand-in API
//   CHORUS_UPLOAD    the file to upload (an export ZIP or JSON); when unset, a
//                    generated JSON file (only the mock accepts that)
//   CHORUS_ARTIFACTS where coop.png goes (default test-results/artifacts)
//   CHORUS_CHROMIUM  the browser binary (default /usr/bin/chromium)
import { defineConfig } from '@playwright/test';

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const given = process.env.CHORUS_URL;
const mockPort = Number(process.env.CHORUS_MOCK_PORT ?? 47831);

export default defineConfig({
  testDir: 'tests/coop',
  outputDir: 'test-results/playwright-coop',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: given ?? `http://127.0.0.1:${mockPort}`,
    headless: true,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHORUS_CHROMIUM || '/usr/bin/chromium',
      args: root ? ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] : ['--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
  webServer: given
    ? undefined
    : {
        command: `node tests/coop/mock-server.mjs --port ${mockPort}`,
        url: `http://127.0.0.1:${mockPort}/healthz`,
        reuseExistingServer: false,
        timeout: 15_000,
        stdout: 'ignore',
        stderr: 'pipe',
      },
});
