import type { Page } from '@playwright/test';
import { codebookProblems } from '../../shared/codebook.ts';
import { expect, screenshotPath, test } from './harness.ts';
import { highlightWithTags, paintedRanges } from './reader-actions.ts';

const Q = {
  fight: 'we are ready to fight you for the next 20 years',
  inch: "A deal over even an inch of Afghanistan's soil is not possible",
  troops: 'never accepted foreign troops in their territory',
  bad: 'BAD THINGS ARE GOING TO HAPPEN!!!',
  givenUp: 'It should never have been given up',
  embarrassing: 'the most embarrassing day in the history of our country',
};

/** Cite a highlight's quote in a note from its card's "Insert into note…" list. */
async function insertInto(page: Page, quote: string, note: string) {
  const card = page
    .getByRole('complementary', { name: 'Highlights in this document' })
    .locator('.annotation-list > li', { hasText: quote });
  await card.getByRole('button', { name: 'Insert into note…' }).click();
  await card
    .getByRole('group', { name: 'Insert into note' })
    .getByRole('button', { name: note })
    .click();
}

const view = (page: Page, name: 'Reader' | 'Notes' | 'Tags') =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();

test('a codebook on the sample article: nested tags, quotes, notes citing them; rename, merge, undo, reload', async ({
  page,
  harness,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');

  // Six quotes coded with nested tags.
  await highlightWithTags(page, Q.fight, '1', ['actors/afghan/defence-ministry', 'themes/threat']);
  await highlightWithTags(page, Q.inch, '1', [
    'actors/afghan/defence-ministry',
    'themes/sovereignty',
  ]);
  await highlightWithTags(page, Q.troops, '2', [
    'actors/afghan/foreign-ministry',
    'themes/sovereignty',
  ]);
  await highlightWithTags(page, Q.bad, '4', ['actors/us/president', 'themes/threat']);
  await highlightWithTags(page, Q.givenUp, '4', ['actors/us/president']);
  await highlightWithTags(page, Q.embarrassing, '5', ['actors/us/president', 'themes/rhetoric']);
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await expect(panel.locator('.annotation-list > li')).toHaveCount(6);

  // Filtering by a parent tag finds its sub-tags' quotes; the rest of the text dims.
  await panel.getByRole('combobox', { name: 'Filter by tag' }).fill('actors/afghan');
  await panel.getByRole('combobox', { name: 'Filter by tag' }).press('Enter');
  await expect(panel.getByText('Showing 3 of 6')).toBeVisible();
  await expect
    .poll(async () => (await paintedRanges(page, 'mg-dim')).sort())
    .toEqual([Q.bad, Q.embarrassing, Q.givenUp].sort());
  await page.screenshot({ path: screenshotPath('reader-filtered') });
  // The filter belongs to the document and survives a visit to another view.
  await view(page, 'Tags');
  await view(page, 'Reader');
  await expect(panel.getByText('Showing 3 of 6')).toBeVisible();
  await panel.getByRole('button', { name: 'Clear filter' }).click();
  await expect(panel.locator('.annotation-list > li')).toHaveCount(6);

  // Note 1 starts from a quote and cites a second one; note 2 belongs to the document.
  const fightItem = panel.locator('.annotation-list > li', { hasText: Q.fight });
  await fightItem.getByRole('button', { name: /^Start a note/ }).click();
  const notesList = page.getByRole('listbox', { name: 'Notes' });
  await expect(notesList.getByRole('option')).toHaveCount(1);
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.fill('Threats of force');
  const body = page.getByRole('textbox', { name: 'Note text' });
  await body.press('Control+End');
  await body.pressSequentially('\nBoth sides threaten; compare the registers.\n');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await view(page, 'Reader');
  await insertInto(page, Q.bad, 'Threats of force');
  await expect(
    page.getByRole('status').getByText('Quote added to “Threats of force”.'),
  ).toBeVisible();

  await panel
    .getByRole('region', { name: 'Notes on this document' })
    .getByRole('button', { name: 'New note' })
    .click();
  await title.fill('Sovereignty');
  await body.fill('Two ministries, one line: no foreign presence.\n');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await view(page, 'Reader');
  for (const quote of [Q.inch, Q.troops]) {
    await insertInto(page, quote, 'Sovereignty');
    await expect(panel.locator('.annotation-list > li', { hasText: quote })).toContainText(
      'Cited in',
    );
  }

  // The note cites its quotes: preview shows them and a citation jumps to the reader.
  await view(page, 'Notes');
  await notesList.getByRole('option', { name: /Threats of force/ }).click();
  await page.getByRole('button', { name: 'Preview' }).click();
  const cited = page.getByRole('region', { name: 'Cited quotes' });
  await expect(cited).toContainText(Q.fight);
  await expect(cited).toContainText(Q.bad);
  await page.screenshot({ path: screenshotPath('note-citing-quotes') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-note-citing-quotes') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page
    .getByRole('button', { name: /^Open quote/ })
    .first()
    .click();
  // The highlight's card (the document's note that quotes it is a button too).
  await expect(
    panel.getByRole('button', { name: new RegExp(`highlight: .?${Q.fight}`) }),
  ).toHaveAttribute('aria-current', 'true');

  // The codebook: rename a parent, merge two tags, delete one in use and take it back.
  await view(page, 'Tags');
  const tree = page.getByRole('tree', { name: 'Tags' });
  await tree.getByRole('treeitem', { name: /^afghan/ }).click();
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.fill('actors/afghan-government');
  await name.press('Enter');
  await expect(tree.getByRole('treeitem', { name: /^afghan-government/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^defence-ministry/ })).toBeVisible();

  await tree.getByRole('treeitem', { name: /^rhetoric/ }).click();
  await page.getByRole('combobox', { name: 'Merge into' }).selectOption({ label: 'themes/threat' });
  await page.getByRole('button', { name: 'Merge' }).click();
  await expect(tree.getByRole('treeitem', { name: /^rhetoric/ })).toHaveCount(0);
  await expect(tree.getByRole('treeitem', { name: /^threat/ })).toContainText('3');

  await tree.getByRole('treeitem', { name: /^sovereignty/ }).click();
  await page.getByRole('button', { name: 'Delete tag' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('2');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(tree.getByRole('treeitem', { name: /^sovereignty/ })).toHaveCount(0);
  await tree.focus();
  await page.keyboard.press('Control+z');
  await expect(tree.getByRole('treeitem', { name: /^sovereignty/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('tag-manager') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-tag-manager') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Everything survives a restart, on disk.
  await harness.restart();
  await page.reload();
  await view(page, 'Tags');
  await expect(tree.getByRole('treeitem', { name: /^sovereignty/ })).toBeVisible();
  await expect
    .poll(async () => {
      const stored = await harness.readStoreFile();
      const tagName = new Map(stored.tags.map((t) => [t.id, t.name]));
      const quote = (exact: string) =>
        stored.annotations.find((a) => a.target.quote!.exact === exact);
      const tagsOf = (exact: string) =>
        quote(exact)
          ?.tagIds.map((id) => tagName.get(id))
          .sort();
      const note = (title: string) => stored.notes.find((n) => n.title === title);
      const cited = (title: string) =>
        note(title)?.annotationIds.map(
          (id) => stored.annotations.find((a) => a.id === id)?.target.quote?.exact,
        );
      return {
        problems: codebookProblems(stored),
        tags: stored.tags.map((t) => t.name).sort(),
        embarrassing: tagsOf(Q.embarrassing),
        inch: tagsOf(Q.inch),
        troops: tagsOf(Q.troops),
        threatsOfForce: cited('Threats of force'),
        sovereignty: cited('Sovereignty'),
        sovereigntyOnTheQuotesDocument:
          note('Sovereignty')?.documentId === quote(Q.inch)?.documentId,
      };
    })
    .toEqual({
      problems: [],
      tags: [
        'actors',
        'actors/afghan-government',
        'actors/afghan-government/defence-ministry',
        'actors/afghan-government/foreign-ministry',
        'actors/us',
        'actors/us/president',
        'themes',
        'themes/sovereignty',
        'themes/threat',
      ],
      embarrassing: ['actors/us/president', 'themes/threat'],
      inch: ['actors/afghan-government/defence-ministry', 'themes/sovereignty'],
      troops: expect.arrayContaining(['themes/sovereignty']),
      threatsOfForce: [Q.fight, Q.bad],
      sovereignty: [Q.inch, Q.troops],
      sovereigntyOnTheQuotesDocument: true,
    });
});
