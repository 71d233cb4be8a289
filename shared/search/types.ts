import type { HighlightColor } from '../colors.ts';

export type SearchKind = 'quote' | 'note' | 'tag' | 'document';
export const SEARCH_KINDS: readonly SearchKind[] = ['quote', 'note', 'tag', 'document'];

/** One result, ready to show: its lines, and where in them the query matched. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** The document a quote or note belongs to, a document's own id; else null. */
  documentId: string | null;
  documentTitle: string;
  /** A quote's text, a note's title, a tag's path, a document's title. */
  title: string;
  /** A quote's comment, a note's text around the match, a tag's description, a byline. */
  detail: string;
  /** Matched characters, as [start, end) ranges of `title` and of `detail`. */
  titleMatches: [number, number][];
  detailMatches: [number, number][];
  color: HighlightColor | null;
  tagIds: string[];
  orphan: boolean;
  score: number;
}

export interface SearchResults {
  hits: SearchHit[];
  /** Everything that matched; `hits` are the best of them. */
  total: number;
  tookMs: number;
}
