import { core } from './core.ts';
import { expect, screenshotPath, test } from './harness.ts';
import { paintedRanges } from './reader-actions.ts';

test('the minimap marks each highlight where it stands and goes to it on a click', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  await page.locator('.article [data-start]').first().waitFor();
  const [doc] = await core(harness, 'listDocuments', {});
  const { text } = await core(harness, 'getDocument', { id: doc!.id });
  // One highlight near the top, one near the end, in two colours.
  const first = 'Afghan officials on Sunday';
  const last = 'embarrassing day';
  for (const [words, color] of [
    [first, 'green'],
    [last, 'pink'],
  ] as const) {
    const start = text.indexOf(words);
    await core(harness, 'createAnnotation', {
      documentId: doc!.id,
      start,
      end: start + words.length,
      color,
    });
  }

  const minimap = page.getByRole('navigation', { name: 'Highlights in this document, by place' });
  const marks = minimap.getByRole('button');
  await expect(marks).toHaveCount(2);
  await expect(marks.nth(0)).toHaveClass(/mark-green/);
  await expect(marks.nth(1)).toHaveClass(/mark-pink/);
  // Top to bottom as in the text: the last highlight's mark is far below the first's.
  const tops = await marks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
  expect(tops[1]! - tops[0]!).toBeGreaterThan(200);
  await page.screenshot({ path: screenshotPath('minimap') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-minimap') });
  await page.emulateMedia({ colorScheme: 'light' });

  // A click goes there: the reader scrolls to the highlight, flashes it and opens it.
  await marks.nth(1).click();
  await expect.poll(() => paintedRanges(page, 'mg-flash')).toEqual([last]);
  await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeVisible();
});
