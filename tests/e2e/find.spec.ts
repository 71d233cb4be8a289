import { createTextFinder } from '../../shared/find/find-in-text.ts';
import { core } from './core.ts';
import { expect, type Harness, screenshotPath, test } from './harness.ts';
import { openSharedPdf, paintedBox } from './pdf-actions.ts';
import { paintedRanges } from './reader-actions.ts';

/** The open document's text, from the real core. */
async function documentText(harness: Harness, title: RegExp): Promise<string> {
  const doc = (await core(harness, 'listDocuments', {})).find((d) => title.test(d.title));
  if (!doc) throw new Error(`no document ${title}`);
  return (await core(harness, 'getDocument', { id: doc.id })).text;
}

test('find in the article: Ctrl+F, a count, Enter and Shift+Enter, folded like search, Escape', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  await page.locator('.article [data-start]').first().waitFor();
  const text = await documentText(harness, /Bagram/);
  const expected = createTextFinder(text)
    .find('bagram')
    .matches.map((m) => text.slice(m.start, m.end));
  expect(expected.length).toBeGreaterThan(3);

  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Find in document' });
  await expect(box).toBeFocused();
  await box.fill('bagram');
  const count = page.locator('#find-count');
  await expect(count).toHaveText(`1 of ${expected.length}`);
  // Every match painted, case and all, the first one as the current one.
  await expect.poll(() => paintedRanges(page, 'mg-find')).toEqual(expected);
  await expect.poll(() => paintedRanges(page, 'mg-find-active')).toEqual([expected[0]]);

  await box.press('Enter');
  await expect(count).toHaveText(`2 of ${expected.length}`);
  await box.press('Shift+Enter');
  await box.press('Shift+Enter');
  // Back from the first wraps to the last, which scrolls into view.
  await expect(count).toHaveText(`${expected.length} of ${expected.length}`);
  await expect.poll(() => paintedRanges(page, 'mg-find-active')).toEqual([expected.at(-1)]);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const range = [
          ...((CSS.highlights.get('mg-find-active') as unknown as Set<Range>) ?? []),
        ][0];
        const rect = range?.getBoundingClientRect();
        return rect ? rect.top >= 0 && rect.bottom <= window.innerHeight : false;
      }),
    )
    .toBe(true);

  // Folded as search folds: no apostrophe, no accent, any case.
  await box.fill('DOESNT');
  await expect(count).toHaveText('1 of 1');
  await expect.poll(() => paintedRanges(page, 'mg-find-active')).toEqual(['doesn’t']);
  await page.screenshot({ path: screenshotPath('find-in-document') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-find-in-document') });
  await page.emulateMedia({ colorScheme: 'light' });

  await box.fill('zzzz');
  await expect(count).toHaveText('No matches');
  await expect(page.getByRole('button', { name: 'Next match' })).toBeDisabled();
  await expect.poll(() => paintedRanges(page, 'mg-find')).toEqual([]);

  // Escape closes it and takes its marks away; Ctrl+F brings it back with the words selected.
  await box.fill('Bagram');
  await expect(count).toHaveText(`1 of ${expected.length}`);
  await box.press('Escape');
  await expect(box).toBeHidden();
  await expect.poll(() => paintedRanges(page, 'mg-find')).toEqual([]);
  await page.keyboard.press('Control+f');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('Bagram');
  await expect.poll(() => paintedRanges(page, 'mg-find-active')).toEqual([expected[0]]);
});

test('find on a PDF: a match on a far page brings its page into view', async ({
  page,
  harness,
}) => {
  test.slow();
  await openSharedPdf(page, harness, 'tracemonkey.pdf', /^Trace-based Just-in-Time/);
  await expect(page.locator('.pdf-page[data-page-index="0"] .textLayer span').first()).toBeAttached(
    {
      timeout: 15_000,
    },
  );

  const text = await documentText(harness, /^Trace-based/);
  const matches = createTextFinder(text).find('trace tree').matches;
  expect(matches.length).toBeGreaterThan(2);
  const last = text.slice(matches.at(-1)!.start, matches.at(-1)!.end);

  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Find in document' });
  await box.fill('trace tree');
  await expect(page.locator('#find-count')).toHaveText(`1 of ${matches.length}`);
  // From the first back to the last: pages away, drawn when reached, the match marked on it.
  await box.press('Shift+Enter');
  await expect(page.locator('#find-count')).toHaveText(`${matches.length} of ${matches.length}`);
  await expect
    .poll(() => paintedRanges(page, 'mg-find-active'), { timeout: 15_000 })
    .toEqual([last]);
  const where = await paintedBox(page, 'mg-find-active');
  expect(Number(where?.page)).toBeGreaterThan(3);
});
