import { codeMatrix, codeMatrixCell } from './code-matrix.ts';
import { codesOverTime, codesOverTimeCell } from './codes-over-time.ts';
import { cooccurrence, cooccurrenceCell } from './cooccurrence.ts';
import type { AnalysisQuery } from './query.ts';
import { type AnalysisIndex, type IndexedQuote, tagNames } from './quote-index.ts';
import { speakerCodes, speakerCodesCell } from './speaker-codes.ts';
import type { AnalysisTable, CellQuotes } from './types.ts';

/** The numbers of one chart. */
export function analyze(index: AnalysisIndex, query: AnalysisQuery): AnalysisTable {
  switch (query.chart) {
    case 'matrix':
      return codeMatrix(index, query);
    case 'cooccurrence':
      return cooccurrence(index, query);
    case 'speakers':
      return speakerCodes(index, query);
    case 'timeline':
      return codesOverTime(index, query);
  }
}

/** The quotes behind a cell, as the chart counted them (every one, in notebook order). */
export function cellMembers(
  index: AnalysisIndex,
  query: AnalysisQuery,
  rowId: string,
  columnId: string,
) {
  switch (query.chart) {
    case 'matrix':
      return codeMatrixCell(index, query, rowId, columnId);
    case 'cooccurrence':
      return cooccurrenceCell(index, query, rowId, columnId);
    case 'speakers':
      return speakerCodesCell(index, query, rowId, columnId);
    case 'timeline':
      return codesOverTimeCell(index, query, rowId, columnId);
  }
}

/**
 * The first `limit` quotes behind a cell with what the list shows of them; the text is read from
 * the records only for those (`quoteText` knows words and areas).
 */
export function cellQuotes(
  index: AnalysisIndex,
  query: AnalysisQuery,
  rowId: string,
  columnId: string,
  limit: number,
  describe: (q: IndexedQuote) => { exact: string; tagIds: readonly string[] },
): CellQuotes {
  const { row, column, quotes } = cellMembers(index, query, rowId, columnId);
  return {
    row,
    column,
    total: quotes.length,
    quotes: quotes.slice(0, limit).map((q) => {
      const { exact, tagIds } = describe(q);
      return {
        id: q.id,
        documentId: q.documentId,
        documentTitle: index.documents.get(q.documentId)?.title ?? '',
        exact,
        tags: tagNames(index, tagIds),
      };
    }),
  };
}
