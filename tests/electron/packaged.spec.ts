import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import {
  FuseState,
  FuseV1Options,
  FuseVersion,
  flipFuses,
  getCurrentFuseWire,
} from '@electron/fuses';
import { openStoreReadOnly } from '../../electron/notebook/store.ts';
import { checkFuses } from '../../scripts/fuses/fuses.mjs';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.ts';
import { IMPORT_TIMEOUT } from '../e2e/reader-actions.ts';
import {
  expect,
  expectPdfDrawn,
  productionEnv,
  profileEnv,
  SEED_HEADING,
  sandboxArguments,
  seededWindow,
  test,
} from './launch.ts';
import { allItems, clickMenuItem, readApplicationMenu, stubDialogs } from './native.ts';

/**
 * The packaged app, as electron-builder leaves it unpacked beside the installers
 * (dist/linux-unpacked/marginalia, dist/win-unpacked/Marginalia.exe,
 * dist/mac-arm64/Marginalia.app/Contents/MacOS/Marginalia): what only packaging can break. The
 * seed article and the citation styles read from process.resourcesPath/resources (extra
 * resources, outside app.asar), the page served over app:// from inside app.asar, the import
 * parser's worker thread started from a file inside app.asar, and the fuses.
 *
 * Playwright drives Electron through Node's inspector (it launches with --inspect=0 and waits for
 * "Debugger listening"), which the EnableNodeCliInspectArguments fuse switches off in the shipped
 * binary. So the fuses are checked on the shipped binary, by running it as an attacker would;
 * everything else runs on a copy of the app in which only that one fuse is turned back on (same
 * app.asar, resources and other fuses; the first test checks that the copy differs in nothing
 * else).
 *
 * Runs when MARGINALIA_PACKAGED_APP names the packaged executable:
 * `node scripts/ci/electron-e2e.mjs --packaged <path>` sets it and fails on any skip.
 */
const shipped = process.env.MARGINALIA_PACKAGED_APP
  ? resolve(process.env.MARGINALIA_PACKAGED_APP)
  : '';
const skipReason = !shipped
  ? 'Packaged-app end-to-end test skipped: MARGINALIA_PACKAGED_APP is not set (the packaged executable, e.g. dist/linux-unpacked/marginalia after `npm run dist`; `node scripts/ci/electron-e2e.mjs --packaged <path>` sets it).'
  : existsSync(shipped)
    ? ''
    : `Packaged-app end-to-end test skipped: MARGINALIA_PACKAGED_APP points at ${shipped}, which does not exist.`;
if (skipReason) console.log(skipReason);

const isMac = process.platform === 'darwin';

/**
 * Where things are in a packaged app: the folder a runnable copy needs (the .app bundle on macOS,
 * the executable's folder elsewhere), the executable inside it, and what @electron/fuses is given
 * (the executable; on macOS the bundle, whose framework holds the fuses and which it signs again).
 * `path` is the executable, or on macOS the bundle itself.
 */
function layoutOf(path: string): { root: string; executable: string; fuses: string } {
  if (isMac) {
    const root = path.endsWith('.app') ? path : resolve(path, '..', '..', '..');
    const executable = path.endsWith('.app')
      ? join('Contents', 'MacOS', basename(root, '.app'))
      : relative(root, path);
    return { root, executable, fuses: '.' };
  }
  return { root: dirname(path), executable: basename(path), fuses: basename(path) };
}

const layout = layoutOf(shipped);
const original = {
  executable: join(layout.root, layout.executable),
  fuses: join(layout.root, layout.fuses),
};
/** The copy the tests drive through Playwright (made in beforeAll). */
const copy = { dir: '', executable: '', fuses: '' };

/**
 * The seed article's title in the notebook at `dataDir`, read as the command line reads a
 * notebook; none until the app has opened the notebook and seeded it.
 */
async function seedTitles(dataDir: string): Promise<string[]> {
  try {
    const store = await openStoreReadOnly(dataDir);
    return store.data.documents.map((d) => d.title).filter((t) => t.includes(SEED_HEADING));
  } catch {
    return []; // not there yet
  }
}

/** The shipped binary, run as a process of its own, its output collected. */
function runShipped(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(original.executable, args, {
    env: productionEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.on('error', (error) => {
    stderr += `\n[spawn] ${error.message}`;
  });
  // 'close' comes after the output has all been read; a helper process that outlives the app and
  // holds the pipes open must not stall the test, hence the time limit.
  const closed = new Promise<void>((done) => {
    child.on('close', () => done());
    child.on('error', () => done());
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await Promise.race([closed, new Promise((done) => setTimeout(done, 20_000))]);
      clearTimeout(killer);
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

test.describe('the packaged app', { tag: '@packaged' }, () => {
  test.skip(Boolean(skipReason), skipReason);
  // Launching a packaged app and parsing a PDF take longer than a page test.
  test.describe.configure({ timeout: 120_000 });

  test.beforeAll(async () => {
    if (skipReason) return;
    // Copying a whole app (about 300 MB) takes a while on a CI disk.
    test.setTimeout(300_000);
    copy.dir = await mkdtemp(join(tmpdir(), 'marginalia-packaged-'));
    const root = join(copy.dir, basename(layout.root));
    if (isMac) {
      // ditto copies a bundle whole: its frameworks' symbolic links, modes and attributes.
      const copied = spawnSync('ditto', [layout.root, root], { encoding: 'utf8' });
      if (copied.status !== 0) throw new Error(`ditto failed: ${copied.stderr}`);
    } else {
      await cp(layout.root, root, { recursive: true, verbatimSymlinks: true });
    }
    copy.executable = join(root, layout.executable);
    copy.fuses = join(root, layout.fuses);
    await flipFuses(copy.fuses, {
      version: FuseVersion.V1,
      [FuseV1Options.EnableNodeCliInspectArguments]: true,
    });
    if (isMac) {
      // Editing the binary breaks its signature, and macOS runs only signed code. Re-signed ad
      // hoc without the hardened runtime: a build signed with a certificate keeps the runtime
      // flag under an ad-hoc signature (@electron/fuses' reset preserves it), and library
      // validation would then refuse Electron's framework (its Team ID differs from none).
      const signed = spawnSync('codesign', ['--force', '--deep', '--sign', '-', root], {
        encoding: 'utf8',
      });
      if (signed.status !== 0) throw new Error(`codesign failed: ${signed.stderr}`);
    }
  });

  test.afterAll(async () => {
    if (!copy.dir) return;
    try {
      // Windows keeps a just-closed executable locked for a while.
      await rm(copy.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
    } catch (error) {
      console.warn(`The packaged copy in ${copy.dir} could not be removed: ${error}`);
    }
  });

  /** Launch options for the copy, with a notebook folder of the test's own. */
  const packaged = (dataDir: string) => ({
    executablePath: copy.executable,
    args: [...sandboxArguments(), `--data-dir=${dataDir}`],
    // A packaged app ignores a dev server address; were it obeyed, the page would not load.
    env: productionEnv({ ...profileEnv(dataDir), ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/' }),
  });

  test('the shipped binary carries its fuses; the copy the tests drive differs only in the inspector fuse', async () => {
    expect(await checkFuses(original.fuses)).toEqual([]);
    const [shippedWire, drivenWire] = await Promise.all([
      getCurrentFuseWire(original.fuses),
      getCurrentFuseWire(copy.fuses),
    ]);
    expect(shippedWire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(drivenWire).toEqual({
      ...shippedWire,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.ENABLE,
    });
  });

  test('as shipped, ELECTRON_RUN_AS_NODE does not turn it into Node: it starts as Marginalia', async ({
    dataDir,
  }) => {
    // Were it Node, this would print the marker (built at run time, so that an echo of the
    // arguments cannot print it) and exit; as Marginalia it opens the notebook and seeds it.
    const marker = 'node-ran';
    const run = runShipped(
      ['-e', "console.log(['node', 'ran'].join('-'))", ...sandboxArguments()],
      {
        ...profileEnv(dataDir),
        ELECTRON_RUN_AS_NODE: '1',
        MARGINALIA_DATA_DIR: dataDir,
      },
    );
    try {
      await expect
        .poll(
          async () => ({ node: run.stdout().includes(marker), app: await seedTitles(dataDir) }),
          {
            timeout: 60_000,
          },
        )
        .toEqual({ node: false, app: [expect.stringContaining(SEED_HEADING)] });
    } finally {
      await run.stop();
    }
    // Everything it printed has been read by now.
    expect(run.stdout()).not.toContain(marker);
  });

  test('as shipped, --inspect opens no debugger', async ({ dataDir }) => {
    const run = runShipped(['--inspect=0', ...sandboxArguments()], {
      ...profileEnv(dataDir),
      MARGINALIA_DATA_DIR: dataDir,
    });
    try {
      // Node announces its inspector at start, long before the app has opened its notebook.
      await expect
        .poll(
          async () => ({
            debugger: /Debugger listening/.test(run.stderr()),
            app: await seedTitles(dataDir),
          }),
          { timeout: 60_000 },
        )
        .toEqual({ debugger: false, app: [expect.stringContaining(SEED_HEADING)] });
    } finally {
      await run.stop();
    }
    expect(run.stderr()).not.toMatch(/Debugger listening/);
  });

  test('it opens the seed article from its resources, served over app:// from inside app.asar', async ({
    launch,
    dataDir,
  }) => {
    const app = await launch(packaged(dataDir));
    // The seed comes from process.resourcesPath/resources: extra resources were packed.
    const page = await seededWindow(app);
    expect(page.url()).toMatch(/^app:\/\/marginalia\//);
    const where = await app.evaluate(({ app: electronApp }) => ({
      isPackaged: electronApp.isPackaged,
      appPath: electronApp.getAppPath(),
      resourcesPath: process.resourcesPath,
    }));
    expect(where.isPackaged).toBe(true);
    expect(where.appPath).toBe(join(where.resourcesPath, 'app.asar'));

    // The page and a refusal, from inside app.asar, both with the CSP header.
    const fetched = await page.evaluate(
      async (urls) => {
        const answers = [];
        for (const url of urls) {
          const response = await fetch(url);
          answers.push({
            status: response.status,
            csp: response.headers.get('content-security-policy'),
          });
        }
        return answers;
      },
      ['app://marginalia/index.html', 'app://marginalia/x%2F..%2F..%2Fpackage.json'],
    );
    expect(fetched).toEqual([
      { status: 200, csp: CONTENT_SECURITY_POLICY },
      { status: 404, csp: CONTENT_SECURITY_POLICY },
    ]);

    // A production menu: nothing to reload the page or open the developer tools with.
    const developer = allItems(await readApplicationMenu(app)).filter((item) =>
      ['reload', 'forcereload', 'toggledevtools'].includes(item.role ?? ''),
    );
    expect(developer).toEqual([]);
  });

  test('File > Import… imports Markdown and a PDF, parsed by the worker inside app.asar, and the PDF draws', async ({
    launch,
    dataDir,
  }) => {
    const notes = resolve('tests', 'fixtures', 'e2e', 'field-notes.md');
    const pdf = resolve('..', 'shared', 'pdf', 'tracemonkey.pdf');
    const app = await launch(packaged(dataDir));
    const page = await seededWindow(app);
    await stubDialogs(app, { open: [notes, pdf] });
    await clickMenuItem(app, 'File', 'Import…');
    // A parser worker that cannot start from app.asar fails each file, and the report says so.
    const report = page.getByRole('dialog', { name: 'Import finished' });
    await expect(report).toContainText('Imported 2 documents', IMPORT_TIMEOUT);
    await report.getByRole('button', { name: 'Done' }).click();
    const library = page.getByRole('navigation', { name: 'Library' });
    await expect(library.getByRole('button', { name: /^Field notes on the Bagram/ })).toBeVisible();
    await library.getByRole('button', { name: /^Trace-based Just-in-Time/ }).click();
    // pdf.js's worker, fonts and CMaps, served from inside app.asar: the page draws.
    await expectPdfDrawn(page, 30_000);
  });

  test('File > Export… writes Markdown with Chicago citations, from the styles in resources/csl', async ({
    launch,
    dataDir,
    outDir,
  }) => {
    const out = join(outDir, 'chicago.md');
    const app = await launch(packaged(dataDir));
    const page = await seededWindow(app);
    await stubDialogs(app, { save: out });
    await clickMenuItem(app, 'File', 'Export…');
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    await dialog.locator('label.export-format', { hasText: 'Markdown' }).click();
    await dialog.getByLabel('Citations and references').selectOption('chicago');
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByRole('dialog', { name: 'Export saved' })).toContainText('chicago.md');
    // The seed article's reference as resources/csl/chicago-author-date.csl formats it (APA
    // would read "… Bagram Air Base. (2025, September 21). Marginalia Sample Article.").
    await expect
      .poll(() => readFile(out, 'utf8').catch(() => ''))
      .toContain(
        '“Afghan officials reject Trump’s demands to return Bagram Air Base.” 2025. Marginalia sample article, September 21, 2025.',
      );
    await expect
      .poll(() => readFile(out, 'utf8').catch(() => ''))
      .toContain('*Chicago author-date*');
  });
});
