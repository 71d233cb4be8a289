import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. The browser project drives the built renderer in Chromium against the real
 * notebook core (tests/e2e/harness.ts). It uses the operating system's Chromium where one is
 * installed (machines that cannot download Playwright's browsers) and Playwright's own otherwise.
 */
const SYSTEM_CHROMIUM = process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium';
const useSystemChromium = existsSync(SYSTEM_CHROMIUM);
const PORT = Number(process.env.MARGINALIA_E2E_PORT ?? 4179);

export default defineConfig({
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1360, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: useSystemChromium
          ? {
              executablePath: SYSTEM_CHROMIUM,
              args: [
                '--no-sandbox',
                '--disable-gpu',
                '--disable-dev-shm-usage',
                '--disable-background-networking',
                '--disable-component-update',
                '--disable-sync',
                '--no-first-run',
                '--disable-quic',
              ],
            }
          : {},
      },
    },
    // CI runs the Electron suite in its own step (scripts/ci/electron-e2e.mjs, where a skip
    // fails) and sets this for `npm test`, so the suite does not run twice there.
    ...(process.env.MARGINALIA_E2E_BROWSER_ONLY
      ? []
      : [{ name: 'electron', testDir: 'tests/electron' }]),
  ],
  // The built page for the browser project; the Electron runs of scripts/ci/electron-e2e.mjs
  // serve it over app:// themselves and turn this off, so a busy port cannot fail them.
  webServer: process.env.MARGINALIA_E2E_NO_WEB_SERVER
    ? undefined
    : {
        command: `npx vite preview --outDir out/renderer --host 127.0.0.1 --port ${PORT} --strictPort`,
        url: `http://127.0.0.1:${PORT}/`,
        reuseExistingServer: !process.env.CI,
        timeout: 60_000,
      },
});
