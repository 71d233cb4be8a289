import { foldWithOffsets } from '../search/text.ts';

/** A match of find-in-document: offsets into the document's canonical text. */
export interface FindMatch {
  start: number;
  end: number;
}

/** Beyond this many matches the count says "1,000+" rather than walking a whole book. */
export const FIND_LIMIT = 1000;

/**
 * Find in one document, folded as search folds (case, accents, curly quotes and apostrophes:
 * `doesnt` finds doesn’t, `herat` finds Hérat). The text is folded once, on the first search,
 * and every later keystroke searches the folded copy; matches are mapped back to the original
 * offsets, so they paint and select exactly the characters they cover.
 */
export function createTextFinder(text: string) {
  let folded: { folded: string; offsets: number[] } | null = null;
  return {
    /** The matches of `query`, in text order, not overlapping; at most `limit` (then `more`). */
    find(query: string, limit = FIND_LIMIT): { matches: FindMatch[]; more: boolean } {
      const needle = foldWithOffsets(query.trim()).folded;
      if (needle === '') return { matches: [], more: false };
      folded ??= foldWithOffsets(text);
      const { folded: hay, offsets } = folded;
      const matches: FindMatch[] = [];
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
        if (matches.length === limit) return { matches, more: true };
        // From the first matched character's original to the end of the last one's: not on to
        // what folded away after it (`Herat’s` finds `Herat`, not `Herat’`).
        const start = offsets[at] as number;
        const last = offsets[at + needle.length - 1] as number;
        const end = last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
        if (end > start) matches.push({ start, end });
      }
      return { matches, more: false };
    },
  };
}
