import type { CitationStyle, CslRecord } from '../citations/citations.ts';
import type { HighlightColor } from '../colors.ts';
import type {
  Annotation,
  Collection,
  Note,
  NotebookDocument,
  Round,
  StoreData,
  Tag,
} from '../model.ts';

export const EXPORT_FORMATS = [
  'markdown',
  'csv',
  'html',
  'jsonld',
  'json',
  'qdpx',
  'qdc',
  'hypothesis',
  'bibtex',
  'csl',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Formats written as a folder of files, not one file (an Obsidian vault): they have no entry in
 * `EXPORTERS`, and the core asks for a folder instead of a file name.
 */
export const FOLDER_EXPORT_FORMATS = ['obsidian'] as const;
export type FolderExportFormat = (typeof FOLDER_EXPORT_FORMATS)[number];
/** Every format the export dialog and the command line offer: one file, or a folder. */
export type AnyExportFormat = ExportFormat | FolderExportFormat;
export const isFolderFormat = (format: AnyExportFormat): format is FolderExportFormat =>
  (FOLDER_EXPORT_FORMATS as readonly string[]).includes(format);

/** What to export, as the user picks it. */
export type ExportScope =
  | { kind: 'notebook' }
  | { kind: 'document'; documentId: string }
  /** Quotes and notes carrying the tag or any tag below it. */
  | { kind: 'tag'; tagId: string }
  /** The documents of a collection, their quotes and notes. */
  | { kind: 'collection'; collectionId: string }
  /** Chosen documents (the library's selection), their quotes and notes. */
  | { kind: 'documents'; documentIds: string[] }
  /** The quotes and notes a search finds (the core runs the query). */
  | { kind: 'search'; query: string };

/** A scope the core has resolved: a search becomes the ids it found. */
export type ResolvedScope =
  | Exclude<ExportScope, { kind: 'search' }>
  | { kind: 'search'; query: string; annotationIds: readonly string[]; noteIds: readonly string[] };

export interface ExportOptions {
  /** Markdown: quotes under each document grouped by tag, or in the order of the text. */
  markdownOrder: 'tag' | 'text';
  /** CSV: start with a byte order mark, which spreadsheet programs need to read UTF-8. */
  csvBom: boolean;
  /**
   * CSV: defuse cells a spreadsheet would run as a formula (starting with = + - @) by putting a
   * `'` in front. Quotes come from documents anyone may have written; on by default.
   */
  csvEscapeFormulas: boolean;
  /** Markdown, HTML report, Obsidian: include the notes in scope. */
  includeNotes: boolean;
  /** Markdown, HTML report: the style of the citations and the references. */
  citationStyle: CitationStyle;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  markdownOrder: 'tag',
  csvBom: true,
  csvEscapeFormulas: true,
  includeNotes: true,
  citationStyle: 'apa',
};

/** One document's entry in an export's bibliography, made by the core (citation-js). */
export interface DocumentCitation {
  /** Its citation key, unique in the export (the user's, else one made like Better BibTeX's). */
  key: string;
  /** Its CSL-JSON record as exported: `id` and `citation-key` are `key`. */
  csl: CslRecord;
  /** Its BibTeX entry. */
  bibtex: string;
  /** Its reference-list entry in the export's style (text, or safe HTML for the report). */
  reference: string;
  /** Its in-text citation: "(Smith & Lee, 2021)". */
  inText: string;
  /** Its in-text citation with a page, split where the page goes: ["(Smith, 2021, p. ", ")"]. */
  inTextPage: readonly [string, string];
}

/** The bibliography of an export: every document in scope, formatted in one style. */
export interface ExportBibliography {
  style: CitationStyle;
  /** What `reference` and the in-text citations hold: plain text, or HTML for the report. */
  markup: 'text' | 'html';
  byDocument: ReadonlyMap<string, DocumentCitation>;
  /** Document ids in the style's reference-list order. */
  order: readonly string[];
}

/** A quote a note cites, resolved against the whole notebook (it may lie outside the scope). */
export interface CitedQuote {
  annotation: Annotation;
  document: NotebookDocument;
}

/**
 * Everything one export needs, picked from the notebook: the exporters are pure functions of
 * this (plus options), so the same bytes come out of the app, the command line and the tests.
 */
export interface ExportSelection {
  scope: ResolvedScope;
  /** "Whole notebook", a document's title, "Tag: actors/afghan", "Search: bagram". */
  label: string;
  /** Documents with selected quotes (and the scoped document even without any), library order. */
  documents: NotebookDocument[];
  /** Selected quotes, by document (in `documents` order) and then by position in the text. */
  annotations: Annotation[];
  /** The whole codebook, by name: tag columns and names need every tag. */
  tags: Tag[];
  /** Notes in scope, oldest first. */
  notes: Note[];
  /** Collections, holding only the documents in scope (all of them for the whole notebook). */
  collections: Collection[];
  /** Coding rounds (the whole notebook only: a round means nothing without all its documents). */
  rounds?: Round[];
  /** Resolve a cited quote anywhere in the notebook; null when it was deleted. */
  citedQuote(id: string): CitedQuote | null;
  /** The notebook's schema version and flags, for a backup. */
  schemaVersion: StoreData['schemaVersion'];
  meta: StoreData['meta'];
  /** When the export was made (ISO); fixed by tests for byte-identical output. */
  generatedAt: string;
  /** What each highlight colour is called in this project (preferences); its own name if absent. */
  colorLabels?: Readonly<Record<HighlightColor, string>>;
  /** Area highlights' pictures (PNG, base64) by their file hash, for the HTML report. */
  images?: ReadonlyMap<string, string>;
  /** Who exports (preferences' coder) and which Marginalia, for formats that name them (REFI-QDA). */
  author?: { id: string; name: string };
  appVersion?: string;
  /**
   * The documents' citations, formatted by the core before the export (citation-js stays out of
   * shared/): Markdown and the report cite with it, BibTeX and CSL-JSON are made of it.
   */
  bibliography?: ExportBibliography;
  /** For a backup: the files the notebook keeps (`<sha256>.pdf`, `<sha256>.png`), base64. */
  files?: ReadonlyMap<string, string>;
}

/** Told how far an exporter has got, in units it chooses (quotes, rows, records). */
export type ExportProgress = (done: number, total: number) => void;

/**
 * An exporter writes its output as a sequence of pieces, so the core can write a large export
 * to disk as it goes, report progress and stop on cancel between pieces.
 */
export type Exporter = (
  selection: ExportSelection,
  options: ExportOptions,
  progress?: ExportProgress,
) => Iterable<string | Uint8Array>;

/** Exports are written in English, dates included, whatever the machine's locale. */
export const EXPORT_LOCALE = 'en';
