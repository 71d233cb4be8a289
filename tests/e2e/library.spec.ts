import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, THREAT_QUOTE } from './reader-actions.ts';

test('deleting the open document can be undone, highlights and all, and the sample stays gone', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  await dragSelect(page, THREAT_QUOTE);
  await page.keyboard.press('2');
  await page.keyboard.press('Escape');
  const library = page.getByRole('navigation', { name: 'Library' });
  const item = library.getByRole('button', { name: /^Afghan officials reject/ });
  await expect(item).toContainText('1 highlight');

  await item.hover();
  await library.getByRole('button', { name: /^Delete Afghan officials/ }).click();
  await expect(library.getByText('Your library is empty')).toBeVisible();
  await expect(page.getByText('No document open')).toBeVisible();
  await page.screenshot({ path: screenshotPath('library-empty') });

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(item).toContainText('1 highlight');
  await expect(
    page.getByRole('complementary', { name: 'Highlights in this document' }).getByRole('listitem'),
  ).toHaveCount(1);

  // Deleted for good this time: a restart does not bring the sample back.
  await library.getByRole('button', { name: /^Delete Afghan officials/ }).focus();
  await page.keyboard.press('Enter');
  await expect(library.getByText('Your library is empty')).toBeVisible();
  await harness.restart();
  await page.reload();
  await expect(library.getByText('Your library is empty')).toBeVisible();
  await expect.poll(async () => (await harness.readStoreFile()).documents).toEqual([]);
});

test('Ctrl+C copies a selection instead of making a highlight', async ({ page, harness }) => {
  await page.goto('/');
  await dragSelect(page, THREAT_QUOTE);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+Shift+c');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Highlight the selection' })).toBeVisible();
  // No highlight was made: one made now, in green, is the only one the notebook comes to hold
  // (a highlight made by the copy keys would have reached it first, so waiting for this one
  // waits for those too).
  await page.keyboard.press('2');
  await expect(editor).toBeVisible();
  await expect
    .poll(async () =>
      (await harness.readStoreFile()).annotations.map((a) => [a.color, a.target.quote!.exact]),
    )
    .toEqual([['green', THREAT_QUOTE]]);
});
