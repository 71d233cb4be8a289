import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, paintedRanges } from './reader-actions.ts';

const INNER = 'never accepted foreign troops';
const OUTER = 'Afghans have "never accepted foreign troops in their territory"';

test('overlapping highlights, click to edit, delete and undo', async ({ page, harness }) => {
  await page.goto('/');
  const toolbar = page.getByRole('toolbar', { name: 'Highlight the selection' });
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });

  await dragSelect(page, OUTER);
  await toolbar.getByRole('button', { name: 'Blue' }).click();
  await expect(editor).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  await dragSelect(page, INNER);
  await toolbar.getByRole('button', { name: 'Green' }).click();
  await page.keyboard.press('Escape');

  await expect.poll(() => paintedRanges(page, 'mg-blue')).toEqual([OUTER]);
  await expect.poll(() => paintedRanges(page, 'mg-green')).toEqual([INNER]);
  // Text order: the enclosing highlight starts first.
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('listitem').first()).toContainText('Afghans have');

  // A click where both overlap opens the innermost; the editor steps to the other one.
  const target = await page.evaluate((needle) => {
    const walker = document.createTreeWalker(
      document.querySelector('.article')!,
      NodeFilter.SHOW_TEXT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 8);
      range.setEnd(node, at + 9);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
    return null;
  }, INNER);
  await page.mouse.click(target!.x, target!.y);
  await expect(editor).toBeVisible();
  await expect(editor.locator('blockquote')).toHaveText(INNER);
  await expect(editor.getByText('1 of 2')).toBeVisible();
  await editor.getByRole('button', { name: 'Next overlapping highlight' }).click();
  await expect(editor.locator('blockquote')).toHaveText(OUTER);
  await page.screenshot({ path: screenshotPath('overlapping-highlights') });

  // Delete from the editor, then take it back with Ctrl+Z.
  await editor.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toContainText('Highlight deleted.');
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => paintedRanges(page, 'mg-blue')).toEqual([]);
  await page.locator('.article').focus();
  await page.keyboard.press('Control+z');
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect.poll(() => paintedRanges(page, 'mg-blue')).toEqual([OUTER]);

  // Delete from the panel with the keyboard, then take it back from the toast.
  const innerCard = panel.getByRole('button', { name: new RegExp(`^Green highlight: .?${INNER}`) });
  await innerCard.focus();
  await page.keyboard.press('Delete');
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).last().click();
  await expect(panel.getByRole('listitem')).toHaveCount(2);

  await expect
    .poll(async () =>
      (await harness.readStoreFile()).annotations
        .map((a) => [a.color, a.target.quote!.exact])
        .sort(),
    )
    .toEqual([
      ['blue', OUTER],
      ['green', INNER],
    ]);
});

test('the keyboard alone selects, highlights and edits', async ({ page, harness }) => {
  await page.goto('/');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });

  // Tab into the article, move the caret, select two words with Shift+Ctrl+Right.
  await page.locator('.article').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible();
  const selected = 'Afghan officials';
  await expect
    .poll(() => page.evaluate(() => window.getSelection()?.toString().trim()))
    .toBe(selected);

  // 4 is pink; the editor opens with focus inside it.
  await page.keyboard.press('4');
  await expect(editor).toBeVisible();
  await expect(editor).toBeFocused();
  await expect.poll(() => paintedRanges(page, 'mg-pink')).toEqual([selected]);
  await page.keyboard.press('Tab'); // first colour button
  await page.keyboard.press('Tab'); // tag box
  await expect(editor.getByRole('combobox', { name: 'Add a tag' })).toBeFocused();
  await page.keyboard.type('actors/afghan');
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('list', { name: 'Tags' })).toContainText('actors/afghan');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Opening line.');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toBeHidden();

  // From the panel: Enter on a card opens it in the reader.
  const card = panel.getByRole('button', { name: /^Pink highlight: .?Afghan officials/ });
  await card.focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeVisible();
  await expect(editor.getByRole('textbox', { name: 'Comment' })).toHaveValue('Opening line.');

  await expect
    .poll(async () => {
      const stored = await harness.readStoreFile();
      const tagNames = new Map(stored.tags.map((t) => [t.id, t.name]));
      return stored.annotations.map((a) => ({
        color: a.color,
        comment: a.comment,
        tags: a.tagIds.map((id) => tagNames.get(id)),
      }));
    })
    .toEqual([{ color: 'pink', comment: 'Opening line.', tags: ['actors/afghan'] }]);
});

test('dark mode', async ({ page, harness: _ }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await dragSelect(page, 'BAD THINGS ARE GOING TO HAPPEN!!!');
  await page.screenshot({ path: screenshotPath('dark-selection-toolbar') });
  await page
    .getByRole('toolbar', { name: 'Highlight the selection' })
    .getByRole('button', { name: 'Orange' })
    .click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor.getByRole('combobox', { name: 'Add a tag' }).fill('rhetoric');
  await editor.getByRole('combobox', { name: 'Add a tag' }).press('Enter');
  await editor.getByRole('textbox', { name: 'Comment' }).fill('All caps in the original post.');
  await page.screenshot({ path: screenshotPath('dark-editing-toolbar') });
  await page.keyboard.press('Escape');
  await dragSelect(page, 'the most embarrassing day in the history of our country');
  await page.keyboard.press('3');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: screenshotPath('dark-reader-with-highlights') });
  await expect(page.locator('.reader')).toHaveCSS('background-color', 'rgb(23, 23, 26)');
});
