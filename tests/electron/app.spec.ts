import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, expect, test } from '@playwright/test';
import { METHOD_NAMES } from '../../shared/contract.ts';
import type { StoreData } from '../../shared/model.ts';
import { highlightTagAndComment, paintedRanges, THREAT_QUOTE } from '../e2e/reader-actions.ts';
import { findElectronBinary } from './electron-binary.ts';

/**
 * The desktop app itself: the built main process, the sandboxed preload and the renderer over
 * app://, with a real store in a temp folder. Runs where the Electron binary is installed.
 */
const binary = findElectronBinary();
const skipReason = 'missing' in binary ? `Electron end-to-end test skipped: ${binary.missing}` : '';
if (skipReason) console.log(skipReason);
test.skip(Boolean(skipReason), skipReason);

const COMMENT = 'The defence minister, on the record.';

/** The arguments `npm start` gives Electron, and files to open ("Open with Marginalia"). */
function appArguments(dataDir: string, files: string[] = []): string[] {
  return [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    // The project folder, as `npm start` runs it: app.getAppPath() is then the folder that
    // holds resources/ and package.json's main points at the built out/main/index.js.
    resolve('.'),
    `--data-dir=${dataDir}`,
    ...files,
  ];
}

async function launch(dataDir: string, files: string[] = []): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: appArguments(dataDir, files),
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * File > Import… as a user picking `files` in the native dialog: the menu item is clicked as from
 * the menu bar, so the command travels main → page → contract → core.
 */
async function importThroughMenu(app: ElectronApplication, files: string[]) {
  await app.evaluate(({ dialog, Menu }, chosen) => {
    dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: chosen })) as never;
    const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File');
    file?.submenu?.items.find((item) => item.label === 'Import…')?.click();
  }, files);
}

test('the desktop app highlights, tags and keeps a quote across a restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  try {
    let app = await launch(dataDir);
    let page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');

    // The security baseline, seen from inside the page.
    const inside = await page.evaluate(() => ({
      protocol: location.protocol,
      keys: Object.keys(window.notebook).sort(),
      hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
      hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
      // Denied before anything opens (no window, no system browser).
      popup: window.open('app://marginalia/index.html') === null,
    }));
    expect(inside).toEqual({
      protocol: 'app:',
      keys: [...METHOD_NAMES, 'onEvent'].sort(),
      hasRequire: false,
      hasProcess: false,
      popup: true,
    });
    const csp = await page.evaluate(async () =>
      (await fetch(location.href)).headers.get('content-security-policy'),
    );
    expect(csp).toContain("default-src 'none'");
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

    await highlightTagAndComment(page, THREAT_QUOTE, 'threat', COMMENT);
    expect(await paintedRanges(page, 'mg-yellow')).toEqual([THREAT_QUOTE]);
    await page.screenshot({ path: join('tests', 'e2e', 'screenshots', 'electron-reader.png') });

    // Navigation away from the app is refused.
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/^app:\/\/marginalia\//);

    await app.close();
    app = await launch(dataDir);
    page = await app.firstWindow();
    const card = page
      .getByRole('complementary', { name: 'Highlights in this document' })
      .getByRole('button', {
        name: new RegExp(THREAT_QUOTE),
      });
    await expect(card).toContainText('threat');
    await expect(card).toContainText(COMMENT);
    await app.close();

    const stored = JSON.parse(await readFile(join(dataDir, 'notebook.json'), 'utf8')) as StoreData;
    expect(stored.annotations.map((a) => a.target.quote!.exact)).toEqual([THREAT_QUOTE]);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('File > Import… imports the files chosen in the native dialog, parsed in the worker thread', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  const page1 = resolve('tests', 'fixtures', 'e2e', 'kabul-dispatch-v1.html');
  const notes = resolve('tests', 'fixtures', 'e2e', 'field-notes.md');
  try {
    const app = await launch(dataDir);
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');
    await importThroughMenu(app, [page1, notes]);
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await expect(report).toContainText('Imported 2 documents.');
    await report.getByRole('button', { name: 'Done' }).click();
    const library = page.getByRole('navigation', { name: 'Library' });
    await expect(library.getByRole('button', { name: /^Taliban reject talk/ })).toBeVisible();
    await expect(library.getByRole('button', { name: /^Field notes on the Bagram/ })).toBeVisible();
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await app.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a PDF imports through the native dialog and reads as pages under the app protocol and CSP', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  const pdf = resolve('..', 'shared', 'pdf', 'tracemonkey.pdf');
  try {
    const app = await launch(dataDir);
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');
    await importThroughMenu(app, [pdf]);
    const library = page.getByRole('navigation', { name: 'Library' });
    await library.getByRole('button', { name: /^Trace-based Just-in-Time/ }).click();
    // The pdf.js worker, fonts and CMaps come from the app's own origin: the page draws.
    const first = page.locator('.pdf-page[data-page-index="0"]');
    await expect(first.locator('canvas')).toBeAttached({ timeout: 20_000 });
    await expect(first.locator('.textLayer span').first()).toBeAttached({ timeout: 20_000 });
    await app.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('File > Export… saves Markdown to the path chosen in the native Save dialog', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  const out = join(dataDir, '..', `marginalia-export-${Date.now()}.md`);
  try {
    const app = await launch(dataDir);
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');
    await app.evaluate(({ dialog, shell, Menu }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as never;
      shell.showItemInFolder = () => {};
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File');
      file?.submenu?.items.find((item) => item.label === 'Export…')?.click();
    }, out);
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /Whole notebook/ }).check();
    await dialog.locator('label.export-format', { hasText: 'Markdown' }).click();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByRole('dialog', { name: 'Export saved' })).toContainText(out);
    expect(await readFile(out, 'utf8')).toContain('## Afghan officials reject');
    await app.close();
  } finally {
    await rm(out, { force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('File > Import from Another Tool… reads a REFI-QDA project chosen in the native dialog and merges it', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  try {
    const app = await launch(dataDir);
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');
    const project = resolve('../shared/interop/refi-qda/qc-1.3.2_demo.qdpx');
    const accelerator = await app.evaluate(({ dialog, Menu }, chosen) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [chosen] })) as never;
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File');
      const item = file?.submenu?.items.find((i) => i.label === 'Import from Another Tool…');
      item?.click();
      return item?.accelerator ?? null;
    }, project);
    expect(accelerator).toBe('CmdOrCtrl+Shift+O');
    const preview = page.getByRole('dialog', { name: 'Import from Another Tool' });
    await expect(preview).toContainText('written by qc 1.3.2');
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect(
      page
        .getByRole('navigation', { name: 'Library' })
        .getByRole('button', { name: /^board_2017\.txt/ }),
    ).toBeVisible();
    await app.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a file given at launch, and one handed over by a second launch, are imported into the one window', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  try {
    const first = join(dataDir, '..', `opened-${Date.now()}.md`);
    await writeFile(first, '# Opened at launch\n\nA file double-clicked in the file manager.');
    const app = await launch(dataDir, [first]);
    const page = await app.firstWindow();
    const library = page.getByRole('navigation', { name: 'Library' });
    await expect(library.getByRole('button', { name: /^Opened at launch/ })).toBeVisible();

    // A second launch with a file: it hands the path over and leaves; no second store opens.
    const second = join(dataDir, '..', `handed-${Date.now()}.md`);
    await writeFile(second, '# Handed over\n\nOpened while Marginalia was running.');
    const other = spawn(
      'path' in binary ? binary.path : 'electron',
      appArguments(dataDir, [second]),
      {
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: 'ignore',
      },
    );
    const exitCode = await new Promise<number | null>((done) => other.on('exit', done));
    expect(exitCode).toBe(0);
    await expect(library.getByRole('button', { name: /^Handed over/ })).toBeVisible();
    await app.close();
    await rm(first, { force: true });
    await rm(second, { force: true });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('File > Preferences… opens them; the theme chosen there drives the native theme', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'marginalia-electron-'));
  try {
    const app = await launch(dataDir);
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');
    const label = process.platform === 'darwin' ? 'Settings…' : 'Preferences…';
    const accelerator = await app.evaluate(({ Menu }, name) => {
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File');
      const item = file?.submenu?.items.find((i) => i.label === name);
      item?.click();
      return item?.accelerator ?? null;
    }, label);
    expect(accelerator).toBe('CmdOrCtrl+,');
    const dialog = page.getByRole('dialog', { name: 'Preferences' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: 'Dark' }).check();
    await expect
      .poll(() => app.evaluate(({ nativeTheme }) => nativeTheme.themeSource))
      .toBe('dark');
    await expect
      .poll(() => app.evaluate(({ nativeTheme }) => nativeTheme.shouldUseDarkColors))
      .toBe(true);
    await app.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
