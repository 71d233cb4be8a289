import { readFile } from 'node:fs/promises';
import { IMPORT_EXTENSIONS } from '../../shared/import.ts';
import { IMPORT_TIMEOUT } from '../e2e/reader-actions.ts';
import {
  expect,
  fromProject,
  SEED_HEADING,
  seededWindow,
  skipWithoutElectron,
  test,
} from './launch.ts';
import {
  allItems,
  clearDialogCalls,
  clickMenuItem,
  dialogCalls,
  expectOneDialog,
  menuLines,
  readApplicationMenu,
  stubDialogs,
} from './native.ts';

/**
 * The application menu as Electron built it, each File command reaching the page and opening
 * what it should there, and the native Open and Save dialogs (stubbed at the dialog module)
 * asked with sensible options.
 */
skipWithoutElectron();
// One launch walks the whole File menu.
test.describe.configure({ timeout: 90_000 });

const isMac = process.platform === 'darwin';
const isWindows = process.platform === 'win32';
/** macOS calls them Settings. */
const SETTINGS = isMac ? 'Settings…' : 'Preferences…';

test('the application menu: File and its accelerators, Edit, View and Window by their standard roles, no developer items', async ({
  launch,
  dataDir,
}) => {
  const app = await launch(fromProject(dataDir));
  const page = await app.firstWindow();
  // The menu is installed before the window opens; the page being there means it is.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(SEED_HEADING);
  const menu = await readApplicationMenu(app);
  const submenu = (label: string) => menu.find((item) => item.label === label)?.submenu ?? [];

  expect(menuLines(menu)).toEqual([
    ...(isMac ? ['(appmenu)'] : []),
    'File',
    '(editmenu)',
    'View',
    '(windowmenu)',
    '(help)',
  ]);
  expect(menuLines(submenu('File'))).toEqual([
    'Import… [CmdOrCtrl+O]',
    'Import from Another Tool… [CmdOrCtrl+Shift+O]',
    'New Document from Clipboard [CmdOrCtrl+Shift+N]',
    '---',
    'Export… [CmdOrCtrl+E]',
    'Back Up Notebook… [CmdOrCtrl+Shift+S]',
    'Restore from Backup…',
    '---',
    `${SETTINGS} [CmdOrCtrl+,]`,
    '---',
    // Electron's own accelerators for these roles: Windows has none for Exit.
    isMac ? '(close) [CommandOrControl+W]' : isWindows ? '(quit)' : '(quit) [CommandOrControl+Q]',
  ]);
  // Electron's standard Edit menu: text fields get undo, cut, copy, paste and select all.
  expect(menuLines(submenu('Edit'))).toEqual(
    expect.arrayContaining([
      '(undo) [CommandOrControl+Z]',
      '(cut) [CommandOrControl+X]',
      '(copy) [CommandOrControl+C]',
      '(paste) [CommandOrControl+V]',
      '(selectall) [CommandOrControl+A]',
    ]),
  );
  // A production launch: zoom and full screen only (no Reload, no Developer Tools).
  expect(menuLines(submenu('View'))).toEqual([
    '(resetzoom) [CommandOrControl+0]',
    '(zoomin) [CommandOrControl+Plus]',
    '(zoomout) [CommandOrControl+-]',
    '---',
    `(togglefullscreen) [${isMac ? 'Control+Command+F' : 'F11'}]`,
  ]);
  expect(menuLines(submenu('Window'))).toEqual(
    expect.arrayContaining([
      '(minimize) [CommandOrControl+M]',
      '(zoom)',
      isMac ? '(front)' : '(close) [CommandOrControl+W]',
    ]),
  );
  const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  expect(menuLines(submenu('Help'))).toEqual([`Marginalia ${version} (disabled)`]);

  // Nowhere in the menu, the macOS app menu included.
  const developer = allItems(menu).filter(
    (item) =>
      ['reload', 'forcereload', 'toggledevtools'].includes(item.role ?? '') ||
      /reload|developer tools/i.test(item.label),
  );
  expect(developer).toEqual([]);
});

test('each page command of the File menu opens its dialog on the page, and the native dialogs are asked sensibly', async ({
  launch,
  dataDir,
}) => {
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  // Every native dialog answers Cancel: a real one is modal and would block the test.
  await stubDialogs(app);

  // Import…: the Open dialog, several files, of the kinds the importer reads.
  await clickMenuItem(app, 'File', 'Import…');
  await expectOneDialog(app, 'open', {
    title: 'Import documents',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      { name: 'Articles (text, Markdown, HTML)', extensions: [...IMPORT_EXTENSIONS] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  expect(IMPORT_EXTENSIONS).toEqual(expect.arrayContaining(['md', 'html', 'txt', 'pdf']));

  // Import from Another Tool…: one file, REFI-QDA among the kinds offered; cancelled, no preview.
  await clearDialogCalls(app);
  await clickMenuItem(app, 'File', 'Import from Another Tool…');
  await expectOneDialog(app, 'open', {
    title: 'Import from another tool',
    properties: ['openFile'],
    filters: expect.arrayContaining([
      expect.objectContaining({ extensions: ['qdpx'] }),
      { name: 'All files', extensions: ['*'] },
    ]),
  });
  await expect(page.getByRole('dialog', { name: 'Import from Another Tool' })).toBeHidden();

  // Export…: the page's Export dialog, on the open document; its Export… asks where to save,
  // offering a Markdown file named after the document.
  await clearDialogCalls(app);
  await clickMenuItem(app, 'File', 'Export…');
  const exportDialog = page.getByRole('dialog', { name: 'Export', exact: true });
  await expect(exportDialog.getByRole('radio', { name: /This document/ })).toBeChecked();
  await exportDialog.locator('label.export-format', { hasText: 'Markdown' }).click();
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expectOneDialog(app, 'save', {
    title: 'Export Markdown',
    defaultPath: expect.stringMatching(/^Marginalia – Afghan officials reject .*\.md$/),
    filters: [{ name: 'Markdown', extensions: ['md'] }],
    properties: expect.arrayContaining(['showOverwriteConfirmation']),
  });
  // Cancelled in the Save dialog: the form again, nothing saved.
  await expect(exportDialog.getByRole('button', { name: 'Export…' })).toBeEnabled();
  await expect(page.getByRole('dialog', { name: 'Export saved' })).toBeHidden();
  await exportDialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(exportDialog).toBeHidden();

  // Back Up Notebook…: the same dialog on the backup format, offering a dated .json.
  await clearDialogCalls(app);
  await clickMenuItem(app, 'File', 'Back Up Notebook…');
  await expect(exportDialog.getByRole('radio', { name: /Marginalia backup/ })).toBeChecked();
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expectOneDialog(app, 'save', {
    title: 'Export Marginalia backup',
    defaultPath: expect.stringMatching(/^Marginalia backup \d{4}-\d{2}-\d{2}\.json$/),
    filters: [{ name: 'Marginalia backup', extensions: ['json'] }],
  });
  await expect(exportDialog.getByRole('button', { name: 'Export…' })).toBeEnabled();
  await exportDialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(exportDialog).toBeHidden();

  // Restore from Backup…: the backups beside the notebook, and a file of one's own through the
  // Open dialog, for Marginalia backups.
  await clearDialogCalls(app);
  await clickMenuItem(app, 'File', 'Restore from Backup…');
  const restore = page.getByRole('dialog', { name: 'Restore from Backup' });
  await restore.getByRole('button', { name: 'Choose a File…' }).click();
  await expectOneDialog(app, 'open', {
    title: 'Restore from a Marginalia backup',
    properties: ['openFile'],
    filters: [
      { name: 'Marginalia backup', extensions: ['json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  // Cancelled: still the list to choose from.
  await expect(restore.getByRole('button', { name: 'Choose a File…' })).toBeEnabled();
  await restore.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(restore).toBeHidden();

  // Preferences… (Settings… on macOS).
  await clickMenuItem(app, 'File', SETTINGS);
  const preferences = page.getByRole('dialog', { name: 'Preferences' });
  await expect(preferences).toBeVisible();
  await preferences.getByRole('button', { name: 'Done' }).click();
  await expect(preferences).toBeHidden();

  // New Document from Clipboard: what the system clipboard holds becomes a document, opened.
  await clearDialogCalls(app);
  await app.evaluate(async ({ clipboard }, text) => {
    await clipboard.writeText(text);
  }, 'Clipboard article from the menu\n\nIts only paragraph, copied elsewhere.');
  await clickMenuItem(app, 'File', 'New Document from Clipboard');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(
    library.getByRole('button', { name: /^Clipboard article from the menu/ }),
  ).toBeVisible(IMPORT_TIMEOUT);
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported “Clipboard article from the menu”' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Clipboard article from the menu',
  );
  // No dialog on the way: the clipboard is read as it is.
  await expect.poll(() => dialogCalls(app)).toEqual([]);
});

test('File > Preferences… opens them; the theme chosen there drives the native theme', async ({
  launch,
  dataDir,
}) => {
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  await clickMenuItem(app, 'File', SETTINGS);
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => app.evaluate(({ nativeTheme }) => nativeTheme.themeSource)).toBe('dark');
  await expect
    .poll(() => app.evaluate(({ nativeTheme }) => nativeTheme.shouldUseDarkColors))
    .toBe(true);
});
