import type { AnalysisQuery, ColumnGroup } from './query.ts';
import {
  type AnalysisIndex,
  codeAxis,
  codesAt,
  filterQuotes,
  type IndexedQuote,
} from './quote-index.ts';
import { dropEmptyRows, itemsInCell, maxCell, positions, tally } from './tally.ts';
import type { AnalysisTable, Axis } from './types.ts';

type MatrixQuery = Extract<AnalysisQuery, { chart: 'matrix' }>;

/** Titles in reading order, numbers as numbers ("Part 2" before "Part 10"). */
const byTitle = new Intl.Collator(undefined, { numeric: true });

/**
 * The columns: the groups asked for (collections, say), else one per document in the filter,
 * by title. A document may sit in several groups; its quotes then count in each.
 */
function columnGroups(index: AnalysisIndex, query: MatrixQuery): ColumnGroup[] {
  if (query.groups) return query.groups;
  const only = query.filter.documentIds ? new Set(query.filter.documentIds) : null;
  return [...index.documents.values()]
    .filter((d) => !only || only.has(d.id))
    .sort((a, b) => byTitle.compare(a.title, b.title) || a.id.localeCompare(b.id))
    .map((d) => ({ id: d.id, label: d.title || 'Untitled document', documentIds: [d.id] }));
}

function setUp(index: AnalysisIndex, query: MatrixQuery) {
  const groups = columnGroups(index, query);
  const columns: Axis[] = groups.map((g) => ({ id: g.id, label: g.label }));
  const rows: Axis[] = codeAxis(index, query.level, query.filter.tagIds).map((t) => ({
    id: t.id,
    label: t.name,
  }));
  const columnsOfDocument = new Map<string, number[]>();
  groups.forEach((g, c) => {
    for (const id of new Set(g.documentIds)) {
      const list = columnsOfDocument.get(id);
      if (list) list.push(c);
      else columnsOfDocument.set(id, [c]);
    }
  });
  const rowOf = positions(rows);
  const rowsOf = (q: IndexedQuote) => {
    const out: number[] = [];
    for (const t of codesAt(q, query.level)) {
      const r = rowOf.get(t);
      if (r !== undefined) out.push(r);
    }
    return out;
  };
  const columnsOf = (q: IndexedQuote) => columnsOfDocument.get(q.documentId) ?? [];
  return { rows, columns, rowsOf, columnsOf, rowOf, columnOf: positions(columns) };
}

/**
 * Code × document: how many quotes carry each code (with its sub-tags) in each document or
 * group of documents. Codes no quote here carries are left out and counted in a note.
 */
export function codeMatrix(index: AnalysisIndex, query: MatrixQuery): AnalysisTable {
  const quotes = filterQuotes(index, query.filter);
  const s = setUp(index, query);
  const [counted, notes] = dropEmptyRows(tally(s.rows, s.columns, quotes, s.rowsOf, s.columnsOf), [
    'code',
    'codes',
  ]);
  return {
    chart: 'matrix',
    rowHeading: 'Code',
    columnHeading: query.groups ? 'Group' : 'Document',
    ...counted,
    max: maxCell(counted),
    quotes: quotes.length,
    unit: 'quotes',
    notes:
      query.level === 'top'
        ? [...notes, 'Each code counts the quotes tagged with it or any tag below it.']
        : [...notes, 'A parent code counts its own quotes and those of the tags below it.'],
  };
}

/** The quotes behind one cell of the matrix. */
export function codeMatrixCell(
  index: AnalysisIndex,
  query: MatrixQuery,
  rowId: string,
  columnId: string,
): { row: Axis; column: Axis; quotes: IndexedQuote[] } {
  return itemsInCell(
    setUp(index, query),
    filterQuotes(index, query.filter),
    { rowId, columnId },
    'matrix',
  );
}
