import { basename } from 'node:path';
import { importPdf, openBenchCore } from './core.ts';
import { spreadRanges } from './ranges.ts';

export interface RoundTripRow {
  file: string;
  pages: number;
  chars: number;
  /** Highlights made before closing (0 when the PDF has no text: nothing to anchor). */
  highlights: number;
  /** Highlights that came back with the same offsets and the same quote as the text says. */
  same: number;
  /** Why the file was left out, when it was. */
  skipped?: string;
}

/** Highlights a document gets; enough to land on most pages of a short PDF and many of a book. */
const HIGHLIGHTS = 40;

/**
 * The anchoring round trip in the core: import, highlight whole words spread over the text, close
 * the notebook (flushing the journal), open it again from the folder, and check every highlight
 * is back where it was: same document text, same offsets, and `quote.exact` equal to the text at
 * those offsets. (The rectangles are the renderer's; renderer-case.ts compares those.)
 */
export async function roundTrip(path: string): Promise<RoundTripRow> {
  const core = await openBenchCore();
  try {
    const { documentId, measure } = await importPdf(core, path);
    const row: RoundTripRow = {
      file: basename(path),
      pages: measure.pages,
      chars: measure.chars,
      highlights: 0,
      same: 0,
    };
    const before = core.notebook.store.data.documents.find((d) => d.id === documentId)!;
    if (before.text.trim() === '') return { ...row, skipped: 'no text layer (a scan or images)' };
    // What was asked for, and what the core said it stored.
    const made: { id: string; start: number; end: number; exact: string }[] = [];
    for (const r of spreadRanges(before.text, HIGHLIGHTS)) {
      const a = await core.notebook.handlers.createAnnotation({
        documentId,
        ...r,
        color: 'yellow',
      });
      made.push({ id: a.id, ...r, exact: a.target.quote?.exact ?? '' });
    }
    await core.reopen();
    const { data } = core.notebook.store;
    const after = data.documents.find((d) => d.id === documentId);
    if (!after || after.text !== before.text) return { ...row, highlights: made.length };
    let same = 0;
    for (const m of made) {
      const back = data.annotations.find((a) => a.id === m.id);
      // A text highlight comes back as one: placed, with its offsets and its quote.
      const { position, quote } = back?.target ?? {};
      if (!back || back.orphan || !position || !quote) continue;
      const { start, end } = position;
      const exact = quote.exact;
      if (
        start === m.start &&
        end === m.end &&
        exact === after.text.slice(start, end) &&
        exact === m.exact &&
        exact === before.text.slice(m.start, m.end)
      )
        same++;
    }
    return { ...row, highlights: made.length, same };
  } finally {
    await core.dispose();
  }
}
