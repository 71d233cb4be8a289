import { stringify } from 'csv-stringify/sync';
import { fixed } from './format.ts';
import type { AgreementFigures, AgreementTable } from './types.ts';

/**
 * The agreement table as CSV (RFC 4180, CRLF, UTF-8 with a byte order mark, like the
 * notebook's CSV export): one row overall, then one per code, per document and per document ×
 * code. Figures are plain decimals (α to four places, percentages to two), empty when
 * undefined. A name that a spreadsheet would run as a formula (starting with = + - @) gets a
 * leading apostrophe; numbers never do, so negative α stays a number.
 */
export const AGREEMENT_CSV_COLUMNS = [
  'scope',
  'document_id',
  'document_title',
  'code_id',
  'code_name',
  'method',
  'alpha',
  'ci_low',
  'ci_high',
  'reading',
  'u_alpha',
  'k_u_alpha',
  'percent_agreement',
  'kappa',
  'units',
  'characters',
] as const;

export interface AgreementLabels {
  codes?: Readonly<Record<string, string>>;
  documents?: Readonly<Record<string, string>>;
}

const BOM = '\uFEFF';

function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function figureCells(f: AgreementFigures): string[] {
  return [
    f.method,
    fixed(f.alpha, 4),
    fixed(f.ci?.low ?? null, 4),
    fixed(f.ci?.high ?? null, 4),
    f.reading,
    fixed(f.uAlpha, 4),
    fixed(f.kAlpha, 4),
    fixed(f.percentAgreement, 2),
    fixed(f.kappa, 4),
    String(f.units),
    String(f.characters),
  ];
}

export function agreementCsv(table: AgreementTable, labels: AgreementLabels = {}): string {
  const code = (id: string) => [text(id), text(labels.codes?.[id] ?? id)];
  const doc = (id: string) => [text(id), text(labels.documents?.[id] ?? id)];
  const rows: string[][] = [[...AGREEMENT_CSV_COLUMNS]];
  rows.push(['overall', '', '', '', '', ...figureCells(table.overall)]);
  for (const f of table.perCode) rows.push(['code', '', '', ...code(f.code), ...figureCells(f)]);
  for (const f of table.perDocument)
    rows.push(['document', ...doc(f.document), '', '', ...figureCells(f)]);
  for (const f of table.perCell)
    rows.push(['document_code', ...doc(f.document), ...code(f.code), ...figureCells(f)]);
  return BOM + stringify(rows, { record_delimiter: 'windows', quote_record_delimiter: true });
}
