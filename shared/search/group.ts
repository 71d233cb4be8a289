import { SEARCH_KINDS, type SearchHit, type SearchKind } from './types.ts';

export const KIND_TITLES: Record<SearchKind, string> = {
  quote: 'Quotes',
  note: 'Notes',
  tag: 'Tags',
  document: 'Documents',
};

/**
 * Results by kind, in a fixed order (quotes, notes, tags, documents), each group in rank order
 * and cut to `perGroup`; empty groups left out. The flat list is the keyboard order.
 */
export function groupHits(
  hits: readonly SearchHit[],
  perGroup: number,
): { groups: { kind: SearchKind; hits: SearchHit[] }[]; flat: SearchHit[] } {
  const groups = SEARCH_KINDS.map((kind) => ({
    kind,
    hits: hits.filter((h) => h.kind === kind).slice(0, perGroup),
  })).filter((g) => g.hits.length > 0);
  return { groups, flat: groups.flatMap((g) => g.hits) };
}
