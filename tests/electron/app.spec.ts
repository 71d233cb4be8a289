import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { openStoreReadOnly } from '../../electron/notebook/store.ts';
import {
  highlightTagAndComment,
  IMPORT_TIMEOUT,
  paintedRanges,
  THREAT_QUOTE,
} from '../e2e/reader-actions.ts';
import {
  appArguments,
  binary,
  expect,
  expectPdfDrawn,
  fromProject,
  productionEnv,
  profileEnv,
  seededWindow,
  skipWithoutElectron,
  test,
} from './launch.ts';
import { clickMenuItem, expectOneDialog, stubDialogs } from './native.ts';

/**
 * The desktop app at work: the built main process, the sandboxed preload and the renderer over
 * app://, with a real store in a temp folder; files in through the native dialogs (stubbed at
 * the dialog module), a launch with files and the single-instance hand-over, and a relaunch
 * finding the notebook as it was. The menu is in menu.spec.ts, app:// and the page's security
 * baseline in protocol.spec.ts. Runs where the Electron binary is installed.
 */
skipWithoutElectron();
// A launch and a graceful quit (the last write, a backup) each take seconds on a cold runner.
test.describe.configure({ timeout: 90_000 });

const COMMENT = 'The defence minister, on the record.';

test('the desktop app highlights, tags and keeps a quote across a restart', async ({
  launch,
  dataDir,
}) => {
  let app = await launch(fromProject(dataDir));
  let page = await seededWindow(app);
  await highlightTagAndComment(page, THREAT_QUOTE, 'threat', COMMENT);
  await expect.poll(() => paintedRanges(page, 'mg-yellow')).toEqual([THREAT_QUOTE]);
  await page.screenshot({ path: join('tests', 'e2e', 'screenshots', 'electron-reader.png') });

  await app.close();
  app = await launch(fromProject(dataDir));
  page = await seededWindow(app);
  const card = page
    .getByRole('complementary', { name: 'Highlights in this document' })
    .getByRole('button', {
      name: new RegExp(THREAT_QUOTE),
    });
  await expect(card).toContainText('threat');
  await expect(card).toContainText(COMMENT);
  await app.close();

  // Closed means written: the notebook on disk (snapshot and journal, read as the command line
  // reads it) has the quote, once.
  const stored = await openStoreReadOnly(dataDir);
  expect(stored.data.annotations.map((a) => a.target.quote!.exact)).toEqual([THREAT_QUOTE]);
});

test('File > Import… imports the files chosen in the native dialog, parsed in the worker thread', async ({
  launch,
  dataDir,
}) => {
  const page1 = resolve('tests', 'fixtures', 'e2e', 'kabul-dispatch-v1.html');
  const notes = resolve('tests', 'fixtures', 'e2e', 'field-notes.md');
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  await stubDialogs(app, { open: [page1, notes] });
  await clickMenuItem(app, 'File', 'Import…');
  const report = page.getByRole('dialog', { name: 'Import finished' });
  await expect(report).toContainText('Imported 2 documents.', IMPORT_TIMEOUT);
  await report.getByRole('button', { name: 'Done' }).click();
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /^Taliban reject talk/ })).toBeVisible();
  await expect(library.getByRole('button', { name: /^Field notes on the Bagram/ })).toBeVisible();
  // The fixture page carries a script and an onerror handler: neither ran.
  await expect
    .poll(() => page.evaluate(() => (window as { __pwned?: boolean }).__pwned))
    .toBeUndefined();
});

test('a PDF imports through the native dialog and reads as pages under the app protocol and CSP', async ({
  launch,
  dataDir,
}) => {
  const pdf = resolve('..', 'shared', 'pdf', 'tracemonkey.pdf');
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  await stubDialogs(app, { open: [pdf] });
  await clickMenuItem(app, 'File', 'Import…');
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('button', { name: /^Trace-based Just-in-Time/ }).click();
  // The pdf.js worker, fonts and CMaps come from the app's own origin: the page draws.
  await expectPdfDrawn(page, 20_000);
});

test('File > Export… saves Markdown to the path chosen in the native Save dialog', async ({
  launch,
  dataDir,
  outDir,
}) => {
  const out = join(outDir, 'marginalia-export.md');
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  await stubDialogs(app, { save: out });
  // "Show in Folder" would open the system's file manager.
  await app.evaluate(({ shell }) => {
    shell.showItemInFolder = () => {};
  });
  await clickMenuItem(app, 'File', 'Export…');
  const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
  await dialog.getByRole('radio', { name: /Whole notebook/ }).check();
  await dialog.locator('label.export-format', { hasText: 'Markdown' }).click();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export saved' })).toContainText(out);
  await expect
    .poll(() => readFile(out, 'utf8').catch(() => ''))
    .toContain('## Afghan officials reject');
});

test('File > Import from Another Tool… reads a REFI-QDA project chosen in the native dialog and merges it', async ({
  launch,
  dataDir,
}) => {
  const project = resolve('../shared/interop/refi-qda/qc-1.3.2_demo.qdpx');
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  await stubDialogs(app, { open: [project] });
  await clickMenuItem(app, 'File', 'Import from Another Tool…');
  const preview = page.getByRole('dialog', { name: 'Import from Another Tool' });
  await expect(preview).toContainText('written by qc 1.3.2', IMPORT_TIMEOUT);
  await expectOneDialog(app, 'open', { title: 'Import from another tool' });
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('button', { name: /^board_2017\.txt/ }),
  ).toBeVisible();
});

test('a file given at launch, and one handed over by a second launch, are imported into the one window', async ({
  launch,
  dataDir,
  outDir,
}) => {
  const first = join(outDir, 'opened.md');
  await writeFile(first, '# Opened at launch\n\nA file double-clicked in the file manager.');
  const app = await launch(fromProject(dataDir, [first]));
  const page = await seededWindow(app);
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /^Opened at launch/ })).toBeVisible(
    IMPORT_TIMEOUT,
  );

  // A second launch with a file: it hands the path over and leaves; no second store opens.
  const second = join(outDir, 'handed.md');
  await writeFile(second, '# Handed over\n\nOpened while Marginalia was running.');
  const other = spawn(
    'path' in binary ? binary.path : 'electron',
    appArguments(dataDir, [second]),
    { env: productionEnv(profileEnv(dataDir)), stdio: 'ignore' },
  );
  try {
    // Bounded, and killed if it stays: a second instance left running would take every later
    // launch's single-instance lock.
    const exitCode = await new Promise<number | null>((done, fail) => {
      other.once('exit', done);
      other.once('error', fail);
      setTimeout(
        () => fail(new Error('The second launch did not hand over and exit within 20 s.')),
        20_000,
      );
    });
    expect(exitCode).toBe(0);
  } finally {
    if (other.exitCode === null && other.signalCode === null) other.kill('SIGKILL');
  }
  await expect(library.getByRole('button', { name: /^Handed over/ })).toBeVisible(IMPORT_TIMEOUT);
  await expect.poll(() => app.windows().length).toBe(1);
});
