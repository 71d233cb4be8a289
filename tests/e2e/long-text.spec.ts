import type { Page } from '@playwright/test';
import { FIRST_CHARS, LAZY_LAYOUT_CHARS } from '../../renderer/src/reader/lazy-layout.ts';
import { core } from './core.ts';
import { expect, test } from './harness.ts';
import { dragSelect, paintedRanges } from './reader-actions.ts';

/** 400 paragraphs of about 600 characters: some 40,000 words, drawn lazily and in slices. */
const PARAGRAPHS = 400;
const paragraph = (n: number) =>
  `Paragraph ${n} of the interview. ${'The respondent describes the base, the road and the market at length, and the ledger of the council. '.repeat(5)}`;
const TEXT = Array.from({ length: PARAGRAPHS }, (_, i) => paragraph(i + 1)).join('\n\n');
const LAST_WORDS = `Paragraph ${PARAGRAPHS} of the interview`;

const article = (page: Page) => page.getByRole('article', { name: /^Text of / });
const scroller = (page: Page) => page.locator('.reader-scroll');

/** Whether the text of a painted highlight named `name` is inside the reader's viewport. */
function paintedInView(page: Page, name: string): Promise<boolean> {
  return page.evaluate((n) => {
    const view = document.querySelector('.reader-scroll')?.getBoundingClientRect();
    const set = CSS.highlights.get(n) as unknown as Set<Range> | undefined;
    const range = set ? [...set][0] : undefined;
    if (!view || !range) return false;
    const box = range.getBoundingClientRect();
    return box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
  }, name);
}

/** The paragraph number at the top of the reader's viewport. */
function paragraphAtTop(page: Page): Promise<number> {
  return page.evaluate(() => {
    const view = document.querySelector('.reader-scroll')!.getBoundingClientRect();
    const at = document.elementFromPoint(view.left + view.width / 2, view.top + 80);
    const match = /Paragraph (\d+) /.exec(at?.closest('p')?.textContent ?? '');
    return match ? Number(match[1]) : -1;
  });
}

test('a long text opens at once, draws the rest in slices, and its far end can be highlighted, jumped to and read from', async ({
  page,
  harness,
}) => {
  test.slow();
  expect(TEXT.length).toBeGreaterThan(LAZY_LAYOUT_CHARS);
  const report = await core(harness, 'importText', { jobId: 'long', text: TEXT, html: '' });
  const item = report.items[0]!;
  if (item.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(item)}`);
  const { text } = await core(harness, 'getDocument', { id: item.documentId });
  // A highlight on the last paragraph, made before the reader ever drew it.
  const start = text.indexOf(LAST_WORDS);
  await core(harness, 'createAnnotation', {
    documentId: item.documentId,
    start,
    end: start + LAST_WORDS.length,
    color: 'pink',
  });

  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${item.title}`) })
    .click();
  await expect(article(page)).toContainText('Paragraph 1 of the interview');
  await expect(article(page)).toHaveClass(/lazy-layout/);
  // The rest arrives in slices; the article says it is busy until the last one is drawn.
  await expect(article(page)).not.toHaveAttribute('aria-busy', 'true');
  await expect(article(page)).toContainText(LAST_WORDS);
  expect(FIRST_CHARS).toBeLessThan(TEXT.length);

  // The panel's card goes to the far end of the text: the highlight is painted there, in view.
  await page.locator('.annotation-card.card-pink').click();
  await expect.poll(() => paintedRanges(page, 'mg-flash')).toEqual([LAST_WORDS]);
  await expect.poll(() => paintedInView(page, 'mg-pink')).toBe(true);
  await page
    .getByRole('dialog', { name: 'Edit highlight' })
    .getByRole('button', { name: 'Done' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeHidden();

  // A selection far down (blocks laid out only near the viewport) makes a highlight as anywhere.
  const words = 'Paragraph 377 of the interview';
  // Scrolled there first, and left to settle: blocks drawn on the way take their real heights.
  const topOf = () =>
    page.evaluate((w) => {
      const p = [...document.querySelectorAll('.article p')].find((e) =>
        e.textContent?.startsWith(w),
      );
      p?.scrollIntoView({ block: 'center' });
      return Math.round(p?.getBoundingClientRect().top ?? -1);
    }, words);
  let last = await topOf();
  await expect
    .poll(async () => {
      const now = await topOf();
      const still = now === last;
      last = now;
      return still;
    })
    .toBe(true);
  await dragSelect(page, words);
  await page.keyboard.press('2');
  await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect
    .poll(async () =>
      (await core(harness, 'listAnnotations', { documentId: item.documentId })).map((a) =>
        a.target.position ? text.slice(a.target.position.start, a.target.position.end) : '',
      ),
    )
    .toEqual([words, LAST_WORDS]);

  // The reading place: scrolled to the middle, left for the sample article, found again.
  await page.evaluate(() => {
    const p = [...document.querySelectorAll('.article p')].find((e) =>
      e.textContent?.startsWith('Paragraph 200 '),
    );
    p?.scrollIntoView({ block: 'start' });
  });
  await expect.poll(() => paragraphAtTop(page)).toBeGreaterThanOrEqual(199);
  const place = await paragraphAtTop(page);
  // Saved when scrolling pauses; leaving the document saves it too.
  await page.waitForTimeout(1000);
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /^Afghan officials reject/ })
    .click();
  await expect(article(page)).toContainText('Bagram');
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: new RegExp(`^${item.title}`) })
    .click();
  await expect.poll(() => paragraphAtTop(page)).toBeGreaterThanOrEqual(place - 1);
  await expect.poll(() => paragraphAtTop(page)).toBeLessThanOrEqual(place + 1);
  await expect(scroller(page)).toBeVisible();
});
