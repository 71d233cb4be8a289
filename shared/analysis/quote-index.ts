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
  /**
   * Its own code tags (never the quote finder's `quote`, `speaker`, `speaker/…`). These lists may
   * be shared between quotes: read them, never change them.
   */
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
  /** The codebook this was built with (ids and paths), and each quote's reduction, for reuse. */
  codebook: string;
  reduced: Map<string, Reduced>;
}

const key = (name: string) => name.toLowerCase();
/** Shared by every quote without codes or speakers; never written to. */
const EMPTY: string[] = [];

/** The tags the quote finder makes: they say what a highlight is and who spoke, not its theme. */
export function isFinderTag(tag: Pick<Tag, 'name'>): boolean {
  const name = key(tag.name);
  return name === QUOTE_TAG || name === SPEAKER_ROOT || name.startsWith(`${SPEAKER_ROOT}/`);
}

/** What a quote's reduction depends on: when these are the same objects, so is the reduction. */
interface Reduced {
  tagIds: readonly string[];
  tagCount: number;
  target: Annotation['target'];
  orphan: boolean | undefined;
  quote: IndexedQuote;
}

/**
 * Build the index. Given the previous one and a codebook that has not changed since (same ids
 * and paths), quotes whose tag list and target are the very objects seen last time keep their
 * reduction: after an edit only the changed quotes are reduced again, which is what keeps the
 * first chart after a change quick at 100,000 quotes (the store replaces, never edits in place,
 * the tag lists and targets it changes; a push onto a list changes its length, checked too).
 */
export function buildIndex(data: IndexSource, previous?: AnalysisIndex): AnalysisIndex {
  const steps = indexSteps(data, previous);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

export interface IndexSource {
  documents: readonly NotebookDocument[];
  annotations: readonly Annotation[];
  tags: readonly Tag[];
}

/**
 * The same build in steps: it pauses after every `chunk` quotes, so the core can build the index
 * in the background between other work (a turn of the event loop per step) and have it ready
 * before the Analysis view is first opened.
 */
export function* indexSteps(
  data: IndexSource,
  previous?: AnalysisIndex,
  chunk = 5000,
): Generator<void, AnalysisIndex, void> {
  const codebook = data.tags.map((t) => `${t.id}\u0000${t.name}`).join('\u0001');
  const reuse = previous && previous.codebook === codebook ? previous.reduced : null;
  // By id, not a WeakMap by record: 100,000 weak entries cost the garbage collector more.
  const reduced = new Map<string, Reduced>();
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

  // Most quotes carry zero or one code: they share the tag's own read-only lists instead of
  // allocating four arrays each (at 100,000 quotes the allocations were most of the cost).
  const topsOf = new Map<string, string[]>();
  for (const [id, top] of topOf) topsOf.set(id, [top]);
  const ownOf = new Map<string, string[]>();
  for (const id of withinOf.keys()) ownOf.set(id, [id]);
  const quotes: IndexedQuote[] = new Array(data.annotations.length);
  let i = 0;
  for (const a of data.annotations) {
    if (i > 0 && i % chunk === 0) yield;
    const known = reuse?.get(a.id);
    if (
      known &&
      known.tagIds === a.tagIds &&
      known.tagCount === a.tagIds.length &&
      known.target === a.target &&
      known.orphan === a.orphan &&
      known.quote.documentId === a.documentId
    ) {
      reduced.set(a.id, known);
      quotes[i++] = known.quote;
      continue;
    }
    let codesOfQuote: string[] = EMPTY;
    let speakersOfQuote: string[] = EMPTY;
    for (const id of a.tagIds) {
      if (withinOf.has(id)) {
        if (codesOfQuote === EMPTY) codesOfQuote = ownOf.get(id)!;
        else if (!codesOfQuote.includes(id)) codesOfQuote = [...codesOfQuote, id];
      } else if (speakerIds.has(id)) {
        if (speakersOfQuote === EMPTY) speakersOfQuote = [id];
        else if (!speakersOfQuote.includes(id)) speakersOfQuote.push(id);
      }
    }
    let within: string[] = EMPTY;
    let tops: string[] = EMPTY;
    if (codesOfQuote.length === 1) {
      within = withinOf.get(codesOfQuote[0]!)!;
      tops = topsOf.get(codesOfQuote[0]!)!;
    } else if (codesOfQuote.length > 1) {
      within = [];
      tops = [];
      for (const id of codesOfQuote) {
        for (const t of withinOf.get(id)!) if (!within.includes(t)) within.push(t);
        const top = topOf.get(id)!;
        if (!tops.includes(top)) tops.push(top);
      }
    }
    const placed = isTextAnnotation(a) && !a.orphan ? a.target.position : null;
    const quote: IndexedQuote = {
      id: a.id,
      documentId: a.documentId,
      start: placed ? placed.start : null,
      end: placed ? placed.end : null,
      codes: codesOfQuote,
      codesWithin: within,
      topCodes: tops,
      speakers: speakersOfQuote,
    };
    reduced.set(a.id, {
      tagIds: a.tagIds,
      tagCount: a.tagIds.length,
      target: a.target,
      orphan: a.orphan,
      quote,
    });
    quotes[i++] = quote;
  }
  const documents = new Map(
    data.documents.map((d) => [d.id, { id: d.id, title: d.title, publishedDate: d.publishedDate }]),
  );
  return { codes, speakers, tagsById, topOf, withinOf, documents, quotes, codebook, reduced };
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
