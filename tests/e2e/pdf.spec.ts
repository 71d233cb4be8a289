import { expect, screenshotPath, test } from './harness.ts';
import { dragOnPages, paintedBox, sharedPdf } from './pdf-actions.ts';
import { IMPORT_TIMEOUT } from './reader-actions.ts';

const OVER_LINE_END =
  'Compilers for statically typed languages rely on type information to generate efficient machine code.';
const ACROSS_COLUMNS =
  'The result is a native code fragment that can be entered if the\ninterpreter PC and the types of values match';

test('a PDF imports, reads as pages, and takes highlights over a line end and across a column', async ({
  page,
  harness,
}) => {
  test.slow();
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  harness.host.dialogFiles = [sharedPdf('tracemonkey.pdf')];
  await library.getByRole('button', { name: 'Import…' }).click();
  const entry = library.getByRole('button', { name: /^Trace-based Just-in-Time Type Specialization/ });
  await expect(entry).toBeVisible(IMPORT_TIMEOUT);
  await entry.click();

  // Pages are drawn with their text layers; far pages wait as placeholders.
  const firstPage = page.locator('.pdf-page[data-page-index="0"]');
  await expect(firstPage.locator('.textLayer span').first()).toBeAttached({ timeout: 15_000 });
  await expect(page.locator('.pdf-page')).toHaveCount(14);
  await expect(page.locator('.pdf-page[data-page-index="12"] canvas')).toHaveCount(0);

  // Over a line end ("informa-/tion"): the quote is the clean sentence.
  await dragOnPages(page, 'Compilers for statically', 'ficient machine code.');
  await page.keyboard.press('1');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor.getByRole('textbox', { name: 'Comment' }).fill('The premise.');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect
    .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.target.quote.exact))
    .toEqual([OVER_LINE_END]);

  // Across the column break on page 3: one quote, drawn on both columns.
  await page.getByRole('textbox', { name: 'Go to page' }).fill('3');
  await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
  await dragOnPages(page, 'The result is a native code', 'types of values match');
  await page.keyboard.press('2');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect
    .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.target.quote.exact))
    .toEqual([OVER_LINE_END, ACROSS_COLUMNS]);
  const stored = (await harness.readStoreFile()).annotations;
  expect(stored.map((a) => a.target.page?.page)).toEqual([0, 2]);
  expect(stored[1]!.target.page!.rects.length).toBeGreaterThan(1);

  const before = await paintedBox(page, 'mg-green');
  expect(before).not.toBeNull();
  await page.screenshot({ path: screenshotPath('pdf-page-highlights') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-pdf-page-highlights') });
  await page.emulateMedia({ colorScheme: 'light' });

  // After a reload, drawn in the same place.
  await page.reload();
  await library.getByRole('button', { name: /^Trace-based Just-in-Time/ }).click();
  await page.getByRole('textbox', { name: 'Go to page' }).fill('3');
  await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
  await expect.poll(() => paintedBox(page, 'mg-green'), { timeout: 15_000 }).toEqual(before);
});
