import { flashRange } from './highlight-painter.ts';

/** Where a range (or an area's box) sits inside the positioned content box (stable while scrolling). */
export function boxOf(range: Range | Element, content: HTMLElement) {
  const rect = range.getBoundingClientRect();
  const outer = content.getBoundingClientRect();
  return {
    top: rect.top - outer.top,
    bottom: rect.bottom - outer.top,
    left: rect.left - outer.left,
    center: rect.left - outer.left + rect.width / 2,
    width: outer.width,
  };
}

/** A box as `boxOf` measures it: offsets in the content box, and the content box's width. */
export type ContentBox = ReturnType<typeof boxOf>;

/** Scroll a range into the reading third of the view, without flashing it (find's steps). */
export function scrollToRange(range: Range | Element, content: HTMLElement) {
  const scroller = content.parentElement;
  const box = boxOf(range, content);
  const top = scroller?.scrollTop ?? 0;
  const height = scroller?.clientHeight ?? 0;
  // Already comfortably in view: stay put, so stepping through nearby matches does not jump.
  if (box.top >= top + 40 && box.top <= top + height - 80) return;
  if (scroller) scrollToThird(range, content, scroller, 'auto');
}

/**
 * Scroll so the range sits a third of the way down. In a long text laid out lazily the blocks
 * on the way have guessed heights until they are drawn, so the range moves as they are: there
 * the scroll is instant and is corrected over the next frames until the range stays put (a
 * smooth scroll would end where the guesses put it, off the range).
 */
function scrollToThird(
  range: Range | Element,
  content: HTMLElement,
  scroller: HTMLElement,
  behavior: ScrollBehavior,
) {
  const target = () => Math.max(0, boxOf(range, content).top - scroller.clientHeight / 3);
  const lazy = content.querySelector('.lazy-layout') !== null;
  scroller.scrollTo({ top: target(), behavior: lazy ? 'auto' : behavior });
  if (!lazy) return;
  let frames = 0;
  let still = 0;
  let frame = 0;
  // The reader's own scrolling (wheel, keys, a drag) ends the correction at once.
  const inputs = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of inputs) scroller.removeEventListener(type, stop);
  };
  for (const type of inputs) scroller.addEventListener(type, stop, { passive: true });
  const settle = () => {
    const wanted = target();
    if (Math.abs(scroller.scrollTop - wanted) > 2) {
      scroller.scrollTo({ top: wanted, behavior: 'auto' });
      still = 0;
    } else still++;
    if (still < 3 && ++frames < 30) frame = requestAnimationFrame(settle);
    else stop();
  };
  frame = requestAnimationFrame(settle);
}

/** Bring a range (or an area's box) a third of the way down the reader's scroller, and flash it. */
export function scrollToAndFlash(range: Range | Element, content: HTMLElement, flashMs = 900) {
  const scroller = content.parentElement;
  if (scroller) scrollToThird(range, content, scroller, 'smooth');
  if (range instanceof Range) flashRange(range, flashMs);
  else {
    range.classList.add('flash');
    window.setTimeout(() => range.classList.remove('flash'), flashMs);
  }
}
