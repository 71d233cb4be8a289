import { readFile } from 'node:fs/promises';
import { METHOD_NAMES } from '../../shared/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { expect, fromProject, seededWindow, skipWithoutElectron, test } from './launch.ts';

/**
 * The window's security baseline as only the real Electron shows it: the page served over app://
 * with its CSP header, the sandboxed preload exposing exactly the contract, and the custom
 * protocol refusing anything outside the built renderer (tests/unit/main-process.test.ts checks
 * the handler itself against a fake protocol module; this is the one Electron registers).
 */
skipWithoutElectron();
// A launch and a graceful quit (the last write, a backup) each take seconds on a cold runner.
test.describe.configure({ timeout: 90_000 });

/** What a fetch got: the status, the headers that matter here and the body, or the failure. */
interface Fetched {
  url: string;
  status?: number;
  csp?: string | null;
  nosniff?: string | null;
  body?: string;
  error?: string;
}

test('the page runs sandboxed, sees exactly the contract, and cannot open windows or leave the app', async ({
  launch,
  dataDir,
}) => {
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);

  const inside = await page.evaluate(() => ({
    protocol: location.protocol,
    keys: Object.keys(window.notebook).sort(),
    allFunctions: Object.values(window.notebook).every((value) => typeof value === 'function'),
    hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
    hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
    // Denied before anything opens (no window, no system browser).
    popup: window.open('app://marginalia/index.html') === null,
  }));
  expect(inside).toEqual({
    protocol: 'app:',
    keys: [...METHOD_NAMES, 'onEvent'].sort(),
    allFunctions: true,
    hasRequire: false,
    hasProcess: false,
    popup: true,
  });
  await expect.poll(() => app.windows().length).toBe(1);

  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Undocumented but long-standing: the preferences the window's renderer really got.
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
      getLastWebPreferences(): Record<string, unknown> | null;
    };
    const p = contents.getLastWebPreferences();
    return {
      contextIsolation: p?.contextIsolation,
      sandbox: p?.sandbox,
      nodeIntegration: p?.nodeIntegration,
    };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });

  // Navigation away from the app is refused. Nothing happening can only be seen by waiting: the
  // marker set before would be gone with the document had it navigated anywhere, even back.
  await page.evaluate(() => {
    (window as { __stayed?: boolean }).__stayed = true;
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  await expect
    .poll(() => page.evaluate(() => (window as { __stayed?: boolean }).__stayed ?? false))
    .toBe(true);
  expect(page.url()).toMatch(/^app:\/\/marginalia\//);
});

test('app:// serves the built page with its CSP header and refuses paths outside out/renderer and other hosts', async ({
  launch,
  dataDir,
}) => {
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);

  // Each of these, decoded by the handler, names a file outside out/renderer that exists (the main
  // process's own code, the project's package.json), so a broken check would visibly serve it.
  const outside = [
    'app://marginalia/x%2F..%2F..%2Fmain%2Findex.js',
    'app://marginalia/..%2Fmain%2Findex.js',
    'app://marginalia/%2e%2e%2fmain%2findex.js',
    'app://marginalia/..%2F..%2Fpackage.json',
    'app://marginalia/..%5Cmain%5Cindex.js',
    // The URL parser resolves a plain ../ before the request leaves the page: this asks for
    // out/renderer/main/index.js, which does not exist.
    'app://marginalia/../main/index.js',
  ];
  // From inside the page, as its own scripts would (the CSP's connect-src 'self' allows these).
  const fetched = await page.evaluate(
    async (urls) =>
      Promise.all(
        urls.map(async (url): Promise<Fetched> => {
          try {
            const response = await fetch(url);
            return {
              url,
              status: response.status,
              csp: response.headers.get('content-security-policy'),
              nosniff: response.headers.get('x-content-type-options'),
              body: await response.text(),
            };
          } catch (error) {
            return { url, error: String(error) };
          }
        }),
      ),
    ['app://marginalia/index.html', 'app://marginalia/library', ...outside],
  );
  const html = await readFile('out/renderer/index.html', 'utf8');
  const served = { status: 200, csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff', body: html };
  const refused = {
    status: 404,
    csp: CONTENT_SECURITY_POLICY,
    nosniff: 'nosniff',
    body: 'Not found',
  };
  expect(fetched).toEqual([
    { url: 'app://marginalia/index.html', ...served },
    // A route of the single page gets the page.
    { url: 'app://marginalia/library', ...served },
    ...outside.map((url) => ({ url, ...refused })),
  ]);

  // Another host is another origin, out of the page's reach (its CSP allows only 'self').
  const otherHost = await page.evaluate(async () => {
    try {
      await fetch('app://elsewhere/index.html');
      return 'fetched';
    } catch {
      return 'refused';
    }
  });
  expect(otherHost).toBe('refused');
  // The handler refuses it too, asked from the main process, where no CSP applies.
  const fromMain = await app.evaluate(
    async ({ net }, urls) =>
      Promise.all(
        urls.map(async (url) => {
          const response = await net.fetch(url);
          return {
            url,
            status: response.status,
            csp: response.headers.get('content-security-policy'),
            body: await response.text(),
          };
        }),
      ),
    [
      'app://elsewhere/index.html',
      'app://marginalia.evil.example/index.html',
      'app://marginalia/x%2F..%2F..%2Fmain%2Findex.js',
    ],
  );
  expect(fromMain).toEqual(
    [
      'app://elsewhere/index.html',
      'app://marginalia.evil.example/index.html',
      'app://marginalia/x%2F..%2F..%2Fmain%2Findex.js',
    ].map((url) => ({ url, status: 404, csp: CONTENT_SECURITY_POLICY, body: 'Not found' })),
  );

  // The policy is in force, not only sent: an inline script does not run.
  const inline = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    script.remove();
    return (window as { __inlineRan?: boolean }).__inlineRan ?? false;
  });
  expect(inline).toBe(false);
});
