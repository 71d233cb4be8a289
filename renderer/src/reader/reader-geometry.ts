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
