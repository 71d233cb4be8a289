import type { DocumentSummary } from '../model.ts';
import type { ReadingStates } from '../reading/reading-state.ts';
import { foldText } from '../search/text.ts';

/** What the library can be sorted by, each in the direction a researcher reads it. */
export type LibrarySort = 'added' | 'opened' | 'title' | 'author' | 'published' | 'highlights';

/** Each order: a short label for the narrow library, and what it means in full. */
export const LIBRARY_SORTS: { id: LibrarySort; label: string; description: string }[] = [
  { id: 'added', label: 'Added', description: 'date added, newest first' },
  { id: 'opened', label: 'Opened', description: 'last opened, most recent first' },
  { id: 'title', label: 'Title', description: 'title' },
  { id: 'author', label: 'Author', description: 'author' },
  { id: 'published', label: 'Published', description: 'date published, newest first' },
  { id: 'highlights', label: 'Highlights', description: 'number of highlights, most first' },
];

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byTitle = (a: DocumentSummary, b: DocumentSummary) =>
  collator.compare(a.title || '\uffff', b.title || '\uffff');
/** Missing values sort last whichever way the rest goes. */
const lastIfMissing = (a: string, b: string) => (a ? 0 : 1) - (b ? 0 : 1);

type Order = (a: DocumentSummary, b: DocumentSummary, reading: ReadingStates) => number;

const ORDER: Record<LibrarySort, Order> = {
  // Newest first, as the library has always listed them.
  added: (a, b) => b.importedAt.localeCompare(a.importedAt),
  // Most recently opened first; never opened last, newest added first among them.
  opened: (a, b, reading) => {
    const at = reading[a.id]?.openedAt ?? '';
    const bt = reading[b.id]?.openedAt ?? '';
    return (
      lastIfMissing(at, bt) || bt.localeCompare(at) || b.importedAt.localeCompare(a.importedAt)
    );
  },
  title: byTitle,
  author: (a, b) =>
    lastIfMissing(a.author, b.author) || collator.compare(a.author, b.author) || byTitle(a, b),
  // Newest first; undated last.
  published: (a, b) =>
    lastIfMissing(a.publishedDate ?? '', b.publishedDate ?? '') ||
    (b.publishedDate ?? '').localeCompare(a.publishedDate ?? '') ||
    byTitle(a, b),
  highlights: (a, b) => b.annotationCount - a.annotationCount || byTitle(a, b),
};

/**
 * The documents the library shows: those in the chosen collection (if one is) whose title,
 * author or source has every word typed (folded as search folds, so accents and case do not
 * matter; a word matches any part of a word), in the chosen order. Stable: equal documents keep
 * the core's order.
 */
export function libraryView(
  documents: readonly DocumentSummary[],
  options: {
    sort: LibrarySort;
    filter: string;
    /** Only these documents (a collection's); all when absent. */
    within?: ReadonlySet<string> | null;
    /** Where each was read, for the "last opened" order. */
    reading?: ReadingStates;
  },
): DocumentSummary[] {
  const words = foldText(options.filter).split(/\s+/).filter(Boolean);
  const { within } = options;
  const shown = documents.filter((d) => {
    if (within && !within.has(d.id)) return false;
    if (words.length === 0) return true;
    const hay = foldText(`${d.title} ${d.author} ${d.source}`);
    return words.every((w) => hay.includes(w));
  });
  const reading = options.reading ?? {};
  const order = ORDER[options.sort];
  return shown.sort((a, b) => order(a, b, reading));
}
