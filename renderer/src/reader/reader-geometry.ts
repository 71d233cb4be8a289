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
  scroller?.scrollTo({ top: Math.max(0, box.top - height / 3), behavior: 'auto' });
}

/** Bring a range (or an area's box) a third of the way down the reader's scroller, and flash it. */
export function scrollToAndFlash(range: Range | Element, content: HTMLElement, flashMs = 900) {
  const scroller = content.parentElement;
  const box = boxOf(range, content);
  scroller?.scrollTo({ top: Math.max(0, box.top - scroller.clientHeight / 3), behavior: 'smooth' });
  if (range instanceof Range) flashRange(range, flashMs);
  else {
    range.classList.add('flash');
    window.setTimeout(() => range.classList.remove('flash'), flashMs);
  }
}
