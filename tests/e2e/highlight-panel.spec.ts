import { buildStore, writeStore } from '../../scripts/crash-test/fixture.ts';
import { expect, test } from './harness.ts';

test('the highlights panel draws only the cards in view of thousands, and the keys walk past them', async ({
  page,
  harness,
}) => {
  test.slow();
  // One document with about 3,000 highlights, written as a closed notebook leaves its folder.
  await harness.restart(async () => {
    await writeStore(
      harness.dataDir,
      buildStore(4600, 5, { documents: 1, documentChars: 200_000 }),
    );
  });
  const [doc] = (
    (await harness.notebook.dispatch('listDocuments', {})) as {
      ok: true;
      value: { id: string; title: string; annotationCount: number }[];
    }
  ).value;
  expect(doc!.annotationCount).toBeGreaterThan(2000);

  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: doc!.title })
    .first()
    .click();
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await expect(panel.locator('.count').first()).toHaveText(String(doc!.annotationCount));
  const cards = panel.locator('.annotation-list .annotation-card');
  await expect(cards.first()).toBeVisible();
  // A screenful of cards in the page, not thousands.
  await expect.poll(() => cards.count()).toBeLessThan(60);

  // ArrowDown walks past the cards drawn at first: each next card is scrolled to and focused.
  const drawnAtFirst = await cards.count();
  await cards.first().focus();
  for (let i = 0; i < drawnAtFirst + 10; i++) await page.keyboard.press('ArrowDown');
  await expect
    .poll(() =>
      page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-index')),
    )
    .toBe(String(drawnAtFirst + 10));
  await expect(page.locator(':focus')).toBeInViewport();
  expect(await cards.count()).toBeLessThan(80);
});
