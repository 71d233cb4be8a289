import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MY_NOTES_END, MY_NOTES_START } from '../../shared/export/obsidian/my-notes.ts';
import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, THREAT_QUOTE } from './reader-actions.ts';

const mdFiles = async (dir: string) =>
  (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.md'));

test('export an Obsidian vault folder from the export dialog, then again keeping my notes', async ({
  page,
  harness,
}) => {
  const vault = await mkdtemp(join(tmpdir(), 'marginalia-vault-'));
  try {
    await page.goto('/');
    // A highlight tagged with a space in its name and commented, as a researcher would.
    await dragSelect(page, THREAT_QUOTE);
    await page
      .getByRole('toolbar', { name: 'Highlight the selection' })
      .getByRole('button', { name: 'Tag' })
      .click();
    const editor = page.getByRole('dialog', { name: 'Edit highlight' });
    const tagBox = editor.getByRole('combobox', { name: 'Add a tag' });
    await tagBox.fill('stance/open question');
    await expect(editor.getByRole('option', { name: /Create tag/ })).toBeVisible();
    await tagBox.press('Enter');
    await editor.getByRole('textbox', { name: 'Comment' }).fill('Twenty years, again.');
    await expect(editor.getByText('Saved')).toBeVisible();
    await editor.getByRole('button', { name: 'Done' }).click();
    await expect(editor).toBeHidden();
    // A note that cites it.
    const [doc] = await harness.notebook.handlers.listDocuments({});
    const [quote] = await harness.notebook.handlers.listAnnotations({ documentId: doc!.id });
    await harness.notebook.handlers.createNoteFromQuote({ annotationId: quote!.id });

    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('radio', { name: /Whole notebook/ }).check();
    await dialog.locator('label.export-format', { hasText: 'Obsidian vault folder' }).click();
    await expect(dialog.getByRole('radio', { name: /Obsidian vault folder/ })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Include notes' })).toBeChecked();
    await expect(dialog).toContainText('keeps what you write under “My notes” in each');
    await page.screenshot({ path: screenshotPath('export-dialog-obsidian') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dark-export-dialog-obsidian') });
    await page.emulateMedia({ colorScheme: 'light' });

    // The "user" picks a folder in the folder dialog.
    harness.host.exportFolder = vault;
    await dialog.getByRole('button', { name: 'Export…' }).click();
    const saved = page.getByRole('dialog', { name: 'Export saved' });
    await expect(saved).toContainText('1 quote from 1 document and 1 note');
    await expect(saved).toContainText('2 files written, 0 updated, 0 unchanged');
    await page.screenshot({ path: screenshotPath('export-saved-obsidian') });
    await saved.getByRole('button', { name: 'Show in Folder' }).click();
    await expect.poll(() => harness.host.shownInFolder).toEqual([vault]);
    await saved.getByRole('button', { name: 'Done' }).click();

    // The files on disk: the document with its quote as a callout and block id, the note linking to it.
    const documents = join(vault, 'Documents');
    const notes = join(vault, 'Notes');
    await expect.poll(() => mdFiles(documents)).toEqual([`${doc!.title}.md`]);
    await expect.poll(() => mdFiles(notes)).toHaveLength(1);
    const docPath = join(documents, `${doc!.title}.md`);
    const blockId = `m-${quote!.id.replace(/_/g, '-')}`;
    const docText = await readFile(docPath, 'utf8');
    expect(docText).toContain(`marginalia-id: ${doc!.id}\n`);
    expect(docText).toContain('> [!quote]\n');
    expect(docText).toContain(THREAT_QUOTE);
    expect(docText).toContain('> Twenty years, again.\n');
    expect(docText).toContain('> #stance/open-question\n');
    expect(docText).toMatch(new RegExp(`^\\^${blockId}$`, 'm'));
    const [noteName] = await mdFiles(notes);
    const noteText = await readFile(join(notes, noteName!), 'utf8');
    expect(noteText).toContain(`[[${doc!.title}#^${blockId}|`);
    expect(noteText).not.toContain('marginalia://');

    // The user writes in the document's file in Obsidian; the next export keeps it.
    const mine = 'Read on the train. [[Other page]]\n';
    await writeFile(
      docPath,
      docText.replace(`${MY_NOTES_START}\n\n`, `${MY_NOTES_START}\n${mine}`),
    );
    await harness.notebook.handlers.updateAnnotation({ id: quote!.id, comment: 'Changed.' });
    await page.keyboard.press('Control+e');
    await expect(dialog.getByRole('radio', { name: /Obsidian vault folder/ })).toBeChecked();
    await dialog.getByRole('radio', { name: /Whole notebook/ }).check();
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(saved).toContainText('0 files written, 1 updated, 1 unchanged');
    await saved.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(() => readFile(docPath, 'utf8'))
      .toContain(`${MY_NOTES_START}\n${mine}${MY_NOTES_END}\n`);
    await expect.poll(() => readFile(docPath, 'utf8')).toContain('> Changed.\n');
    await expect.poll(() => mdFiles(documents)).toHaveLength(1);
  } finally {
    await rm(vault, { recursive: true, force: true });
  }
});
