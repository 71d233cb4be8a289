import { plural } from '../format.ts';
import type { AnalysisQuery } from './query.ts';
import {
  type AnalysisIndex,
  codeAxis,
  codesAt,
  filterQuotes,
  type IndexedQuote,
} from './quote-index.ts';
import { dropEmptyRows, itemsInCell, maxCell, positions, tally } from './tally.ts';
import type { AnalysisTable, Axis } from './types.ts';

type TimelineQuery = Extract<AnalysisQuery, { chart: 'timeline' }>;

/** The column for quotes in documents without a date (or, by month, without a month). */
export const UNDATED = '__undated__';
/** At most this many periods between the first and the last (a typo like 0202 stays readable). */
export const MAX_PERIODS = 600;

/**
 * The period a published date falls in: `2024` by year, `2024-03` by month; null when the date
 * does not say (empty, free text, or only a year when counting by month).
 */
export function periodOf(publishedDate: string, bucket: 'year' | 'month'): string | null {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(publishedDate.trim());
  if (!m) return null;
  if (bucket === 'year') return m[1]!;
  const month = Number(m[2]);
  if (!m[2] || month < 1 || month > 12) return null;
  return `${m[1]}-${m[2]}`;
}

/** Every period from the first to the last, so a gap shows as a gap. */
export function periodRange(first: string, last: string, bucket: 'year' | 'month'): string[] {
  const toIndex = (p: string) =>
    bucket === 'year' ? Number(p) : Number(p.slice(0, 4)) * 12 + Number(p.slice(5)) - 1;
  const fromIndex = (i: number) =>
    bucket === 'year'
      ? String(i).padStart(4, '0')
      : `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
  const out: string[] = [];
  const end = Math.min(toIndex(last), toIndex(first) + MAX_PERIODS - 1);
  for (let i = toIndex(first); i <= end; i++) out.push(fromIndex(i));
  return out;
}

function setUp(index: AnalysisIndex, query: TimelineQuery) {
  const periodOfDocument = new Map<string, string | null>();
  for (const d of index.documents.values())
    periodOfDocument.set(d.id, periodOf(d.publishedDate, query.bucket));
  const quotes = filterQuotes(index, query.filter);
  const seen = [
    ...new Set(quotes.map((q) => periodOfDocument.get(q.documentId)).filter((p) => !!p)),
  ].sort() as string[];
  const periods = seen.length > 0 ? periodRange(seen[0]!, seen.at(-1)!, query.bucket) : [];
  const columns: Axis[] = [
    ...periods.map((p) => ({ id: p, label: p })),
    { id: UNDATED, label: 'No date', apart: true },
  ];
  const rows: Axis[] = codeAxis(index, query.level, query.filter.tagIds).map((t) => ({
    id: t.id,
    label: t.name,
  }));
  const rowOf = positions(rows);
  const columnOf = positions(columns);
  const rowsOf = (q: IndexedQuote) => {
    const out: number[] = [];
    for (const t of codesAt(q, query.level)) {
      const r = rowOf.get(t);
      if (r !== undefined) out.push(r);
    }
    return out;
  };
  const columnsOf = (q: IndexedQuote) => {
    const period = periodOfDocument.get(q.documentId) ?? null;
    const c = columnOf.get(period ?? UNDATED);
    // A period past MAX_PERIODS has no column: it is counted with the undated, and said so.
    return [c ?? columns.length - 1];
  };
  return { quotes, rows, columns, rowsOf, columnsOf, rowOf, columnOf };
}

/**
 * Codes over time: quotes per code by the publication date of their documents, by year or
 * month. Quotes in documents without a usable date are counted in a column apart, never guessed.
 */
export function codesOverTime(index: AnalysisIndex, query: TimelineQuery): AnalysisTable {
  const s = setUp(index, query);
  const [counted, notes] = dropEmptyRows(
    tally(s.rows, s.columns, s.quotes, s.rowsOf, s.columnsOf),
    ['code', 'codes'],
  );
  const undated = counted.columnTotals.at(-1) ?? 0;
  if (undated > 0)
    notes.push(
      `${plural(undated, 'quote is', 'quotes are')} in documents without a ${query.bucket === 'year' ? 'date' : 'date to the month'}: counted apart under “No date”, not on the time axis.`,
    );
  return {
    chart: 'timeline',
    rowHeading: 'Code',
    columnHeading: query.bucket === 'year' ? 'Year' : 'Month',
    ...counted,
    max: maxCell(counted),
    quotes: s.quotes.length,
    unit: 'quotes',
    notes,
  };
}

export function codesOverTimeCell(
  index: AnalysisIndex,
  query: TimelineQuery,
  rowId: string,
  columnId: string,
): { row: Axis; column: Axis; quotes: IndexedQuote[] } {
  const s = setUp(index, query);
  return itemsInCell(s, s.quotes, { rowId, columnId }, 'chart');
}
