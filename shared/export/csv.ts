import { stringify } from 'csv-stringify/sync';
import { isWithin, parentPath } from '../codebook.ts';
import { COLOR_LABELS, type HighlightColor } from '../colors.ts';
import type { Annotation, NotebookDocument, Tag } from '../model.ts';
import { quotePage } from '../pdf/page-ranges.ts';
import { joinTagCell } from './tag-cell.ts';
import type { Exporter } from './types.ts';

export { joinTagCell, splitTagCell, TAG_SEPARATOR } from './tag-cell.ts';

/**
 * CSV for spreadsheets and qualitative-analysis tools: one row per quote, in the selection's
 * order (by document, then by position in the text), then a 0/1 column per top-level tag of the
 * whole codebook so a pivot table can count quotes by theme.
 *
 * Written with csv-stringify (RFC 4180): fields holding a comma, a double quote or a line break
 * are quoted, double quotes doubled; records end in CRLF, what spreadsheet programs expect. Line
 * breaks *inside* a field are kept exactly as stored (`\n`), so a CSV reader gives back the very
 * text. Every value goes out as a string, so nothing is reformatted on the way.
 *
 * csv-stringify's module reads Node's `Buffer` as it loads, so this file is for the main process
 * (and tests); the renderer takes the tag-cell helpers from `tag-cell.ts`.
 *
 * Formula injection: a spreadsheet may run a cell that starts with `=`, `+`, `-` or `@` as a
 * formula, and quotes come from imported documents, which anyone may have written. With
 * `csvEscapeFormulas` (the default) csv-stringify's `escape_formulas` defuses such cells with a
 * leading `'`; that changes those cells (`-20 years` reads `'-20 years`), so exports for scripts
 * that need the exact text turn it off.
 */

/** The columns before the per-tag ones, in order. */
export const CSV_BASE_COLUMNS = [
  'quote_id',
  'document_id',
  'document_title',
  'quote',
  'tags',
  'comment',
  'color',
  /** What the colour means in this project (preferences), or the colour's own name. */
  'color_name',
  /** UTF-16 code-unit offsets into the document's canonical text, as stored (end exclusive). */
  'start',
  'end',
  /** On a PDF: the page's label as printed ("12", "iv"); empty for other documents. */
  'page',
  'created',
  'updated',
  'unplaced',
] as const;

/** Header prefix of the 0/1 column for a top-level tag: `tag:actors`. */
export const TAG_COLUMN_PREFIX = 'tag:';

/** Rows stringified per piece: the output streams without one piece per tiny row. */
const ROWS_PER_PIECE = 100;

/**
 * CRLF between records. `quote_record_delimiter` must be said: once `record_delimiter` is set,
 * csv-stringify stops quoting a field that holds a bare `\n` or `\r` (it defaults to
 * `!record_delimiter`), and a comment with a line break would then split the row.
 */
const CSV_OPTIONS = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** The UTF-8 byte order mark, as text; the file writer encodes it. */
const BOM = '\uFEFF';

/** The header row's cells: the base columns, then `tag:<name>` per top-level tag. */
export function csvHeader(topLevel: readonly Tag[]): string[] {
  return [...CSV_BASE_COLUMNS, ...topLevel.map((t) => `${TAG_COLUMN_PREFIX}${t.name}`)];
}

/** Top-level tags of the codebook, in its (name) order. */
export function topLevelTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => parentPath(t.name) === null);
}

/** A quote's tag paths, sorted by name. */
function quoteTagNames(annotation: Annotation, tagsById: ReadonlyMap<string, Tag>): string[] {
  return annotation.tagIds
    .map((id) => tagsById.get(id)?.name)
    .filter((name): name is string => name !== undefined)
    .sort((a, b) => a.localeCompare(b));
}

/** One quote's cells, in header order. */
export function csvRow(
  annotation: Annotation,
  document: NotebookDocument | undefined,
  tagsById: ReadonlyMap<string, Tag>,
  topLevel: readonly Tag[],
  labels: Readonly<Record<HighlightColor, string>> = COLOR_LABELS,
): string[] {
  const names = quoteTagNames(annotation, tagsById);
  return [
    annotation.id,
    annotation.documentId,
    document?.title ?? '',
    'area' in annotation.target ? '' : annotation.target.quote.exact,
    joinTagCell(names),
    annotation.comment,
    annotation.color,
    labels[annotation.color],
    'area' in annotation.target ? '' : String(annotation.target.position.start),
    'area' in annotation.target ? '' : String(annotation.target.position.end),
    quotePage(annotation, document)?.label ?? '',
    annotation.createdAt,
    annotation.updatedAt,
    annotation.orphan ? '1' : '0',
    ...topLevel.map((t) => (names.some((name) => isWithin(name, t.name)) ? '1' : '0')),
  ];
}

/** The CSV export; progress counts rows (quotes). */
export const csvExport: Exporter = function* (selection, options, progress) {
  const total = selection.annotations.length;
  const topLevel = topLevelTags(selection.tags);
  const tagsById = new Map(selection.tags.map((t) => [t.id, t]));
  const documentsById = new Map(selection.documents.map((d) => [d.id, d]));

  // Not csv-stringify's `bom` option: it pushes a Buffer, and the pieces here are strings.
  const csvOptions = { ...CSV_OPTIONS, escape_formulas: options.csvEscapeFormulas };
  yield (options.csvBom ? BOM : '') + stringify([csvHeader(topLevel)], csvOptions);
  for (let from = 0; from < total; from += ROWS_PER_PIECE) {
    const batch = selection.annotations.slice(from, from + ROWS_PER_PIECE);
    const rows = batch.map((a) =>
      csvRow(a, documentsById.get(a.documentId), tagsById, topLevel, selection.colorLabels),
    );
    yield stringify(rows, csvOptions);
    progress?.(from + batch.length, total);
  }
  if (total === 0) progress?.(0, 0);
};
