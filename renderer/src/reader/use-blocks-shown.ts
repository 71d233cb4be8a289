import { useEffect, useState } from 'react';
import type { NotebookDocument } from '../../../shared/model.ts';
import { blocksToShow, FIRST_CHARS, NEXT_CHARS } from './lazy-layout.ts';

/**
 * How many of the document's blocks the article draws. A short text draws them all at once. A
 * long one (`laysOutLazily`) draws its first screens at once and the rest in slices, a task each,
 * so the text is on screen sooner and no single task inserts 100,000 words: the article is
 * `aria-busy` meanwhile, and whatever waits for a far offset (a jump, a find step, the reading
 * place) is served once the slice holding it is drawn.
 */
export function useBlocksShown(doc: NotebookDocument): { shown: number; complete: boolean } {
  const [state, setState] = useState({ doc, shown: blocksToShow(doc, 0, FIRST_CHARS) });
  // A new document (or a new version of it) starts again from its first screens, in this render.
  const current = state.doc === doc ? state : { doc, shown: blocksToShow(doc, 0, FIRST_CHARS) };
  if (current !== state) setState(current);
  const total = doc.blocks.length;
  useEffect(() => {
    if (current.shown >= total) return;
    // The next slice when the page is idle: the highlight list (a deferred render, which every
    // slice would interrupt and restart) and the reader's own input come first.
    return whenIdle(() =>
      setState((s) => (s.doc === doc ? { doc, shown: blocksToShow(doc, s.shown, NEXT_CHARS) } : s)),
    );
  }, [doc, current.shown, total]);
  return { shown: current.shown, complete: current.shown >= total };
}

/** Run `task` when the page is next idle (within `SLICE_WAIT_MS` at most); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout: SLICE_WAIT_MS });
    return () => window.cancelIdleCallback(id);
  }
  const timer = window.setTimeout(task, 0);
  return () => window.clearTimeout(timer);
}

/** However busy the page, the rest of the text keeps coming: a slice at least this often. */
const SLICE_WAIT_MS = 200;
