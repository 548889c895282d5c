// Browser test of report.html, driving Debian's Chromium (never a downloaded
// browser: set PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 when installing).
//   CHORUS_REPORT_HTML  the report.html to test; when unset, global-setup.ts
//                       builds test reports from sample-report.json and
//                       tests/fixtures/*.json with the bundle in dist/
//   CHORUS_ARTIFACTS    where report.png goes (default test-results/artifacts)
//   CHORUS_CHROMIUM     the browser binary (default /usr/bin/chromium)
import { defineConfig } from '@playwright/test';

const root = typeof process.getuid === 'function' && process.getuid() === 0;

export default defineConfig({
  testDir: 'tests/browser',
  outputDir: 'test-results/playwright',
  globalSetup: './tests/browser/global-setup.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    launchOptions: {
      executablePath: process.env.CHORUS_CHROMIUM || '/usr/bin/chromium',
      args: root ? ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] : ['--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
});
