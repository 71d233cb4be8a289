import { stringify } from 'csv-stringify/sync';
import type { AnalysisTable } from './types.ts';

/**
 * A chart's table as CSV (RFC 4180 through csv-stringify, CRLF, formulas defused as in the
 * quote export): the row heading, one column per column of the table, then the distinct total.
 * Co-occurrence exports its ranked pairs instead, which hold every pair (the matrix only the
 * codes in the most pairs). Main process only: csv-stringify reads `Buffer` as it loads.
 */
export function tableCsv(table: AnalysisTable): string {
  const options = {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  } as const;
  if (table.pairs) {
    const records = [
      ['code_a', 'code_b', table.unit],
      ...table.pairs.map((p) => [p.a.label, p.b.label, String(p.count)]),
    ];
    return stringify(records, options);
  }
  const records = [
    [table.rowHeading, ...table.columns.map((c) => c.label), 'Total'],
    ...table.rows.map((row, r) => [
      row.label,
      ...table.cells[r]!.map(String),
      String(table.rowTotals[r]),
    ]),
    ['Total', ...table.columnTotals.map(String), ''],
  ];
  return stringify(records, options);
}
