import { expect, screenshotPath, test } from './harness.ts';
import { highlightWithTags, paintedRanges, THREAT_QUOTE } from './reader-actions.ts';

const INCH = 'even an inch';
const BAD_THINGS = 'bad things';

test('the palette finds a quote typed with a typo and opens it in the reader; tag: filters', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  await highlightWithTags(page, THREAT_QUOTE, '1', ['threat']);
  await highlightWithTags(page, INCH, '2', ['threat']);
  await highlightWithTags(page, BAD_THINGS, '3', ['threat']);
  // Start somewhere else, so opening the quote has to bring the reader back to it.
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('button', { name: 'Notes', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search the notebook' });
  const box = palette.getByRole('combobox', { name: 'Search quotes, notes, tags and documents' });
  await expect(box).toBeFocused();
  await box.pressSequentially('fight 20 yers', { delay: 20 });
  const options = palette.getByRole('option');
  await expect(options.first()).toContainText(THREAT_QUOTE);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  // The matched characters are marked, the typo resolved to the word in the text.
  await expect(options.first().locator('mark')).toHaveText(['fight', '20', 'years']);
  await expect(palette.getByRole('group', { name: 'Quotes' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('search-palette') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-search-palette') });
  await page.emulateMedia({ colorScheme: 'light' });

  await box.press('Enter');
  await expect(palette).toBeHidden();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(editor).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reader', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect.poll(() => paintedRanges(page, 'mg-flash')).toEqual([THREAT_QUOTE]);
  await page.keyboard.press('Escape');

  // Filters: the three tagged quotes and the tag itself; is:quote leaves the quotes.
  await page.keyboard.press('Control+k');
  await box.fill('tag:threat');
  await expect(palette.getByRole('group', { name: 'Quotes' }).getByRole('option')).toHaveCount(3);
  await expect(palette.getByRole('group', { name: 'Tags' }).getByRole('option')).toHaveCount(1);
  await box.fill('tag:threat is:quote inch');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText(INCH);
  await box.fill('tag:threat -inch');
  await expect(palette.getByRole('group', { name: 'Quotes' }).getByRole('option')).toHaveCount(2);

  // Edits are found at once: a comment added now is searchable in the same breath.
  await page.keyboard.press('Escape');
  const badId = async () =>
    (await harness.readStoreFile()).annotations.find((a) => a.target.quote!.exact === BAD_THINGS)
      ?.id;
  await expect.poll(badId).toBeDefined();
  await harness.notebook.dispatch('updateAnnotation', {
    id: (await badId())!,
    comment: 'Ominous vagueness',
  });
  await page.keyboard.press('Control+k');
  await box.fill('ominus');
  await expect(options.first()).toContainText(BAD_THINGS);
});

test('the search view lists every result, narrows by kind and opens a tag or a document', async ({
  page,
  harness,
}) => {
  expect(harness.dataDir).toBeTruthy(); // the real core behind the page
  await page.goto('/');
  await highlightWithTags(page, THREAT_QUOTE, '1', ['threat']);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search the notebook' });
  await palette.getByRole('combobox').fill('bgram');
  // Ctrl+Enter takes the query to the search view.
  await page.keyboard.press('Control+Enter');
  const view = page.getByRole('region', { name: 'Search' });
  await expect(view.getByRole('searchbox', { name: 'Search the notebook' })).toHaveValue('bgram');
  const results = view.getByRole('list', { name: 'Results' });
  await expect(results.getByRole('button').first()).toContainText('Bagram');
  await expect(view.getByText(/^\d+ match/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('search-view') });

  await view.getByRole('searchbox').fill('thret');
  await view.getByRole('button', { name: /^Tags/ }).click();
  await results.getByRole('button').first().click();
  await expect(page.getByRole('button', { name: 'Tags', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('threat');

  await page.keyboard.press('Control+4');
  await view.getByRole('searchbox').fill('is:document trump');
  await results.getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Trump');
});
