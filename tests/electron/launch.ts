import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  _electron,
  test as base,
  type ElectronApplication,
  expect,
  type Page,
} from '@playwright/test';
import { findElectronBinary } from './electron-binary.ts';

/**
 * What every Electron end-to-end file shares: where the Electron runtime is, how `npm start`
 * launches the app, and fixtures that leave nothing behind (temp folders, running apps).
 */
export const binary = findElectronBinary();

/** The heading of the article a new notebook opens on (resources/seed-article.json). */
export const SEED_HEADING = 'Bagram Air Base';

/**
 * Skip the calling file's tests where the Electron runtime is missing, printing why. Called at the
 * top level of each spec file (a module is evaluated once, so this cannot run on import).
 * scripts/ci/electron-e2e.mjs turns any skip into a failure in CI.
 */
export function skipWithoutElectron(): void {
  const reason = 'missing' in binary ? `Electron end-to-end test skipped: ${binary.missing}` : '';
  if (reason) console.log(reason);
  test.skip(Boolean(reason), reason);
}

/** Chromium refuses to start sandboxed as root (a developer's container); CI runs as a user. */
export function sandboxArguments(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

/** The arguments `npm start` gives Electron, and files to open ("Open with Marginalia"). */
export function appArguments(dataDir: string, files: string[] = []): string[] {
  return [
    ...sandboxArguments(),
    // The project folder, as `npm start` runs it: app.getAppPath() is then the folder that
    // holds resources/ and package.json's main points at the built out/main/index.js.
    resolve('.'),
    `--data-dir=${dataDir}`,
    ...files,
  ];
}

/** Never passed on to the app. */
const NOT_INHERITED = new Set([
  // A dev server address would turn on the View menu's Reload and Developer Tools and make the
  // server's origin a trusted one: not a production launch.
  'ELECTRON_RENDERER_URL',
  // The test runner's own Node options (loaders) are not the app's; Playwright's Electron launch
  // drops them too.
  'NODE_OPTIONS',
]);

/** The environment of a production launch, with `extra` added. */
export function productionEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !NOT_INHERITED.has(key)) env[key] = value;
  }
  return { ...env, NODE_ENV: 'production', ...extra };
}

/**
 * Chromium's profile, and with it the single-instance lock, of a launch on the notebook at
 * `dataDir`: a folder beside it in the test's temp folder (the app reads
 * MARGINALIA_USER_DATA_DIR), so tests never share it with each other, with an earlier run, or
 * with a Marginalia the developer has open. Two launches on one notebook share it, as the
 * hand-over needs.
 */
export function profileEnv(dataDir: string): Record<string, string> {
  return { MARGINALIA_USER_DATA_DIR: join(dirname(dataDir), 'profile') };
}

/** Launch options for the built app run from the project folder, as `npm start` does. */
export function fromProject(dataDir: string, files: string[] = []) {
  return {
    executablePath: 'path' in binary ? binary.path : undefined,
    args: appArguments(dataDir, files),
    env: productionEnv(profileEnv(dataDir)),
  };
}

type LaunchOptions = NonNullable<Parameters<typeof _electron.launch>[0]>;

/**
 * A temp folder for `use`, then removed, with retries: Windows keeps files locked for a moment
 * after the process that held them has exited.
 */
async function withTempDir(prefix: string, use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

export const test = base.extend<{
  /**
   * A new notebook folder (not there yet: the app makes and seeds it), inside a temp folder that
   * also holds its profile (profileEnv), all removed after the test.
   */
  dataDir: string;
  /**
   * A folder for files the test saves or opens, removed after the test. Never the notebook's
   * own folder, where the app refuses to export.
   */
  outDir: string;
  /**
   * Launch the app; every app launched is closed after the test, a failed one too, so that no
   * window is left holding the single-instance lock (the next launch would hand over and quit).
   */
  launch: (options: LaunchOptions) => Promise<ElectronApplication>;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  dataDir: async ({}, use) =>
    withTempDir('marginalia-electron-', (dir) => use(join(dir, 'notebook'))),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  outDir: async ({}, use) => withTempDir('marginalia-electron-out-', use),
  // Depends on the folders, so it is set up after them and torn down before them: every app is
  // closed before its notebook folder is removed.
  launch: async ({ dataDir: _notebook, outDir: _files }, use) => {
    const launched: ElectronApplication[] = [];
    await use(async (options) => {
      const app = await _electron.launch(options);
      launched.push(app);
      return app;
    });
    // Closing an app that the test already closed is a no-op.
    for (const app of launched) await app.close().catch(() => {});
  },
});

export { expect };

/** The app's window once the page is up (the seed article's heading shown). */
export async function seededWindow(app: ElectronApplication, timeout = 20_000): Promise<Page> {
  const page = await app.firstWindow();
  // A first launch on a cold runner (or of a packaged copy) loads for longer than 5 s.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(SEED_HEADING, { timeout });
  return page;
}

/** A PDF's first page drawn: its canvas and its text layer (pdf.js's worker, fonts, CMaps). */
export async function expectPdfDrawn(page: Page, timeout: number): Promise<void> {
  const first = page.locator('.pdf-page[data-page-index="0"]');
  await expect(first.locator('canvas')).toBeAttached({ timeout });
  await expect(first.locator('.textLayer span').first()).toBeAttached({ timeout });
}
