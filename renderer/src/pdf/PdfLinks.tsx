import type { PageViewport } from 'pdfjs-dist';
import type { PdfRect } from '../../../shared/model.ts';
import { pdfRectToBox } from './area-geometry.ts';

/** A link on a PDF page: a web address, or a place in the same PDF. */
export interface PdfLink {
  rect: PdfRect;
  url: string | null;
  dest: unknown;
}

/**
 * Where a page's links are, outlined faintly. They never take the mouse (the text under them
 * stays selectable); Ctrl/Cmd+click on one follows it (see PdfPage): a web address only through
 * the app's confirm-before-open path, a place in the PDF by going to its page. Script, launch
 * and form actions are never links here.
 */
export function PdfLinks({
  viewport,
  links,
}: {
  viewport: PageViewport;
  links: readonly PdfLink[];
}) {
  return (
    <div className="pdf-links" aria-hidden>
      {links.map((link, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: a page's links are fixed.
          key={i}
          className="pdf-link"
          style={pdfRectToBox(viewport, link.rect)}
        />
      ))}
    </div>
  );
}

/** The link under a point of the page (CSS pixels from its corner), if any. */
export function linkAt(
  viewport: PageViewport,
  links: readonly PdfLink[],
  x: number,
  y: number,
): PdfLink | null {
  for (const link of links) {
    const box = pdfRectToBox(viewport, link.rect);
    if (x >= box.left && x <= box.left + box.width && y >= box.top && y <= box.top + box.height)
      return link;
  }
  return null;
}
