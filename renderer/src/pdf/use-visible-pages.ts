import { type RefObject, useEffect, useState } from 'react';

/** How long the pages in view must stay put before they are drawn. */
const SETTLE_MS = 90;

/**
 * The pages to draw: those in view and one either side, from an IntersectionObserver over the
 * page boxes (each carries `data-page-index`). The rest stay placeholders of the right size, so
 * a 500-page PDF costs a few pages of canvases and text layers, not 500.
 */
export function useVisiblePages(
  container: RefObject<HTMLElement | null>,
  pageCount: number,
  layoutKey: unknown,
): Set<number> {
  const [wanted, setWanted] = useState<Set<number>>(() => new Set([0, 1]));
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new zoom lays the pages out anew.
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const inView = new Set<number>();
    let settle = 0;
    const update = () => {
      const next = new Set<number>();
      for (const index of inView) {
        for (const near of [index - 1, index, index + 1]) {
          if (near >= 0 && near < pageCount) next.add(near);
        }
      }
      setWanted((previous) =>
        next.size === previous.size && [...next].every((i) => previous.has(i)) ? previous : next,
      );
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.pageIndex);
          if (entry.isIntersecting) inView.add(index);
          else inView.delete(index);
        }
        // Pages flown past while scrolling fast are not drawn: the set settles first.
        window.clearTimeout(settle);
        settle = window.setTimeout(update, SETTLE_MS);
      },
      { root: scrollParent(root), rootMargin: '200px 0px' },
    );
    for (const box of root.querySelectorAll('[data-page-index]')) observer.observe(box);
    return () => {
      window.clearTimeout(settle);
      observer.disconnect();
    };
  }, [container, pageCount, layoutKey]);
  return wanted;
}

/** The element that scrolls the reader (the page boxes move inside it). */
export function scrollParent(element: HTMLElement): HTMLElement | null {
  let current = element.parentElement;
  while (current) {
    const { overflowY } = getComputedStyle(current);
    if (overflowY === 'auto' || overflowY === 'scroll') return current;
    current = current.parentElement;
  }
  return null;
}
