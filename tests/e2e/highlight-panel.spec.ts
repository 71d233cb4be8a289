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
  await expect.poll(() => cards.count()).toBeLessThan(80);
});

test('a card that grows (a long comment typed) moves the cards below it down, never over them', async ({
  page,
  harness,
}) => {
  const docs = (await harness.notebook.dispatch('listDocuments', {})) as {
    ok: true;
    value: { id: string; title: string }[];
  };
  const doc = docs.value[0]!;
  const { text } = await harness.notebook.handlers.getDocument({ id: doc.id });
  // Twenty highlights over the first words: more cards than the panel shows at once.
  const words = [...text.matchAll(/\p{L}{4,}/gu)].slice(0, 60);
  for (let i = 0; i < 60; i += 3) {
    const m = words[i]!;
    await harness.notebook.handlers.createAnnotation({
      documentId: doc.id,
      start: m.index,
      end: m.index + m[0].length,
      color: 'yellow',
    });
  }
  await page.goto('/');
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  const rows = panel.locator('.annotation-list > li');
  await expect(rows.first()).toBeVisible();
  const boxes = () =>
    rows.evaluateAll((items) =>
      items.map((li) => {
        const r = li.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom };
      }),
    );
  const noOverlap = async () => {
    const list = await boxes();
    for (let i = 1; i < list.length; i++)
      expect(list[i]!.top).toBeGreaterThanOrEqual(list[i - 1]!.bottom - 0.5);
  };
  await noOverlap();
  const first = rows.nth(1);
  const before = (await first.boundingBox())!.height;

  await first.locator('.annotation-card').click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor
    .getByRole('textbox', { name: 'Comment' })
    .fill(
      'A long comment, typed into the editor, that wraps over several lines of the card in the side panel: '.repeat(
        4,
      ),
    );
  await editor.getByRole('textbox', { name: 'Comment' }).press('Tab');
  // The card has grown, and the ones below it moved down with it.
  await expect.poll(async () => (await first.boundingBox())!.height).toBeGreaterThan(before + 40);
  await expect(noOverlap).toPass();
  // Scrolled to the end and back, the measured sizes still lay the cards out one after another.
  await panel.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(noOverlap).toPass();
  await panel.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(noOverlap).toPass();
  await expect(rows.nth(1)).toContainText('A long comment');
});
