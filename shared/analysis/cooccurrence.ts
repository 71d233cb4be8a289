import { NotebookError } from '../result.ts';
import type { AnalysisQuery } from './query.ts';
import { type AnalysisIndex, codeAxis, filterQuotes, type IndexedQuote } from './quote-index.ts';
import { maxCell, positions, tally } from './tally.ts';
import type { AnalysisTable, Axis, TagPair } from './types.ts';

type CooccurrenceQuery = Extract<AnalysisQuery, { chart: 'cooccurrence' }>;

/** The matrix shows this many tags (those in the most pairs); the pair list and CSV have all. */
export const COOCCURRENCE_MATRIX_TAGS = 30;

/** Quotes that count as one place in the text, and the codes found there. */
export interface Passage {
  quotes: IndexedQuote[];
  codes: string[];
}

/**
 * Passages: each quote alone (`quote`), or (`overlap`) quotes that share words in the same
 * document joined into one, transitively, so a long quote overlapping two short ones joins all
 * three. Area highlights and unplaced quotes have no words to share and stay alone.
 * At the top level a passage's codes are its quotes' top-level tags; otherwise their own tags
 * (not their parents: a tag would otherwise co-occur with its own parent on every quote).
 */
export function passages(
  quotes: readonly IndexedQuote[],
  scope: 'quote' | 'overlap',
  level: 'top' | 'all',
): Passage[] {
  const codesOf = (q: IndexedQuote) => (level === 'top' ? q.topCodes : q.codes);
  const coded = quotes.filter((q) => codesOf(q).length > 0);
  const alone = (q: IndexedQuote): Passage => ({ quotes: [q], codes: codesOf(q) });
  if (scope === 'quote') return coded.map(alone);
  const out: Passage[] = [];
  const placed = new Map<string, IndexedQuote[]>();
  for (const q of coded) {
    if (q.start === null) {
      out.push(alone(q));
      continue;
    }
    const list = placed.get(q.documentId);
    if (list) list.push(q);
    else placed.set(q.documentId, [q]);
  }
  for (const list of placed.values()) {
    list.sort((a, b) => a.start! - b.start!);
    let current: Passage | null = null;
    let reach = -1;
    for (const q of list) {
      if (current && q.start! < reach) {
        current.quotes.push(q);
        for (const c of codesOf(q)) if (!current.codes.includes(c)) current.codes.push(c);
        reach = Math.max(reach, q.end!);
      } else {
        current = { quotes: [q], codes: [...codesOf(q)] };
        out.push(current);
        reach = q.end!;
      }
    }
  }
  return out;
}

/** Every pair of codes found together, with the number of passages, most frequent first. */
export function rankPairs(found: readonly Passage[]): Map<string, Map<string, number>> {
  const pairs = new Map<string, Map<string, number>>();
  for (const p of found) {
    const codes = p.codes;
    for (let i = 0; i < codes.length; i++)
      for (let j = i + 1; j < codes.length; j++) {
        const [a, b] = codes[i]! < codes[j]! ? [codes[i]!, codes[j]!] : [codes[j]!, codes[i]!];
        const inner = pairs.get(a) ?? new Map<string, number>();
        pairs.set(a, inner);
        inner.set(b, (inner.get(b) ?? 0) + 1);
      }
  }
  return pairs;
}

/**
 * Co-occurrence: for each pair of codes, the passages carrying both (the same quote, or
 * overlapping quotes). The matrix holds the codes in the most pairs; `pairs` ranks them all.
 */
export function cooccurrence(index: AnalysisIndex, query: CooccurrenceQuery): AnalysisTable {
  const quotes = filterQuotes(index, query.filter);
  const found = passages(quotes, query.scope, query.level);
  const counted = rankPairs(found);
  const allowed = new Set(codeAxis(index, query.level, undefined).map((t) => t.id));
  const axis = (id: string): Axis => ({ id, label: index.tagsById.get(id)?.name ?? id });
  const pairs: TagPair[] = [];
  const involvement = new Map<string, number>();
  for (const [a, inner] of counted)
    for (const [b, count] of inner) {
      if (!allowed.has(a) || !allowed.has(b)) continue;
      // Read in name order ("actors + threat"), whatever order the ids fall in.
      const [first, second] = [axis(a), axis(b)].sort((x, y) => x.label.localeCompare(y.label));
      pairs.push({ a: first!, b: second!, count });
      involvement.set(a, (involvement.get(a) ?? 0) + count);
      involvement.set(b, (involvement.get(b) ?? 0) + count);
    }
  pairs.sort(
    (x, y) =>
      y.count - x.count || x.a.label.localeCompare(y.a.label) || x.b.label.localeCompare(y.b.label),
  );
  const shown = [...involvement.entries()]
    .sort((x, y) => y[1] - x[1] || axis(x[0]).label.localeCompare(axis(y[0]).label))
    .slice(0, COOCCURRENCE_MATRIX_TAGS)
    .map(([id]) => axis(id))
    .sort((x, y) => x.label.localeCompare(y.label));
  const at = positions(shown);
  const table = tally(
    shown,
    shown,
    found,
    (p) => p.codes.map((c) => at.get(c)).filter((i): i is number => i !== undefined),
    (p) => p.codes.map((c) => at.get(c)).filter((i): i is number => i !== undefined),
  );
  // A tag with itself is how often it occurs, not a pair: left empty so the scale shows pairs.
  table.cells.forEach((row, r) => {
    row[r] = 0;
  });
  const unit = query.scope === 'quote' ? 'quotes' : 'passages';
  const notes = [
    query.scope === 'quote'
      ? 'Two codes co-occur when one quote carries both.'
      : 'Two codes co-occur when they are on the same quote or on quotes that share words in one document (a passage).',
  ];
  if (involvement.size > shown.length)
    notes.push(
      `The matrix shows the ${shown.length} codes in the most pairs of ${involvement.size}; the list of pairs and the CSV have all of them.`,
    );
  return {
    chart: 'cooccurrence',
    rowHeading: 'Code',
    columnHeading: 'Code',
    ...table,
    max: maxCell(table, true),
    quotes: quotes.length,
    unit,
    diagonal: 'empty',
    pairs,
    notes,
  };
}

/** The quotes behind a pair: in each passage carrying both codes, the quotes carrying either. */
export function cooccurrenceCell(
  index: AnalysisIndex,
  query: CooccurrenceQuery,
  rowId: string,
  columnId: string,
): { row: Axis; column: Axis; quotes: IndexedQuote[] } {
  const row = index.tagsById.get(rowId);
  const column = index.tagsById.get(columnId);
  if (!row || !column || rowId === columnId)
    throw new NotebookError('not-found', 'That pair of codes is not in the chart any more.');
  const codesOf = (q: IndexedQuote) => (query.level === 'top' ? q.topCodes : q.codes);
  const quotes: IndexedQuote[] = [];
  for (const p of passages(filterQuotes(index, query.filter), query.scope, query.level)) {
    if (!p.codes.includes(rowId) || !p.codes.includes(columnId)) continue;
    for (const q of p.quotes) {
      const codes = codesOf(q);
      if (codes.includes(rowId) || codes.includes(columnId)) quotes.push(q);
    }
  }
  return {
    row: { id: row.id, label: row.name },
    column: { id: column.id, label: column.name },
    quotes,
  };
}
