import type { NotebookDocument } from '../../../shared/model.ts';

/**
 * Texts longer than this are drawn lazily. Their blocks lay out only near the viewport
 * (`content-visibility: auto`, see `.article.lazy-layout` in reader.css), and they are inserted
 * in slices (`useBlocksShown`). A 100,000-word text otherwise costs the page one task of some
 * 300 ms when it opens (React creating every block, then the style and layout of all of them,
 * forced again by each measure that follows a change); a short article is drawn in a few
 * milliseconds and keeps exact geometry for everything measured on it.
 */
export const LAZY_LAYOUT_CHARS = 60_000;

/** Whether a document's text is drawn lazily: a long article's; never a PDF's, whose pages draw themselves. */
export const laysOutLazily = (doc: Pick<NotebookDocument, 'text' | 'pdf'>) =>
  !doc.pdf && doc.text.length > LAZY_LAYOUT_CHARS;

/** Characters drawn at once when a long text opens: several screens at any line width. */
export const FIRST_CHARS = 15_000;
/** Characters added per slice after that (about 0.1 ms of React work per block of prose). */
export const NEXT_CHARS = 60_000;

/**
 * How many blocks to draw: all of a short text's (and of a PDF's, whose pages draw themselves
 * as they come into view); of a long one's, those already drawn (`from`) and enough more to
 * cover `chars` characters.
 */
export function blocksToShow(
  doc: Pick<NotebookDocument, 'text' | 'blocks' | 'pdf'>,
  from: number,
  chars: number,
): number {
  const { blocks } = doc;
  if (!laysOutLazily(doc)) return blocks.length;
  if (from >= blocks.length) return blocks.length;
  const limit = (blocks[from]?.start ?? 0) + chars;
  let n = from + 1;
  while (n < blocks.length && blocks[n]!.start < limit) n++;
  return n;
}
