import { plural } from './format.ts';
import type { AnnotationTarget, NotebookDocument } from './model.ts';

/**
 * What the renderer and the core agree on about importing: the size limit (the renderer does not
 * read a file it would only send to be refused), the formats, and the shape of a report.
 */

/** 20 MiB: far beyond any article (the sample is 8 KB), small enough to parse in well under a second. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** 200 MiB: a scanned book fits; checked before the file is read. */
export const PDF_MAX_BYTES = 200 * 1024 * 1024;

/** File name endings offered in the import dialog. Others are tried by looking at the content. */
export const IMPORT_EXTENSIONS = [
  'txt',
  'text',
  'md',
  'markdown',
  'html',
  'htm',
  'xhtml',
  'pdf',
] as const;

export type ImportFormat = 'text' | 'markdown' | 'html' | 'pdf';

/** A name that says PDF: it may be as large as a book. */
export const isPdfName = (name: string) => /\.pdf$/i.test(name);

/** The most a file of this name may hold (checked before reading it). */
export const importLimitFor = (name: string) =>
  isPdfName(name) ? PDF_MAX_BYTES : IMPORT_MAX_BYTES;

/** Why a file was not imported. */
export type ImportProblemCode =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'unsupported'
  | 'unreadable'
  | 'no-text';

export type ImportItem =
  | {
      name: string;
      status: 'imported';
      documentId: string;
      title: string;
      /** What the reader should know about it ("Pages 2–22 have no readable text…"). */
      warnings?: string[];
    }
  /** Same content is already in the library: nothing added. */
  | { name: string; status: 'duplicate'; documentId: string; title: string }
  /** A newer version of a document already in the library (same URL, or the user's choice). */
  | {
      name: string;
      status: 'updated';
      documentId: string;
      title: string;
      placed: number;
      orphaned: number;
      /** What undoing the update sends back to `restoreDocumentVersion`. */
      undo: DocumentVersionUndo;
    }
  | {
      name: string;
      status: 'failed';
      code: ImportProblemCode;
      /** Why, without the name ("it is empty"), for lists that show the name beside it. */
      reason: string;
      /** The whole sentence, naming the file. */
      message: string;
    }
  /** Not reached because the import was cancelled. */
  | { name: string; status: 'skipped' };

/** The document before an update, and where its highlights were then. */
export interface DocumentVersionUndo {
  document: NotebookDocument;
  targets: { id: string; target: AnnotationTarget; orphan: boolean }[];
}

export interface ImportReport {
  jobId: string;
  cancelled: boolean;
  items: ImportItem[];
}

/** One line for a notice: "Imported 3 documents · 1 already in the library · 1 failed". */
export function summarizeImport(report: ImportReport): string {
  const count = (status: ImportItem['status']) =>
    report.items.filter((i) => i.status === status).length;
  const parts: string[] = [];
  const imported = count('imported');
  const updated = count('updated');
  const duplicate = count('duplicate');
  const failed = count('failed');
  const skipped = count('skipped');
  if (imported) parts.push(`Imported ${plural(imported, 'document', 'documents')}`);
  if (updated) parts.push(`updated ${plural(updated, 'document', 'documents')}`);
  if (duplicate) parts.push(`${duplicate} already in the library`);
  if (failed) parts.push(`${failed} could not be imported`);
  if (report.cancelled) parts.push(`cancelled${skipped ? ` (${skipped} not imported)` : ''}`);
  if (parts.length === 0) return 'Nothing was imported.';
  const line = parts.join(' · ');
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}

/**
 * A report worth a closer look than a one-line notice: several files, any that failed, or one
 * with something to know (a PDF's pages without readable text).
 */
export function needsReportDialog(report: ImportReport): boolean {
  const done = report.items.filter((i) => i.status !== 'skipped');
  return (
    done.length > 1 ||
    done.some((i) => i.status === 'failed' || (i.status === 'imported' && i.warnings?.length))
  );
}

/** The document to show after an import: the first one that came in or changed. */
export function documentToOpen(report: ImportReport): string | null {
  const pick =
    report.items.find((i) => i.status === 'imported' || i.status === 'updated') ??
    report.items.find((i) => i.status === 'duplicate');
  return pick && 'documentId' in pick ? pick.documentId : null;
}

/** One sentence for a re-imported document: how many highlights found their place. */
export function describeUpdate(item: Extract<ImportItem, { status: 'updated' }>): string {
  const total = item.placed + item.orphaned;
  if (total === 0) return `Updated “${item.title}” to the new text.`;
  const placed =
    item.placed === total
      ? `all ${total === 1 ? '1 highlight' : `${total} highlights`} found their place`
      : `${item.placed} of ${total} highlights found their place`;
  const lost = item.orphaned
    ? `; ${item.orphaned} could not be placed and ${item.orphaned === 1 ? 'is' : 'are'} listed for you to re-attach or delete`
    : '';
  return `Updated “${item.title}”: ${placed}${lost}.`;
}
