import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, THREAT_QUOTE } from './reader-actions.ts';

const FITRAT = 'A deal over even an inch of Afghanistan';

test('export Markdown and CSV from the export dialog, see the files on disk, then back up and restore', async ({
  page,
  harness,
}) => {
  const outDir = await mkdtemp(join(tmpdir(), 'marginalia-export-'));
  try {
    await page.goto('/');
    // Two highlights made in the reader, one tagged and commented, as a researcher would.
    await dragSelect(page, THREAT_QUOTE);
    await page
      .getByRole('toolbar', { name: 'Highlight the selection' })
      .getByRole('button', { name: 'Tag' })
      .click();
    const editor = page.getByRole('dialog', { name: 'Edit highlight' });
    const tagBox = editor.getByRole('combobox', { name: 'Add a tag' });
    await tagBox.fill('stance/defiance');
    await expect(editor.getByRole('option', { name: /Create tag/ })).toBeVisible();
    await tagBox.press('Enter');
    await editor
      .getByRole('textbox', { name: 'Comment' })
      .fill('Sharpest threat, "20 years", in one line.');
    await expect(editor.getByText('Saved')).toBeVisible();
    await editor.getByRole('button', { name: 'Done' }).click();
    await expect(editor).toBeHidden();
    await dragSelect(page, FITRAT);
    await page.keyboard.press('2');
    await expect(editor).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(editor).toBeHidden();
    const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
    await expect(panel.locator('.annotation-list > li')).toHaveCount(2);

    // Ctrl+E opens the export dialog on the open document.
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('radio', { name: /This document/ })).toBeChecked();
    await dialog.getByRole('radio', { name: /Whole notebook/ }).check();
    await dialog.locator('label.export-format', { hasText: 'Markdown' }).click();
    await page.screenshot({ path: screenshotPath('export-dialog') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dark-export-dialog') });
    await page.emulateMedia({ colorScheme: 'light' });

    // Markdown, whole notebook, to the path the "user" picks in the Save dialog.
    const markdownPath = join(outDir, 'notebook.md');
    harness.host.savePath = markdownPath;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const saved = page.getByRole('dialog', { name: 'Export saved' });
    await expect(saved).toContainText('notebook.md');
    await expect(saved).toContainText('2 quotes from 1 document');
    await saved.getByRole('button', { name: 'Show in Folder' }).click();
    await expect.poll(() => harness.host.shownInFolder).toEqual([markdownPath]);
    await saved.getByRole('button', { name: 'Done' }).click();
    const markdown = await readFile(markdownPath, 'utf8');
    expect(markdown).toContain(`> ${THREAT_QUOTE}\n`);
    expect(markdown).toContain('### stance/defiance');
    expect(markdown).toContain('Sharpest threat, "20 years", in one line.');
    expect(markdown).toContain('Tags: #stance/defiance');

    // CSV of this document, read back with a real CSV parser.
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('button', { name: 'Export' })
      .click();
    await expect(dialog).toBeVisible();
    await dialog.locator('label.export-format', { hasText: 'CSV spreadsheet' }).click();
    await expect(dialog.getByRole('checkbox', { name: /byte order mark/ })).toBeChecked();
    const csvPath = join(outDir, 'article.csv');
    harness.host.savePath = csvPath;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(saved).toContainText('article.csv');
    await saved.getByRole('button', { name: 'Done' }).click();
    const bytes = await readFile(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];
    await expect
      .poll(async () =>
        [...(await harness.readStoreFile()).annotations]
          .sort((a, b) => a.target.position!.start - b.target.position!.start)
          .map((a) => a.target.quote!.exact),
      )
      .toEqual(rows.map((r) => r.quote));
    // What the store holds now, to compare with after the restore below.
    const stored = (await harness.readStoreFile()).annotations;
    expect(rows[0]).toMatchObject({
      tags: 'stance/defiance',
      comment: 'Sharpest threat, "20 years", in one line.',
      'tag:stance': '1',
    });

    // The HTML report, opened as a reader would open the saved file.
    await page.keyboard.press('Control+e');
    await dialog.locator('label.export-format', { hasText: 'HTML report' }).click();
    const reportPath = join(outDir, 'report.html');
    harness.host.savePath = reportPath;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await saved.getByRole('button', { name: 'Done' }).click();
    const html = await readFile(reportPath, 'utf8');
    expect(html).not.toMatch(/<script/i);
    const report = await page.context().newPage();
    await report.goto(pathToFileURL(reportPath).href);
    await expect(report.locator('mark').first()).toBeVisible();
    await report.screenshot({ path: screenshotPath('html-report'), fullPage: true });
    await report.emulateMedia({ colorScheme: 'dark' });
    await report.screenshot({ path: screenshotPath('dark-html-report') });
    await report.close();

    // A backup, a deleted document, and the backup merged back in, with a preview first.
    await page.keyboard.press('Control+Shift+S');
    await expect(dialog.getByRole('radio', { name: /Marginalia backup/ })).toBeChecked();
    const backupPath = join(outDir, 'backup.json');
    harness.host.savePath = backupPath;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await saved.getByRole('button', { name: 'Done' }).click();
    const [doc] = await harness.notebook.handlers.listDocuments({});
    await harness.notebook.handlers.deleteDocument({ id: doc!.id });
    await expect(page.getByRole('navigation', { name: 'Library' })).toContainText(
      'Your library is empty',
    );

    harness.host.dialogFiles = [backupPath];
    await page.keyboard.press('Control+Shift+S');
    await dialog.getByRole('button', { name: 'Restore from a backup…' }).click();
    // The backups beside the notebook are listed first; the test picks its own file instead.
    const list = page.getByRole('dialog', { name: 'Restore from Backup' });
    await expect(list.getByRole('list', { name: 'Backups' }).getByRole('button')).not.toHaveCount(
      0,
    );
    await expect(list).toContainText('Automatic backup');
    await page.screenshot({ path: screenshotPath('backups-list') });
    await list.getByRole('button', { name: 'Choose a File…' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore from Backup' });
    await expect(restore).toContainText('backup.json');
    await expect(restore.getByRole('table', { name: 'What will change' })).toContainText('Added');
    await page.screenshot({ path: screenshotPath('restore-preview') });
    await restore.getByRole('button', { name: 'Merge Backup' }).click();
    await expect(page.getByText(/Backup merged: .*1 document/)).toBeVisible();
    await expect(panel.locator('.annotation-list > li')).toHaveCount(2);
    await expect
      .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.id).sort())
      .toEqual(stored.map((a) => a.id).sort());
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
