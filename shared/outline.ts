import type { NotebookDocument } from './model.ts';

/** A heading to jump to: its words, its level (1 top), and the text it stands on. */
export interface OutlineEntry {
  title: string;
  level: number;
  start: number;
  end: number;
  /** On a PDF, the 0-based page the entry points to. */
  page?: number;
}

/**
 * The document's outline: an article's headings as imported (Markdown `#`, HTML `<h1>`–`<h6>`),
 * or a PDF's own outline (its bookmarks), each pointing at the text to bring into view (for a
 * bookmark, the start of its page). Bookmarks without a page in this file are left out.
 */
export function documentOutline(
  doc: Pick<NotebookDocument, 'text' | 'blocks' | 'pdf'>,
): OutlineEntry[] {
  if (doc.pdf) {
    const { pageStarts } = doc.pdf;
    const out: OutlineEntry[] = [];
    for (const item of doc.pdf.outline) {
      if (item.page === null || item.page >= pageStarts.length) continue;
      const start = pageStarts[item.page] as number;
      const next = pageStarts[item.page + 1] ?? doc.text.length;
      // A few words of the page to flash, not the whole page.
      const end = Math.max(start, Math.min(next, start + 40));
      out.push({
        title: item.title.trim() || `Page ${item.page + 1}`,
        level: item.depth + 1,
        start,
        end,
        page: item.page,
      });
    }
    return out;
  }
  return doc.blocks
    .filter((b) => b.type === 'heading' && b.end > b.start)
    .map((b) => ({
      title: doc.text.slice(b.start, b.end).replace(/\s+/g, ' ').trim(),
      level: b.level ?? 1,
      start: b.start,
      end: b.end,
    }));
}
