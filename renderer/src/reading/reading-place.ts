/**
 * Measuring and restoring a reading place in the DOM: the scroller of the open document (the
 * text reader's or the PDF pages'), the text offset of the first block in view, and the way back.
 * Blocks are the article's children; each holds spans carrying their text offset (`data-start`).
 */

/** The element that scrolls the open document inside the reader. */
export function documentScroller(reader: HTMLElement | null): HTMLElement | null {
  return reader?.querySelector<HTMLElement>('.reader-scroll, .pdf-pages') ?? null;
}

const blocksOf = (scroller: HTMLElement) =>
  Array.from(scroller.querySelectorAll<HTMLElement>('.article > *'));

/** A block's text offset: its first span's. */
function startOf(block: HTMLElement): number {
  const span = block.querySelector<HTMLElement>('[data-start]');
  return span ? Number(span.dataset.start) : Number.NaN;
}

/** The first index for which `test` holds, in a list where it holds from some index on. */
function firstWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(items[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Where the reader is: a text offset when the article has blocks, and the fraction scrolled. */
export function measurePlace(scroller: HTMLElement): { position: number | null; progress: number } {
  const range = scroller.scrollHeight - scroller.clientHeight;
  const progress = range <= 0 ? 1 : Math.min(1, Math.max(0, scroller.scrollTop / range));
  const top = scroller.getBoundingClientRect().top;
  // Blocks run down the page in order: a binary search finds the first in view in a long text.
  const blocks = blocksOf(scroller);
  const block = blocks[firstWhere(blocks, (b) => b.getBoundingClientRect().bottom > top + 1)];
  const start = block ? startOf(block) : Number.NaN;
  return { position: Number.isFinite(start) ? start : null, progress };
}

/**
 * Go back to a place: to the block holding the offset when the text has one (robust to a new
 * font size or window width), else to the same fraction of the way down (a PDF's pages).
 */
export function restorePlace(
  scroller: HTMLElement,
  place: { position: number | null; progress: number },
): void {
  const blocks = place.position === null ? [] : blocksOf(scroller);
  const after = firstWhere(blocks, (b) => startOf(b) > (place.position ?? 0));
  const target = blocks[after - 1];
  if (target) {
    const offset = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop += offset;
    return;
  }
  scroller.scrollTop = place.progress * (scroller.scrollHeight - scroller.clientHeight);
}
