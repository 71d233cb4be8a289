import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  expect,
  fromProject,
  SEED_HEADING,
  seededWindow,
  skipWithoutElectron,
  test,
} from './launch.ts';
import { clickMenuItem, dialogCalls, stubDialogs } from './native.ts';

/**
 * A backup made through the menu and the native Save dialog (stubbed at the dialog module) is a
 * real file where the user chose, and the restore flow offers it back through the Open dialog.
 */
skipWithoutElectron();
// A launch and a graceful quit (the last write, a backup) each take seconds on a cold runner.
test.describe.configure({ timeout: 90_000 });

test('File > Back Up Notebook… writes a backup where the Save dialog says, and Restore from Backup… brings it back', async ({
  launch,
  dataDir,
  outDir,
}) => {
  const backup = join(outDir, 'notebook backup.json');
  const app = await launch(fromProject(dataDir));
  const page = await seededWindow(app);
  await stubDialogs(app, { save: backup, open: [backup] });

  await clickMenuItem(app, 'File', 'Back Up Notebook…');
  const exportDialog = page.getByRole('dialog', { name: 'Export', exact: true });
  await expect(exportDialog.getByRole('radio', { name: /Marginalia backup/ })).toBeChecked();
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  const saved = page.getByRole('dialog', { name: 'Export saved' });
  await expect(saved).toContainText('notebook backup.json');
  await expect
    .poll(() =>
      readFile(backup, 'utf8').then(
        (text) => JSON.parse(text) as unknown,
        () => null,
      ),
    )
    .toMatchObject({
      format: 'marginalia-backup',
      scope: 'Whole notebook',
      counts: { documents: 1 },
      notebook: {
        documents: [expect.objectContaining({ title: expect.stringContaining(SEED_HEADING) })],
      },
    });
  await saved.getByRole('button', { name: 'Done' }).click();

  // The notebook loses its one document (through the contract, as the page's Delete does)…
  await page.evaluate(async () => {
    const listed = await window.notebook.listDocuments({});
    if (!listed.ok) throw new Error(listed.error.message);
    for (const doc of listed.value) {
      const deleted = await window.notebook.deleteDocument({ id: doc.id });
      if (!deleted.ok) throw new Error(deleted.error.message);
    }
  });
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library).toContainText('Your library is empty');

  // …and gets it back from the file, chosen in the Open dialog; the preview says what comes back.
  await clickMenuItem(app, 'File', 'Restore from Backup…');
  const restore = page.getByRole('dialog', { name: 'Restore from Backup' });
  await restore.getByRole('button', { name: 'Choose a File…' }).click();
  await expect(restore).toContainText('notebook backup.json');
  await expect(restore.getByRole('table', { name: 'What will change' })).toContainText('Added');
  await expect
    .poll(() => dialogCalls(app))
    .toContainEqual({
      kind: 'open',
      options: expect.objectContaining({ title: 'Restore from a Marginalia backup' }),
    });
  await restore.getByRole('button', { name: 'Merge Backup' }).click();
  await expect(page.getByText(/Backup merged: .*1 document/)).toBeVisible();
  await expect(library.getByRole('button', { name: /^Afghan officials reject/ })).toBeVisible();
});
