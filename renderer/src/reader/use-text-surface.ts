import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Annotation, NotebookDocument } from '../../../shared/model.ts';
import type { PdfNavigator } from '../pdf/PdfPages.tsx';
import { indexSegments } from './dom-offsets.ts';
import { clearHighlights } from './highlight-painter.ts';
import { articleSurface, type TextSurface } from './text-surface.ts';

/**
 * The text as drawn, which everything the reader paints or measures goes through: the
 * article's DOM, indexed when a document (or a new version of it) renders, or a PDF's text
 * layers, handed over as its pages render. `indexed` counts the surfaces drawn, so effects that
 * paint or scroll run again for each; `placeOf` finds a highlight on screen; positions are
 * measured in the content box (`contentRef`), which scrolls with the text.
 */
export function useTextSurface(doc: NotebookDocument, blocksShown: number) {
  const contentRef = useRef<HTMLDivElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  // The text as drawn: the article's DOM, or a PDF's text layers (set when its pages render).
  const index = useRef<TextSurface | null>(null);
  /** Set by the PDF view: scroll to the page an offset is on (so it renders). */
  const pdfGoTo = useRef<PdfNavigator | null>(null);

  // Bumped each time the text is indexed: a new version of the document (or new details) renders
  // new DOM, and its highlights must be painted again even when the list of them is unchanged.
  // A long text is drawn in slices: each slice drawn is indexed again (what waits for a far
  // offset is served then), but highlights are cleared only for another document.
  const [indexed, setIndexed] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another document clears what was painted on the last.
  useLayoutEffect(() => clearHighlights, [doc]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each slice drawn (`blocksShown`) is new DOM to index.
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (article && !doc.pdf)
      index.current = articleSurface(indexSegments(article, doc.text.length), article);
    if (doc.pdf) index.current = null;
    setIndexed((n) => n + 1);
  }, [doc, blocksShown]);
  // A PDF's pages render as they come into view: each time, highlights are painted again.
  const onPdfSurface = useCallback((surface: TextSurface) => {
    index.current = surface;
    setIndexed((n) => n + 1);
  }, []);

  /** Where a highlight is on screen: its text's range, or its area's box on a PDF page. */
  const placeOf = useCallback((a: Annotation): Range | Element | null => {
    if ('area' in a.target)
      return contentRef.current?.querySelector(`[data-area-id="${a.id}"]`) ?? null;
    return index.current?.range(a.target.position.start, a.target.position.end) ?? null;
  }, []);

  return { contentRef, articleRef, index, indexed, onPdfSurface, pdfGoTo, placeOf };
}

export type ReaderSurface = ReturnType<typeof useTextSurface>;
