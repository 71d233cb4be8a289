import { speakerOfTag } from '../quotes/speaker-tags.ts';
import type { AnalysisQuery } from './query.ts';
import {
  type AnalysisIndex,
  codeAxis,
  codesAt,
  filterQuotes,
  type IndexedQuote,
} from './quote-index.ts';
import {
  dropEmptyColumns,
  dropEmptyRows,
  itemsInCell,
  maxCell,
  positions,
  tally,
} from './tally.ts';
import type { AnalysisTable, Axis } from './types.ts';

type SpeakersQuery = Extract<AnalysisQuery, { chart: 'speakers' }>;

/** The column for a speaker's quotes that carry no code yet. */
export const NO_CODE = '__no-code__';

function setUp(index: AnalysisIndex, query: SpeakersQuery) {
  const onlySpeakers = query.filter.speakerIds ? new Set(query.filter.speakerIds) : null;
  const rows: Axis[] = index.speakers
    .filter((t) => !onlySpeakers || onlySpeakers.has(t.id))
    .map((t) => ({ id: t.id, label: speakerOfTag(t) ?? t.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const columns: Axis[] = [
    ...codeAxis(index, query.level, query.filter.tagIds).map((t) => ({ id: t.id, label: t.name })),
    { id: NO_CODE, label: 'No code yet', apart: true },
  ];
  const rowOf = positions(rows);
  const columnOf = positions(columns);
  const none = columns.length - 1;
  const rowsOf = (q: IndexedQuote) => {
    const out: number[] = [];
    for (const s of q.speakers) {
      const r = rowOf.get(s);
      if (r !== undefined) out.push(r);
    }
    return out;
  };
  const columnsOf = (q: IndexedQuote) => {
    const codes = codesAt(q, query.level);
    if (codes.length === 0) return [none];
    const out: number[] = [];
    for (const t of codes) {
      const c = columnOf.get(t);
      if (c !== undefined) out.push(c);
    }
    return out;
  };
  return { rows, columns, rowsOf, columnsOf, rowOf, columnOf };
}

/**
 * Speaker × code: who is quoted on which theme. Rows are the quote finder's speakers (tags under
 * `speaker/`), columns the codes their quotes carry; quotes without a code are counted apart.
 */
export function speakerCodes(index: AnalysisIndex, query: SpeakersQuery): AnalysisTable {
  const quotes = filterQuotes(index, query.filter);
  const s = setUp(index, query);
  const [counted, notes] = dropEmptyRows(
    dropEmptyColumns(tally(s.rows, s.columns, quotes, s.rowsOf, s.columnsOf)),
    ['speaker', 'speakers'],
  );
  return {
    chart: 'speakers',
    rowHeading: 'Speaker',
    columnHeading: 'Code',
    ...counted,
    max: maxCell(counted),
    quotes: quotes.length,
    unit: 'quotes',
    notes: [
      ...notes,
      'Speakers are the tags under speaker/ that the quote finder makes; quotes with no code are counted apart.',
    ],
  };
}

export function speakerCodesCell(
  index: AnalysisIndex,
  query: SpeakersQuery,
  rowId: string,
  columnId: string,
): { row: Axis; column: Axis; quotes: IndexedQuote[] } {
  return itemsInCell(
    setUp(index, query),
    filterQuotes(index, query.filter),
    { rowId, columnId },
    'table',
  );
}
