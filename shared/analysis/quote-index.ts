import { isTextAnnotation } from '../annotations.ts';
import { parentPath } from '../codebook.ts';
import type { Annotation, NotebookDocument, Tag } from '../model.ts';
import { QUOTE_TAG, SPEAKER_ROOT, speakerOfTag } from '../quotes/speaker-tags.ts';
import type { AnalysisFilter } from './query.ts';

/** A quote reduced to what the charts count by. */
export interface IndexedQuote {
  id: string;
  documentId: string;
  /** Text offsets; null for an area of a PDF page (it overlaps nothing). */
  start: number | null;
  end: number | null;
  /** Its own code tags (never the quote finder's `quote`, `speaker`, `speaker/…`). */
  codes: string[];
  /** Its own tags and all their ancestors, each once. */
  codesWithin: string[];
  /** Its top-level tags, each once. */
  topCodes: string[];
  /** The speaker tags it carries. */
  speakers: string[];
}

/**
 * The notebook prepared once for every chart: codes split from speakers, each tag's ancestry
 * worked out once, each quote reduced to ids. Built in one pass over the quotes, and cached by the
 * core per store revision, so a chart costs a pass over small arrays rather than over records.
 */
export interface AnalysisIndex {
  /** Code tags (no quote-finder tags) in codebook order: by path, so parents precede children. */
  codes: Tag[];
  speakers: Tag[];
  tagsById: Map<string, Tag>;
  /** A code tag's id → its top-level ancestor's id (itself at the top). */
  topOf: Map<string, string>;
  /** A code tag's id → itself and its ancestors' ids. */
  withinOf: Map<string, string[]>;
  documents: Map<string, Pick<NotebookDocument, 'id' | 'title' | 'publishedDate'>>;
  quotes: IndexedQuote[];
}

const key = (name: string) => name.toLowerCase();

/** The tags the quote finder makes: they say what a highlight is and who spoke, not its theme. */
export function isFinderTag(tag: Pick<Tag, 'name'>): boolean {
  const name = key(tag.name);
  return name === QUOTE_TAG || name === SPEAKER_ROOT || name.startsWith(`${SPEAKER_ROOT}/`);
}

export function buildIndex(data: {
  documents: readonly NotebookDocument[];
  annotations: readonly Annotation[];
  tags: readonly Tag[];
}): AnalysisIndex {
  const tagsById = new Map(data.tags.map((t) => [t.id, t]));
  const byName = new Map(data.tags.map((t) => [key(t.name), t]));
  const codes = data.tags
    .filter((t) => !isFinderTag(t))
    .sort((a, b) => a.name.localeCompare(b.name));
  const speakers = data.tags
    .filter((t) => speakerOfTag(t) !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
  const speakerIds = new Set(speakers.map((t) => t.id));

  const topOf = new Map<string, string>();
  const withinOf = new Map<string, string[]>();
  for (const tag of codes) {
    const chain = [tag.id];
    let top = tag.id;
    for (let p = parentPath(tag.name); p !== null; p = parentPath(p)) {
      const parent = byName.get(key(p));
      if (!parent) continue;
      chain.push(parent.id);
      top = parent.id;
    }
    topOf.set(tag.id, top);
    withinOf.set(tag.id, chain);
  }

  const quotes: IndexedQuote[] = [];
  for (const a of data.annotations) {
    const codesOfQuote: string[] = [];
    const speakersOfQuote: string[] = [];
    for (const id of a.tagIds) {
      if (withinOf.has(id)) {
        if (!codesOfQuote.includes(id)) codesOfQuote.push(id);
      } else if (speakerIds.has(id) && !speakersOfQuote.includes(id)) speakersOfQuote.push(id);
    }
    const within: string[] = [];
    const tops: string[] = [];
    for (const id of codesOfQuote) {
      for (const t of withinOf.get(id)!) if (!within.includes(t)) within.push(t);
      const top = topOf.get(id)!;
      if (!tops.includes(top)) tops.push(top);
    }
    const placed = isTextAnnotation(a) && !a.orphan ? a.target.position : null;
    quotes.push({
      id: a.id,
      documentId: a.documentId,
      start: placed ? placed.start : null,
      end: placed ? placed.end : null,
      codes: codesOfQuote,
      codesWithin: within,
      topCodes: tops,
      speakers: speakersOfQuote,
    });
  }
  const documents = new Map(
    data.documents.map((d) => [d.id, { id: d.id, title: d.title, publishedDate: d.publishedDate }]),
  );
  return { codes, speakers, tagsById, topOf, withinOf, documents, quotes };
}

/** The codes a quote counts for at a level: top-level tags, or its tags with their parents. */
export function codesAt(quote: IndexedQuote, level: 'top' | 'all'): string[] {
  return level === 'top' ? quote.topCodes : quote.codesWithin;
}

/** The quotes a filter lets through, in notebook order. */
export function filterQuotes(index: AnalysisIndex, filter: AnalysisFilter): IndexedQuote[] {
  const documents = filter.documentIds ? new Set(filter.documentIds) : null;
  const tags = filter.tagIds ? new Set(filter.tagIds) : null;
  const speakers = filter.speakerIds ? new Set(filter.speakerIds) : null;
  if (!documents && !tags && !speakers) return index.quotes;
  return index.quotes.filter(
    (q) =>
      (!documents || documents.has(q.documentId)) &&
      (!tags || q.codesWithin.some((t) => tags.has(t))) &&
      (!speakers || q.speakers.some((s) => speakers.has(s))),
  );
}

/**
 * The code tags a chart shows as rows or columns at a level, narrowed to the filtered tags'
 * subtrees (at the top level, to their top-level tags). In codebook order.
 */
export function codeAxis(
  index: AnalysisIndex,
  level: 'top' | 'all',
  filterTagIds: readonly string[] | undefined,
): Tag[] {
  const atLevel = index.codes.filter((t) => level === 'all' || index.topOf.get(t.id) === t.id);
  if (!filterTagIds) return atLevel;
  const wanted = new Set(filterTagIds);
  return atLevel.filter((t) => {
    if (level === 'top')
      return index.codes.some((c) => wanted.has(c.id) && index.topOf.get(c.id) === t.id);
    return (index.withinOf.get(t.id) ?? []).some((a) => wanted.has(a));
  });
}

/** The words of a quote's first tags, for the cell's quote list. */
export function tagNames(index: AnalysisIndex, ids: readonly string[]): string[] {
  return ids.map((id) => index.tagsById.get(id)?.name).filter((n): n is string => !!n);
}
