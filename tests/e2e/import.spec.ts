import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, IMPORT_TIMEOUT } from './reader-actions.ts';

const fixture = (name: string) => resolve('tests', 'fixtures', 'e2e', name);
const MARKDOWN = fixture('field-notes.md');
const PAGE_V1 = fixture('kabul-dispatch-v1.html');
const PAGE_V2 = fixture('kabul-dispatch-v2.html');

const KEPT = 'the country’s independence was not negotiable';
const KEPT_STRAIGHT = "the country's independence was not negotiable";
const REMOVED = 'a new committee to review the condition of the runway';

/** Drop files from the test's disk onto the window, as the desktop would. */
async function dropFiles(page: Page, files: { path: string; type: string }[]) {
  const payload = await Promise.all(
    files.map(async (f) => ({
      name: f.path.split('/').pop()!,
      type: f.type,
      bytes: [...(await readFile(f.path))],
    })),
  );
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list)
      data.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    const target = document.querySelector('.reader') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
  }, payload);
}

async function highlight(page: Page, text: string, key: string) {
  await dragSelect(page, text);
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible();
  await page.keyboard.press(key);
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
}

test('import Markdown and a web page, highlight both, re-import a newer version: highlights re-anchor, the lost one is listed and re-attached', async ({
  page,
  harness,
}) => {
  // Three imports through the parse worker: over 30 s on a busy 2-core machine.
  test.slow();
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /^Afghan officials reject/ })).toBeVisible();

  // File > Import… (the harness answers the Open dialog with two files).
  harness.host.dialogFiles = [MARKDOWN, PAGE_V1];
  await library.getByRole('button', { name: 'Import…' }).click();
  const report = page.getByRole('dialog', { name: 'Import finished' });
  await expect(report).toContainText('Imported 2 documents.', IMPORT_TIMEOUT);
  await expect(report.getByRole('listitem')).toHaveCount(2);
  await report.getByRole('button', { name: 'Done' }).click();

  // Titles come from the content: front matter, and the page's article.
  const notes = library.getByRole('button', { name: /^Field notes on the Bagram dispute/ });
  const news = library.getByRole('button', { name: /^Taliban reject talk of a US return/ });
  await expect(notes).toBeVisible();
  await expect(news).toContainText('Kabul Dispatch');
  await expect(
    library.getByRole('list', { name: /^Documents by/ }).getByRole('listitem'),
  ).toHaveCount(3);
  await page.screenshot({ path: screenshotPath('library-several-documents') });

  // The Markdown's structure: headings, nested lists with numbers, a block quote.
  await notes.click();
  const article = page.locator('.article');
  await expect(article.locator('h3', { hasText: 'Open questions' })).toBeVisible();
  await expect(article.locator('.list-item[data-marker="1."]')).toHaveText(
    'Official press releases',
  );
  await expect(article.locator('blockquote')).toHaveText(
    'The base is a symbol before it is a runway.',
  );
  await highlight(page, 'The base is a symbol', '3');

  // The page: article text only, nothing active, no page furniture.
  await news.click();
  await expect(page.locator('.doc-meta')).toContainText('Farida Noori');
  await expect(article).not.toContainText('Advertisement');
  await expect(article).not.toContainText('Reader comment');
  await expect(article).not.toContainText('Share on Facebook');
  await expect
    .poll(() => page.evaluate(() => (window as { __pwned?: boolean }).__pwned))
    .toBeUndefined();
  const articleText = await article.innerText();
  const kept = articleText.includes(KEPT) ? KEPT : KEPT_STRAIGHT;
  await highlight(page, kept, '1');
  await highlight(page, REMOVED, '2');
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await expect(panel.locator('.annotation-list > li')).toHaveCount(2);

  // The newer version of the page has the same canonical URL: it replaces the text.
  harness.host.dialogFiles = [PAGE_V2];
  await library.getByRole('button', { name: 'Import…' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Updated “Taliban reject' }),
  ).toContainText('1 of 2 highlights found their place; 1 could not be placed', IMPORT_TIMEOUT);
  await expect(article).toContainText('A second briefing is planned');
  const unplaced = panel.getByRole('region', { name: '1 highlight could not be placed' });
  await expect(unplaced).toContainText(REMOVED);
  await expect(panel.locator('.annotation-list > li')).toHaveCount(1);
  await expect(library.getByRole('button', { name: /^Taliban reject/ })).toContainText(
    '1 unplaced',
  );
  await page.screenshot({ path: screenshotPath('orphan-list') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-orphan-list') });
  await page.emulateMedia({ colorScheme: 'light' });

  await expect
    .poll(async () => {
      const stored = await harness.readStoreFile();
      const doc = stored.documents.find((d) => d.title.startsWith('Taliban reject'));
      const ofDoc = stored.annotations.filter((a) => a.documentId === doc?.id);
      return ofDoc
        .map((a) =>
          a.orphan
            ? { orphan: a.target.quote!.exact }
            : { placed: doc?.text.slice(a.target.position!.start, a.target.position!.end) },
        )
        .sort((a, b) => Number('orphan' in a) - Number('orphan' in b));
    })
    .toEqual([{ placed: kept }, { orphan: REMOVED }]);

  // Re-attach the lost highlight to the passage that replaced it.
  await unplaced.getByRole('button', { name: /^Re-attach/ }).click();
  await expect(page.getByText('Select the passage where this highlight belongs')).toBeVisible();
  await dragSelect(page, 'A second briefing is planned for Tuesday');
  await page
    .getByRole('toolbar', { name: 'Re-attach the highlight' })
    .getByRole('button', { name: 'Attach here' })
    .click();
  await expect(unplaced).toBeHidden();
  await expect(panel.locator('.annotation-list > li')).toHaveCount(2);
  await expect
    .poll(async () => {
      const reattached = (await harness.readStoreFile()).annotations.find((a) =>
        a.target.quote!.exact.startsWith('A second briefing'),
      );
      return reattached && { orphan: reattached.orphan, color: reattached.color };
    })
    .toEqual({ orphan: undefined, color: 'green' });
});

test('drop files on the window: good ones go in, a bad one is named with its reason; the same file twice is recognised', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(
    library.getByRole('list', { name: /^Documents by/ }).getByRole('listitem'),
  ).toHaveCount(1);
  const before = await harness.readStoreFile();

  await dropFiles(page, [
    { path: MARKDOWN, type: 'text/markdown' },
    { path: fixture('not-text.txt'), type: 'text/plain' },
  ]);
  const report = page.getByRole('dialog', { name: 'Import finished' });
  await expect(report).toContainText(
    'Imported 1 document · 1 could not be imported.',
    IMPORT_TIMEOUT,
  );
  await expect(report.getByRole('listitem').filter({ hasText: 'not-text.txt' })).toContainText(
    'It is a ZIP archive',
  );
  await page.screenshot({ path: screenshotPath('import-report') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-import-report') });
  await page.emulateMedia({ colorScheme: 'light' });
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(
    library.getByRole('list', { name: /^Documents by/ }).getByRole('listitem'),
  ).toHaveCount(2);
  await expect
    .poll(async () => (await harness.readStoreFile()).documents.map((d) => d.title).sort())
    .toEqual([...before.documents.map((d) => d.title), 'Field notes on the Bagram dispute'].sort());

  // The same file again: offered as the one already there, not a silent duplicate.
  await dropFiles(page, [{ path: MARKDOWN, type: 'text/markdown' }]);
  await expect(page.getByRole('status').filter({ hasText: 'already in your library' })).toBeVisible(
    IMPORT_TIMEOUT,
  );
  await expect.poll(async () => (await harness.readStoreFile()).documents).toHaveLength(2);
});

test('paste as a new document, edit its details, and undo the import', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(
    library.getByRole('list', { name: /^Documents by/ }).getByRole('listitem'),
  ).toHaveCount(1);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Notes from the briefing\nThe spokesman repeated the position.');
    data.setData(
      'text/html',
      '<h2>Notes from the briefing</h2><p>The spokesman <b>repeated</b> the position.</p><img src=x onerror="window.__pwned=true">',
    );
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  const pasted = library.getByRole('button', { name: /^Notes from the briefing/ });
  await expect(pasted).toBeVisible(IMPORT_TIMEOUT);
  await expect(page.locator('.article strong')).toHaveText('repeated');
  await expect
    .poll(() => page.evaluate(() => (window as { __pwned?: boolean }).__pwned))
    .toBeUndefined();

  await page.getByRole('button', { name: 'Edit document details' }).click();
  const details = page.getByRole('dialog', { name: 'Document details' });
  await details.getByLabel('Author').fill('Field team');
  await details.getByLabel('URL').fill('javascript:alert(1)');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('alert')).toContainText('A URL starts with http:// or https://');
  await details.getByLabel('URL').fill('https://example.org/briefing');
  await page.screenshot({ path: screenshotPath('document-details') });
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();
  await expect(page.locator('.doc-meta')).toContainText('Field team');
  await expect
    .poll(async () =>
      (await harness.readStoreFile()).documents.find((d) => d.title === 'Notes from the briefing'),
    )
    .toMatchObject({ author: 'Field team', url: 'https://example.org/briefing' });

  // New document from clipboard (the system clipboard, through the host).
  harness.host.clipboard = { text: 'Clipboard article\n\nIts only paragraph.', html: '' };
  await library.getByRole('button', { name: 'New document from clipboard' }).click();
  await expect(library.getByRole('button', { name: /^Clipboard article/ })).toBeVisible(
    IMPORT_TIMEOUT,
  );
  await page
    .getByRole('status')
    .filter({ hasText: 'Imported “Clipboard article”' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(library.getByRole('button', { name: /^Clipboard article/ })).toBeHidden();
  await expect
    .poll(async () => (await harness.readStoreFile()).documents.map((d) => d.title))
    .not.toContain('Clipboard article');
});

test('a long import shows progress and stops on Cancel; what was not reached stays out', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(
    library.getByRole('list', { name: /^Documents by/ }).getByRole('listitem'),
  ).toHaveCount(1);
  // A 4.5 MB page takes seconds to parse; the two small files after it are never reached.
  await page.evaluate(() => {
    const para =
      '<p>Officials in Kabul rejected any suggestion that forces could return to Bagram Air Base, north of the capital.</p>\n';
    const data = new DataTransfer();
    data.items.add(new File([`<article>${para.repeat(40_000)}</article>`], 'huge-page.html'));
    data.items.add(new File(['# Small one\n\nText.'], 'small-one.md'));
    data.items.add(new File(['Small two\n\nText.'], 'small-two.txt'));
    const target = document.querySelector('.reader') ?? document.body;
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(
        new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
  });
  const progress = page.getByRole('status').filter({ hasText: 'Importing 1 of 3' });
  await expect(progress).toContainText('huge-page.html');
  await page.screenshot({ path: screenshotPath('import-progress') });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Cancelled (3 not imported).' }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Importing' })).toBeHidden();
  await expect.poll(async () => (await harness.readStoreFile()).documents).toHaveLength(1);
});

test('undoing an import that has been worked on since can itself be undone, highlights and all', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  harness.host.dialogFiles = [MARKDOWN];
  await library.getByRole('button', { name: 'Import…' }).click();
  const notes = library.getByRole('button', { name: /^Field notes on the Bagram dispute/ });
  await expect(notes).toBeVisible(IMPORT_TIMEOUT);
  await highlight(page, 'The base is a symbol', '3');

  // Ctrl+Z undoes the import (highlights are not undo steps): the document goes…
  await page.locator('.article').focus();
  await page.keyboard.press('Control+z');
  await expect(notes).toBeHidden();
  // …and its removal is offered for undo, bringing the highlight back with it.
  await page
    .getByRole('status')
    .filter({ hasText: '“Field notes on the Bagram dispute” was removed again.' })
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(notes).toContainText('1 highlight');
  await expect
    .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.target.quote!.exact))
    .toEqual(['The base is a symbol']);
});
