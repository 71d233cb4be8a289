import { type RefObject, useEffect, useRef } from 'react';
import type { ReadingState } from '../../../shared/reading/reading-state.ts';
import { call } from '../notebook-client.ts';
import { documentScroller, measurePlace, restorePlace } from './reading-place.ts';

/** A place is saved this long after scrolling stops (and when the document is left). */
const SAVE_AFTER_MS = 800;
/** How long to wait for the document's text to be laid out before giving up restoring. */
const RESTORE_WITHIN_MS = 3000;

/**
 * Each document opens where it was left and remembers where it is: restored once when it
 * opens (unless the reader was sent to a quote), saved when scrolling pauses and on leaving.
 */
export function useReadingPlace(
  readerRef: RefObject<HTMLElement | null>,
  documentId: string | null,
  saved: ReadingState | undefined,
  /** True when the document is opened to show a quote: its place is not restored then. */
  jumping: boolean,
): void {
  // Read when the document opens only: later saves must not scroll the reader.
  const initial = useRef({ saved, jumping });
  initial.current = { saved, jumping };

  useEffect(() => {
    if (!documentId) return;
    const { saved: place, jumping: skip } = initial.current;
    let scroller: HTMLElement | null = null;
    let timer: number | undefined;
    let frame = 0;
    let ready = false;
    const started = performance.now();
    const save = () => {
      window.clearTimeout(timer);
      timer = undefined;
      if (!scroller || !ready) return;
      const { position, progress } = measurePlace(scroller);
      void call('saveReadingState', { documentId, position, progress }).catch(() => {});
    };
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, SAVE_AFTER_MS);
    };
    // The text arrives and lays out after the document is chosen: wait for it, then restore.
    const attach = () => {
      scroller = documentScroller(readerRef.current);
      // A long text is drawn in slices (the article is busy meanwhile): its place may be far down.
      const laidOut =
        scroller &&
        !scroller.querySelector('.article[aria-busy="true"]') &&
        (scroller.querySelector('.article > *') || scroller.scrollHeight > scroller.clientHeight);
      if (!scroller || !laidOut) {
        if (performance.now() - started < RESTORE_WITHIN_MS) frame = requestAnimationFrame(attach);
        return;
      }
      if (place && !skip) restorePlace(scroller, place);
      ready = true;
      scroller.addEventListener('scroll', onScroll, { passive: true });
      // Opening counts as reading: "last opened" and the progress are known at once.
      save();
    };
    frame = requestAnimationFrame(attach);
    window.addEventListener('pagehide', save);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('pagehide', save);
      scroller?.removeEventListener('scroll', onScroll);
      if (timer !== undefined) save();
    };
  }, [documentId, readerRef]);
}
