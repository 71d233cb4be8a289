import { buildStore, writeStore } from '../../scripts/crash-test/fixture.ts';
import { libraryView } from '../../shared/library/library-view.ts';
import { core } from './core.ts';
import { expect, screenshotPath, test } from './harness.ts';

test('a library of 2,000 documents draws only the rows in view, filters as you type and sorts', async ({
  page,
  harness,
}) => {
  test.slow();
  // A notebook of 2,000 short documents, written as a closed notebook leaves its folder.
  await harness.restart(async () => {
    await writeStore(
      harness.dataDir,
      buildStore(4000, 17, { documents: 2000, documentChars: 300 }),
    );
  });
  const documents = await core(harness, 'listDocuments', {});
  expect(documents).toHaveLength(2000);

  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.locator('.count').first()).toHaveText('2000');
  // A four-digit count leaves the header's buttons inside the sidebar.
  const importButton = library.getByRole('button', { name: 'Import…' });
  await expect
    .poll(async () => {
      const [button, sidebar] = await Promise.all([
        importButton.boundingBox(),
        library.boundingBox(),
      ]);
      return button && sidebar ? sidebar.x + sidebar.width - (button.x + button.width) : -1;
    })
    .toBeGreaterThanOrEqual(0);
  const rows = library.getByRole('list', { name: /^Documents by/ }).getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  // Virtualised: a screenful of rows in the page, not two thousand.
  await expect.poll(() => rows.count()).toBeLessThan(60);
  await expect(rows.first()).toContainText(documents[0]!.title);

  // Sorted by title: the first row is the first title in the collator's order.
  const sort = library.getByRole('combobox', { name: 'Sort documents by' });
  await sort.selectOption('title');
  const byTitle = libraryView(documents, { sort: 'title', filter: '' });
  await expect(rows.first()).toContainText(byTitle[0]!.title);

  // The end of the list is reached by scrolling, and drawn when reached.
  await library.locator('.document-list').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(
    library.getByRole('button', { name: new RegExp(`^${escapeRegExp(byTitle.at(-1)!.title)}`) }),
  ).toBeVisible();

  // Filtering narrows as you type, folded; Escape clears it.
  const filter = library.getByRole('searchbox', { name: 'Filter documents' });
  const [, number, words] = /^Fixture document (\d+): (.*)$/.exec(documents[1234]!.title)!;
  const typed = `document ${number} ${words!.split(' ')[0]!.toUpperCase()}`;
  const expected = libraryView(documents, { sort: 'title', filter: typed });
  expect(expected.length).toBeGreaterThanOrEqual(1);
  await filter.fill(typed);
  await expect(rows).toHaveCount(expected.length);
  await expect(rows.first()).toContainText(expected[0]!.title);
  await page.screenshot({ path: screenshotPath('library-filtered') });
  await filter.fill('no document has these words');
  await expect(library.getByText('No document matches')).toBeVisible();
  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect.poll(() => rows.count()).toBeGreaterThan(5);
  await page.screenshot({ path: screenshotPath('library-sorted') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-library-sorted') });
  await page.emulateMedia({ colorScheme: 'light' });
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
