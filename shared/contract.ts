import { z } from 'zod';
import { analysisQuerySchema, axisIdSchema } from './analysis/query.ts';
import type { AnalysisTable, CellQuotes } from './analysis/types.ts';
import type { TextAnnotation } from './annotations.ts';
import { CITATION_STYLES } from './citations/citations.ts';
import { type CslRecord, cslRecordSchema } from './citations/csl-schema.ts';
import type { TagUndo, TagUsage } from './codebook.ts';
import { exchangeMethods } from './contract/exchange-methods.ts';
import { empty, type MethodSpec, method, tokenSchema } from './contract/method.ts';
import { teamMethods } from './contract/team-methods.ts';
import type { RestorePreview } from './export/restore-plan.ts';
import type { ExportResult } from './export/result.ts';
import { EXPORT_FORMATS, FOLDER_EXPORT_FORMATS } from './export/types.ts';
import { IMPORT_MAX_BYTES, type ImportReport, PDF_MAX_BYTES } from './import.ts';
import { webAddress } from './links.ts';
import type {
  Annotation,
  Collection,
  DocumentSummary,
  Note,
  NotebookDocument,
  NoteSummary,
  QuoteReference,
  Tag,
} from './model.ts';
import {
  annotationSchema,
  collectionNameSchema,
  collectionSchema,
  colorSchema,
  documentSchema,
  idSchema,
  noteSchema,
  pageSelectorSchema,
  pdfRectSchema,
  tagNameSchema,
  tagSchema,
  targetSchema,
} from './model.ts';
import type { QuoteCandidate } from './quotes/types.ts';
import type { ReadingState, ReadingStates } from './reading/reading-state.ts';
import type { Result } from './result.ts';
import type { SearchResults } from './search/types.ts';
import type { Settings } from './settings/settings.ts';
import { settingsPatchSchema } from './settings/settings-schema.ts';

/**
 * The one declaration of the IPC API. The preload builds `window.notebook` from `METHOD_NAMES`,
 * main registers one validated handler per entry, and the end-to-end harness hands the same list
 * to a browser page. Adding a method here is the only way to add one anywhere.
 */
const byId = z.object({ id: idSchema }).strict();
const ids = z.array(idSchema).max(100_000);
const deltaSchema = z
  .object({
    id: idSchema,
    removed: z.array(idSchema).max(1000),
    added: z.array(idSchema).max(1000),
  })
  .strict();
/** What an undoable tag operation hands back, and what undoing it sends again. */
const tagUndoSchema = z
  .object({
    tags: z.array(tagSchema).max(100_000),
    annotations: z.array(deltaSchema).max(1_000_000),
    notes: z.array(deltaSchema).max(1_000_000),
  })
  .strict();
const titleSchema = z.string().max(1000);
const jobIdSchema = z.string().min(1).max(100);
/** Base64 of at most PDF_MAX_BYTES (4 characters per 3 bytes; the core checks each file's own limit). */
const base64Schema = z
  .string()
  .max(Math.ceil(PDF_MAX_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
/** Two articles' worth, or one PDF of the largest size. */
const MAX_BATCH_BASE64 = Math.ceil(Math.max(2 * IMPORT_MAX_BYTES, PDF_MAX_BYTES) / 3) * 4;
const importFileSchema = z
  .object({
    name: z.string().min(1).max(1000),
    size: z.number().int().nonnegative(),
    /** Left out when the file is over the limit: the core still reports it, by name. */
    data: base64Schema.optional(),
  })
  .strict();
const documentMetadataSchema = {
  title: z.string().trim().max(1000).optional(),
  author: z.string().trim().max(1000).optional(),
  source: z.string().trim().max(1000).optional(),
  url: z
    .string()
    .trim()
    .max(4096)
    .refine(
      (v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v),
      'A URL starts with http:// or https://.',
    )
    .optional(),
  publishedDate: z.string().trim().max(40).optional(),
  /** Its bibliographic record (CSL-JSON); null removes it. */
  csl: cslRecordSchema.nullable().optional(),
};
const bodySchema = z.string().max(1_000_000);
const exportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notebook') }).strict(),
  z.object({ kind: z.literal('document'), documentId: idSchema }).strict(),
  z.object({ kind: z.literal('tag'), tagId: idSchema }).strict(),
  z.object({ kind: z.literal('collection'), collectionId: idSchema }).strict(),
  z
    .object({ kind: z.literal('documents'), documentIds: z.array(idSchema).min(1).max(100_000) })
    .strict(),
  z.object({ kind: z.literal('search'), query: z.string().trim().min(1).max(2000) }).strict(),
]);
const exportOptionsSchema = z
  .object({
    markdownOrder: z.enum(['tag', 'text']).optional(),
    csvBom: z.boolean().optional(),
    csvEscapeFormulas: z.boolean().optional(),
    includeNotes: z.boolean().optional(),
    citationStyle: z.enum(CITATION_STYLES).optional(),
  })
  .strict();
/** A chart's picture or table for `saveAnalysisFile`: SVG text up to 20 MB, a PNG up to 40 MB. */
export const ANALYSIS_SVG_MAX_CHARS = 20 * 1024 * 1024;
export const ANALYSIS_PNG_MAX_BYTES = 40 * 1024 * 1024;
/** A file name the Save dialog proposes (no folders: the path comes from the dialog). */
const suggestedNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^/\\:*?"<>|]+$/, 'a file name without folders or reserved characters')
  .refine(
    (v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20),
    'a file name without control characters',
  );

/** A backup in the notebook's backups folder. */
export interface BackupInfo {
  name: string;
  /** When it was taken (from its name), ISO. */
  takenAt: string | null;
  kind: 'rolling' | 'before-migration' | 'before-repair' | 'before-restore' | 'other';
  bytes: number;
  /** What it holds; null when it cannot be read (it is still listed). */
  counts: { documents: number; annotations: number; notes: number } | null;
}

/** What restoring a backup would do, shown before anything changes. */
export interface RestorePreviewInfo {
  token: string;
  fileName: string;
  exportedAt: string | null;
  /** What the backup covered ("Whole notebook", a document's title…). */
  scope: string | null;
  /** What was repaired while reading it (references to records not in the backup). */
  problems: string[];
  counts: { documents: number; annotations: number; tags: number; notes: number };
  notebookEmpty: boolean;
  merge: RestorePreview;
  replace: RestorePreview;
}

/** A quote the finder proposes, and what the researcher has done with it. */
export interface QuoteSuggestion extends QuoteCandidate {
  /** `accepted`: a highlight already covers it (`annotationId`); `dismissed`: set aside before. */
  status: 'open' | 'accepted' | 'dismissed';
  annotationId: string | null;
}

export interface QuoteSuggestions {
  documentId: string;
  suggestions: QuoteSuggestion[];
  /** Speakers already in the codebook (under `speaker/`), for correcting a speaker. */
  knownSpeakers: string[];
}

/** A speaker (a tag under `speaker/`) and every quote credited to them, in every document. */
export interface SpeakerSummary {
  tagId: string;
  name: string;
  /** The role noted on the speaker's tag (its description), or ''. */
  role: string;
  documentCount: number;
  quotes: {
    annotationId: string;
    documentId: string;
    documentTitle: string;
    exact: string;
    start: number;
  }[];
}

const quoteSpanSchema = {
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
};

export interface NotebookInfo {
  dataDir: string;
  storePath: string;
  schemaVersion: number;
  /** Set when the store file could not be read at start-up and was recovered. */
  recovery: { message: string; keptAs: string; restoredFrom: string | null } | null;
  /** Damaged records set aside (kept in the store file under `quarantine`), newest last. */
  quarantine: { collection: string; id: string | null; reason: string; quarantinedAt: string }[];
}

export const contract = {
  ...exchangeMethods,
  ...teamMethods,
  getInfo: method<NotebookInfo>()(empty),
  listDocuments: method<DocumentSummary[]>()(empty),
  getDocument: method<NotebookDocument>()(byId),
  /** A PDF document's bytes (base64), checked against their hash, for the page view. */
  readPdf: method<{ data: string }>()(byId),
  /** Deletes the document and its highlights; its notes stay, no longer attached to it. */
  deleteDocument: method<{
    document: NotebookDocument;
    annotations: Annotation[];
    noteIds: string[];
  }>()(byId),
  restoreDocument: method<DocumentSummary>()(
    z
      .object({
        document: documentSchema,
        annotations: z.array(annotationSchema).max(100_000),
        /** Notes that belonged to the document: attached to it again. */
        noteIds: z.array(idSchema).max(100_000).default([]),
      })
      .strict(),
  ),
  /** Edit a document's title, author, source, URL, published date or bibliographic record. */
  updateDocument: method<DocumentSummary>()(
    z.object({ id: idSchema, ...documentMetadataSchema }).strict(),
  ),
  /**
   * Read BibTeX (Better BibTeX keys kept) or CSL-JSON the user pasted into bibliographic records;
   * invalid input says what is wrong (and on which line of the BibTeX). Nothing is stored.
   */
  parseCitation: method<CslRecord[]>()(z.object({ text: z.string().max(2_000_000) }).strict()),
  /** Files the page read itself (dropped on the window, chosen in a file input). */
  importFiles: method<ImportReport>()(
    z
      .object({
        jobId: jobIdSchema,
        files: z.array(importFileSchema).min(1).max(1000),
        /** Replace this document's text with the (single) file, re-anchoring its highlights. */
        replaceDocumentId: idSchema.optional(),
      })
      .strict()
      .refine((v) => !v.replaceDocumentId || v.files.length === 1, {
        message: 'A document’s text is replaced by exactly one file.',
        path: ['files'],
      })
      // One message is not a way to move gigabytes: larger batches go one file per call.
      .refine(
        (v) => v.files.reduce((sum, f) => sum + (f.data?.length ?? 0), 0) <= MAX_BATCH_BASE64,
        {
          message: 'Send at most 200 MB per call; import larger batches one file at a time.',
          path: ['files'],
        },
      ),
  ),
  /** Files chosen in the native Open dialog, read by the core (paths never come from the page). */
  importFromDialog: method<ImportReport>()(
    z.object({ jobId: jobIdSchema, replaceDocumentId: idSchema.optional() }).strict(),
  ),
  /** The system clipboard as a new document (HTML when it holds HTML, else its text). */
  importFromClipboard: method<ImportReport>()(z.object({ jobId: jobIdSchema }).strict()),
  /** Text or HTML pasted into the page, as a new document. */
  importText: method<ImportReport>()(
    z
      .object({
        jobId: jobIdSchema,
        text: z.string().max(IMPORT_MAX_BYTES),
        html: z.string().max(IMPORT_MAX_BYTES).default(''),
      })
      .strict(),
  ),
  /** Stop an import after the file in hand; what is in stays in. */
  cancelImport: method<{ cancelled: boolean }>()(z.object({ jobId: jobIdSchema }).strict()),
  /** Undo a re-import: the document's previous text, and its highlights where they were. */
  restoreDocumentVersion: method<DocumentSummary>()(
    z
      .object({
        document: documentSchema,
        targets: z
          .array(z.object({ id: idSchema, target: targetSchema, orphan: z.boolean() }).strict())
          .max(100_000),
      })
      .strict(),
  ),
  listAnnotations: method<Annotation[]>()(z.object({ documentId: idSchema }).strict()),
  createAnnotation: method<TextAnnotation>()(
    z
      .object({
        documentId: idSchema,
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        color: colorSchema,
        tagIds: z.array(idSchema).max(100).optional(),
        comment: z.string().max(100_000).optional(),
        /** On a PDF: the page and the rectangles the selection covered. */
        page: pageSelectorSchema.optional(),
      })
      .strict()
      .refine((v) => v.end > v.start, { message: 'end must be after start', path: ['end'] }),
  ),
  updateAnnotation: method<Annotation>()(
    z
      .object({
        id: idSchema,
        color: colorSchema.optional(),
        /** Replace the tags… */
        tagIds: z.array(idSchema).max(100).optional(),
        /** …or change them relative to what is stored, so quick edits never undo each other. */
        addTagIds: z.array(idSchema).max(100).optional(),
        removeTagIds: z.array(idSchema).max(100).optional(),
        comment: z.string().max(100_000).optional(),
      })
      .strict()
      .refine((v) => !(v.tagIds && (v.addTagIds || v.removeTagIds)), {
        message: 'Give either tagIds or addTagIds/removeTagIds, not both.',
        path: ['tagIds'],
      }),
  ),
  deleteAnnotation: method<Annotation>()(byId),
  /** Mark a region of a PDF page (a figure, a table, a scan): no text, a rectangle and a picture. */
  createAreaAnnotation: method<Annotation>()(
    z
      .object({
        documentId: idSchema,
        page: z.number().int().nonnegative(),
        rect: pdfRectSchema.refine(([x1, y1, x2, y2]) => x2 > x1 && y2 > y1, {
          message: 'an area needs a width and a height',
        }),
        color: colorSchema,
        /** The region as drawn, a PNG in base64 (for reports), at most 8 MB. */
        image: z
          .string()
          .max(Math.ceil((8 * 1024 * 1024) / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64')
          .optional(),
      })
      .strict(),
  ),
  restoreAnnotation: method<Annotation>()(z.object({ annotation: annotationSchema }).strict()),
  /**
   * Put a highlight back where it was (undoing a re-attach), keeping its tags, colour and
   * comment as they are now. An unplaced target stays unplaced; a placed one is checked against
   * the text and placed again by its quote if the text moved.
   */
  restoreAnnotationTarget: method<TextAnnotation>()(
    z.object({ id: idSchema, target: targetSchema, orphan: z.boolean() }).strict(),
  ),
  /** Give a highlight that lost its place (an orphan) a new range; returns it before and after. */
  reattachAnnotation: method<{ annotation: TextAnnotation; previous: TextAnnotation }>()(
    z
      .object({
        id: idSchema,
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
      })
      .strict()
      .refine((v) => v.end > v.start, { message: 'end must be after start', path: ['end'] }),
  ),
  listTags: method<Tag[]>()(empty),
  /** Returns the existing tag when one has the same name (case-insensitive); creates missing parents. */
  createTag: method<Tag>()(
    z.object({ name: tagNameSchema, color: colorSchema.optional() }).strict(),
  ),
  /** Rename (a new path moves the tag and its subtree), recolour, describe. */
  updateTag: method<Tag>()(
    z
      .object({
        id: idSchema,
        name: tagNameSchema.optional(),
        color: colorSchema.optional(),
        description: z.string().max(10_000).optional(),
      })
      .strict(),
  ),
  /** Move a tag and its subtree under another tag, or to the top level (null). */
  moveTag: method<Tag>()(z.object({ id: idSchema, parentId: idSchema.nullable() }).strict()),
  mergeTags: method<{ survivor: Tag; undo: TagUndo }>()(
    z.object({ sourceId: idSchema, targetId: idSchema }).strict(),
  ),
  /** Deletes the tag and its subtree from the codebook and from every quote and note. */
  deleteTag: method<{ removed: Tag[]; undo: TagUndo }>()(byId),
  /** Tag or untag many quotes at once. */
  retagAnnotations: method<{ changed: number; undo: TagUndo }>()(
    z
      .object({
        annotationIds: ids.min(1),
        addTagIds: z.array(idSchema).max(100).default([]),
        removeTagIds: z.array(idSchema).max(100).default([]),
      })
      .strict(),
  ),
  /** Undo a merge, delete or retag. */
  restoreTags: method<Tag[]>()(z.object({ undo: tagUndoSchema }).strict()),
  tagUsage: method<Record<string, TagUsage>>()(empty),

  /**
   * Search quotes, comments, notes, tags and document titles: fuzzy words, "phrases", -words and
   * filters (tag:, doc:, color:, is:), as typed in the search box. Best matches first.
   */
  search: method<SearchResults>()(
    z
      .object({
        query: z.string().max(2000),
        limit: z.number().int().min(1).max(5000).default(50),
      })
      .strict(),
  ),

  /**
   * Export quotes, notes and documents in a format, for a scope, to a file chosen in the native
   * Save dialog (a folder format, Obsidian, to a folder chosen in the Open dialog). Progress arrives as `export-progress` events; `cancelled` when the dialog was
   * dismissed or the export was cancelled (no file is left behind).
   */
  exportNotebook: method<ExportResult>()(
    z
      .object({
        jobId: jobIdSchema,
        format: z.enum([...EXPORT_FORMATS, ...FOLDER_EXPORT_FORMATS]),
        scope: exportScopeSchema,
        options: exportOptionsSchema.optional(),
      })
      .strict(),
  ),
  cancelExport: method<{ cancelled: boolean }>()(z.object({ jobId: jobIdSchema }).strict()),
  /**
   * Open a web link (from a document or a note) in the system browser, after the user confirms
   * in a native dialog; only http(s). `opened` is false when they declined.
   */
  openExternalLink: method<{ opened: boolean }>()(
    z
      .object({
        url: z
          .string()
          .max(4096)
          .refine((v) => webAddress(v) !== null, 'only http(s) addresses open in the browser'),
      })
      .strict(),
  ),
  /** Reveal an exported file in the system's file manager (only files exported this session). */
  showExportedFile: method<null>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** The backups beside the notebook (rolling, and copies kept before a migration or repair). */
  listBackups: method<BackupInfo[]>()(empty),
  /**
   * See what merging or replacing with a backup would change: one from `listBackups` by name,
   * or (without a name) a file chosen in the native Open dialog; null when that was cancelled.
   */
  previewRestore: method<RestorePreviewInfo | null>()(
    z
      .object({
        backup: z
          .string()
          .regex(/^[\w.-]{1,200}\.json$/, 'the name of a backup from listBackups')
          .optional(),
      })
      .strict(),
  ),
  /** Carry out the previewed restore; returns what changed and a token to undo it. */
  applyRestore: method<{ preview: RestorePreview; undoToken: string }>()(
    z.object({ token: tokenSchema, mode: z.enum(['merge', 'replace']) }).strict(),
  ),
  undoRestore: method<null>()(z.object({ undoToken: tokenSchema }).strict()),
  /**
   * The quotations in a document's text with their speakers (shared/quotes), each marked open,
   * accepted (a highlight covers it) or dismissed (set aside earlier, remembered per document).
   */
  findQuotes: method<QuoteSuggestions>()(z.object({ documentId: idSchema }).strict()),
  /**
   * Accept quotes in one change: each becomes a highlight tagged `quote` and, when it has a
   * speaker, `speaker/<Name>` (created as needed, the role noted on a new speaker tag).
   * Returns the highlights and the tags it created, which `undoAcceptQuotes` takes back.
   */
  acceptQuotes: method<{ annotations: Annotation[]; createdTagIds: string[] }>()(
    z
      .object({
        documentId: idSchema,
        quotes: z
          .array(
            z
              .object({
                ...quoteSpanSchema,
                speaker: z.string().trim().max(200).nullable(),
                role: z.string().trim().max(300).nullable().default(null),
              })
              .strict()
              .refine((v) => v.end > v.start, {
                message: 'end must be after start',
                path: ['end'],
              }),
          )
          .min(1)
          .max(10_000),
        color: colorSchema.default('yellow'),
      })
      .strict(),
  ),
  /**
   * Undo an accept: removes those highlights unless they were changed since (those are kept and
   * counted), then the tags it created that nothing uses any more.
   */
  undoAcceptQuotes: method<{ removed: number; kept: number }>()(
    z.object({ annotationIds: ids.min(1), tagIds: z.array(idSchema).max(10_000) }).strict(),
  ),
  /** Set quotes aside for this document; the finder shows them as dismissed from then on. */
  dismissQuotes: method<null>()(
    z
      .object({
        documentId: idSchema,
        quotes: z
          .array(
            z
              .object({ start: quoteSpanSchema.start, text: z.string().min(1).max(100_000) })
              .strict(),
          )
          .min(1)
          .max(10_000),
      })
      .strict(),
  ),
  /** Bring dismissed quotes back (undo, or "show again"), by their text. */
  undismissQuotes: method<null>()(
    z
      .object({
        documentId: idSchema,
        texts: z.array(z.string().min(1).max(100_000)).min(1).max(10_000),
      })
      .strict(),
  ),
  /** Every speaker tag with its quotes across documents, most quoted first. */
  listSpeakers: method<SpeakerSummary[]>()(empty),

  /**
   * One chart of the Analysis view, computed by the core over the whole notebook: a table of
   * counts (code × document, co-occurrence, speaker × code, codes over time) with its notes.
   */
  analyzeNotebook: method<AnalysisTable>()(analysisQuerySchema),
  /** The quotes behind one cell of a chart: the first `limit`, and how many there are. */
  analysisCellQuotes: method<CellQuotes>()(
    z
      .object({
        query: analysisQuerySchema,
        rowId: axisIdSchema,
        columnId: axisIdSchema,
        limit: z.number().int().min(1).max(500).default(50),
      })
      .strict(),
  ),
  /**
   * Save a chart through the native Save dialog: its picture as SVG text or PNG bytes (base64)
   * made by the page, or its table as CSV (computed again here from the query).
   */
  saveAnalysisFile: method<
    { status: 'saved'; path: string; bytes: number } | { status: 'cancelled' }
  >()(
    z.discriminatedUnion('format', [
      z
        .object({
          format: z.literal('svg'),
          name: suggestedNameSchema,
          text: z
            .string()
            .max(ANALYSIS_SVG_MAX_CHARS)
            .refine((v) => /^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(v), 'not an SVG document')
            .refine(
              (v) => !/<script|<foreignObject/i.test(v),
              'an SVG with scripts or foreign content',
            ),
        })
        .strict(),
      z
        .object({
          format: z.literal('png'),
          name: suggestedNameSchema,
          data: z
            .string()
            .max(Math.ceil(ANALYSIS_PNG_MAX_BYTES / 3) * 4)
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
        })
        .strict(),
      z
        .object({ format: z.literal('csv'), name: suggestedNameSchema, query: analysisQuerySchema })
        .strict(),
    ]),
  ),

  /** Notes, newest first; only one document's when `documentId` is given. */
  listNotes: method<NoteSummary[]>()(z.object({ documentId: idSchema.optional() }).strict()),
  getNote: method<Note>()(byId),
  createNote: method<Note>()(
    z
      .object({
        title: titleSchema.default(''),
        body: bodySchema.default(''),
        tagIds: z.array(idSchema).max(100).default([]),
        documentId: idSchema.nullable().default(null),
      })
      .strict(),
  ),
  /** Start a note from a quote: its text and citation, on the quote's document. */
  createNoteFromQuote: method<Note>()(z.object({ annotationId: idSchema }).strict()),
  updateNote: method<Note>()(
    z
      .object({
        id: idSchema,
        title: titleSchema.optional(),
        body: bodySchema.optional(),
        tagIds: z.array(idSchema).max(100).optional(),
        addTagIds: z.array(idSchema).max(100).optional(),
        removeTagIds: z.array(idSchema).max(100).optional(),
        documentId: idSchema.nullable().optional(),
      })
      .strict()
      .refine((v) => !(v.tagIds && (v.addTagIds || v.removeTagIds)), {
        message: 'Give either tagIds or addTagIds/removeTagIds, not both.',
        path: ['tagIds'],
      }),
  ),
  deleteNote: method<Note>()(byId),
  restoreNote: method<Note>()(z.object({ note: noteSchema }).strict()),
  /** Cite a quote at the end of a note, in one step (no read-then-write from the page). */
  appendQuoteToNote: method<Note>()(
    z.object({ noteId: idSchema, annotationId: idSchema }).strict(),
  ),
  /** The Markdown that cites a quote, for inserting into a note. */
  quoteMarkdown: method<string>()(z.object({ annotationId: idSchema }).strict()),
  /** Cited quotes as notes show them: text and document, or gone. */
  /** Collections of documents, by name; each lists only documents still in the notebook. */
  listCollections: method<Collection[]>()(empty),
  createCollection: method<Collection>()(
    z
      .object({
        name: collectionNameSchema,
        documentIds: z.array(idSchema).max(100_000).optional(),
      })
      .strict(),
  ),
  renameCollection: method<Collection>()(
    z.object({ id: idSchema, name: collectionNameSchema }).strict(),
  ),
  /** Delete a collection (its documents stay); returns it, for undo. */
  deleteCollection: method<Collection>()(byId),
  restoreCollection: method<Collection>()(z.object({ collection: collectionSchema }).strict()),
  /** Add documents; `changed` lists those that were not in it yet (what an undo takes out). */
  addToCollection: method<{ collection: Collection; changed: string[] }>()(
    z.object({ id: idSchema, documentIds: z.array(idSchema).min(1).max(100_000) }).strict(),
  ),
  /** Take documents out; `changed` lists those that were in it (what an undo puts back). */
  removeFromCollection: method<{ collection: Collection; changed: string[] }>()(
    z.object({ id: idSchema, documentIds: z.array(idSchema).min(1).max(100_000) }).strict(),
  ),
  /** Where each document was last read (kept beside the notebook, not in it). */
  getReadingStates: method<ReadingStates>()(empty),
  saveReadingState: method<ReadingState>()(
    z
      .object({
        documentId: idSchema,
        position: z.number().int().nonnegative().max(1e9).nullable(),
        progress: z.number().min(0).max(1),
      })
      .strict(),
  ),
  /** Preferences beside the notebook; `problem` says what a damaged settings file lost. */
  getSettings: method<{ settings: Settings; problem: string | null }>()(empty),
  updateSettings: method<Settings>()(settingsPatchSchema),
  resolveQuotes: method<QuoteReference[]>()(
    z.object({ ids: z.array(idSchema).max(10_000) }).strict(),
  ),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodResult<M extends MethodName> =
  Contract[M] extends MethodSpec<z.ZodType, infer R> ? R : never;

/** The object the renderer sees as `window.notebook`. */
export type NotebookApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodResult<M>>>;
} & {
  /** Subscribe to the one event channel; returns an unsubscribe function. */
  onEvent(listener: (event: NotebookEvent) => void): () => void;
};

/** The implementation side: what the notebook core provides for each method. */
export type NotebookHandlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

/** Pushed from main to the renderer on the one event channel. */
export type NotebookEvent =
  | {
      type: 'changed';
      entities: ('documents' | 'annotations' | 'tags' | 'notes' | 'collections' | 'rounds')[];
      /**
       * What the change did to highlights, when it added, replaced or removed a few (one
       * created, edited, deleted, restored or re-attached): the page applies it to the lists it
       * shows instead of loading them again. Absent for bulk changes (a retag, an import, a
       * restore): then whatever shows highlights loads them again.
       */
      annotations?: AnnotationDelta;
    }
  /** Saving to disk failed; changes are kept in memory and retried. */
  | { type: 'save-failed'; message: string }
  /** Saving works again after a failure. */
  | { type: 'save-recovered' }
  /** An import job moved on to its next file (`done` of `total` finished). */
  | { type: 'import-progress'; jobId: string; done: number; total: number; current: string }
  /** An export job has written `done` of `total` units (quotes, rows or records). */
  | { type: 'export-progress'; jobId: string; done: number; total: number }
  /** A document's reading place moved (the library shows the progress). */
  | { type: 'reading'; documentId: string; state: ReadingState }
  /** Preferences changed (in this window or another): apply them at once. */
  | { type: 'settings'; settings: Settings }
  /** A menu command for the page to carry out (from the application menu, in Electron). */
  | { type: 'command'; command: AppCommand };

/** Highlights added or replaced, highlights removed, and the counts of the documents they are in. */
export interface AnnotationDelta {
  /** As stored now. */
  put: Annotation[];
  removed: { id: string; documentId: string }[];
  /** Each affected document's highlight counts after the change, as `listDocuments` has them. */
  counts: { documentId: string; annotationCount: number; orphanCount: number }[];
}

export type AppCommand =
  | 'import-files'
  | 'import-clipboard'
  | 'import-other'
  | 'open-package'
  | 'export'
  | 'backup'
  | 'restore'
  | 'preferences';

export const IPC_INVOKE_PREFIX = 'notebook:';
export const IPC_EVENT_CHANNEL = 'notebook:event';
