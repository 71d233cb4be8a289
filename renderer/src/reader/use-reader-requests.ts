import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../shared/model.ts';
import { clearCandidates, clearFind, paintCandidates, paintFind } from './highlight-painter.ts';
import type { ReaderProps } from './Reader.tsx';
import { scrollToAndFlash, scrollToRange } from './reader-geometry.ts';
import type { ReaderSurface } from './use-text-surface.ts';

/**
 * What other views ask of the reader: jump to a highlight (search, notes, the panel), reveal a
 * span (the quote finder's list), and mark the finder's candidates. Each request is served once,
 * when its text is on screen: a document may still be loading, and a PDF page may not be drawn
 * yet (then the reader goes to the page, the page draws, and the request is served).
 */
export function useReaderRequests(
  { index, contentRef, pdfGoTo, placeOf, indexed }: ReaderSurface,
  visible: readonly Annotation[],
  { jump, reveal, candidates, find }: ReaderProps,
) {
  // Scroll to a requested highlight once it is on the page (the document and its highlights may
  // still be loading when the request comes); each request is served once.
  const servedJump = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `indexed` counts text surfaces drawn.
  useEffect(() => {
    if (!jump || servedJump.current === jump.seq || !index.current || !contentRef.current) return;
    const target = visible.find((a) => a.id === jump.id);
    // An orphan's stored offsets point at text that is no longer its quote: do not pretend.
    if (!target || target.orphan) return;
    const range = placeOf(target);
    if (!range) {
      // On a PDF page not drawn yet: go to the page; it renders and this runs again.
      if ('area' in target.target) pdfGoTo.current?.page(target.target.area.page);
      else pdfGoTo.current?.offset(target.target.position.start);
      return;
    }
    servedJump.current = jump.seq;
    scrollToAndFlash(range, contentRef.current);
  }, [jump, visible, indexed, placeOf]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `indexed` says the surface in `index` changed.
  useEffect(() => {
    if (indexed === 0 || !index.current) return;
    if (candidates) paintCandidates(index.current, candidates.spans, candidates.active);
    else clearCandidates();
  }, [candidates, indexed]);
  useEffect(() => clearCandidates, []);

  // Find in document: paint the matches on what is drawn (each PDF page as it draws), and bring
  // the current match into view when the count moves (`seq`), going to its page first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `indexed` says the surface in `index` changed.
  useEffect(() => {
    if (indexed === 0 || !index.current) return;
    if (find && find.spans.length > 0) paintFind(index.current, find.spans, find.active);
    else clearFind();
  }, [find, indexed]);
  useEffect(() => clearFind, []);
  const servedFind = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a step that came before its page was drawn is served once it is.
  useEffect(() => {
    if (!find?.active || servedFind.current === find.seq || !index.current || !contentRef.current)
      return;
    const range = index.current.range(find.active.start, find.active.end);
    if (!range) {
      pdfGoTo.current?.offset(find.active.start);
      return;
    }
    servedFind.current = find.seq;
    scrollToRange(range, contentRef.current);
  }, [find, indexed]);

  // Scroll to a requested span of the text and flash it; each request is served once.
  const servedReveal = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a request that came before the text was indexed is served once it is.
  useEffect(() => {
    if (!reveal || servedReveal.current === reveal.seq || !index.current || !contentRef.current)
      return;
    const range = index.current.range(reveal.start, reveal.end);
    if (!range) {
      pdfGoTo.current?.offset(reveal.start);
      return;
    }
    servedReveal.current = reveal.seq;
    scrollToAndFlash(range, contentRef.current, 1200);
  }, [reveal, indexed]);
}
