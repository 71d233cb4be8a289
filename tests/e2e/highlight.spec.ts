import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, paintedRanges, THREAT_QUOTE as QUOTE } from './reader-actions.ts';

test('highlight, tag and comment a quote in the sample article, and keep it', async ({
  page,
  harness,
}) => {
  await page.goto('/');

  // The library holds the sample article, opened on first launch.
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name: /^Afghan officials reject/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bagram Air Base');
  await expect(page.getByText('No highlights yet')).toBeVisible();
  await page.screenshot({ path: screenshotPath('library-and-reader') });

  await dragSelect(page, QUOTE);
  const toolbar = page.getByRole('toolbar', { name: 'Highlight the selection' });
  await expect(toolbar).toBeVisible();
  await page.screenshot({ path: screenshotPath('selection-toolbar') });

  await toolbar.getByRole('button', { name: 'Tag' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor).toBeVisible();
  await expect(editor.locator('blockquote')).toHaveText(QUOTE);
  const tagBox = editor.getByRole('combobox', { name: 'Add a tag' });
  await expect(tagBox).toBeFocused();
  await tagBox.fill('threat');
  await expect(editor.getByRole('option', { name: /Create tag/ })).toBeVisible();
  await tagBox.press('Enter');
  await expect(editor.getByRole('list', { name: 'Tags' })).toContainText('threat');

  await editor
    .getByRole('textbox', { name: 'Comment' })
    .fill('Defence minister; the most direct threat in the piece.');
  await expect(editor.getByText('Saved')).toBeVisible();
  await page.screenshot({ path: screenshotPath('editing-toolbar') });
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect(editor).toBeHidden();

  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  const card = panel.getByRole('button', { name: new RegExp(QUOTE) });
  await expect(card).toContainText('threat');
  await expect(card).toContainText('Defence minister');

  // The highlight is drawn with the CSS Custom Highlight API over the untouched text.
  await expect.poll(() => paintedRanges(page, 'mg-yellow')).toEqual([QUOTE]);
  await page.screenshot({ path: screenshotPath('reader-with-highlights') });

  // A restart of the core reads everything back from disk; the page reloads against it.
  await harness.restart();
  await page.reload();
  await expect(panel.getByRole('button', { name: new RegExp(QUOTE) })).toContainText('threat');
  await expect(panel.getByRole('button', { name: new RegExp(QUOTE) })).toContainText(
    'Defence minister',
  );

  await expect
    .poll(async () => {
      const stored = await harness.readStoreFile();
      const annotation = stored.annotations.find((a) => a.target.quote!.exact === QUOTE);
      if (!annotation) return undefined;
      const tagNames = new Map(stored.tags.map((t) => [t.id, t.name]));
      const doc = stored.documents.find((d) => d.id === annotation.documentId);
      const { start, end } = annotation.target.position!;
      return {
        tags: annotation.tagIds.map((id) => tagNames.get(id)),
        comment: annotation.comment,
        color: annotation.color,
        text: doc?.text.slice(start, end),
      };
    })
    .toEqual({
      tags: ['threat'],
      comment: 'Defence minister; the most direct threat in the piece.',
      color: 'yellow',
      text: QUOTE,
    });
});
