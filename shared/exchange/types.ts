import type { RestorePreview } from '../export/restore-plan.ts';
import type { Annotation, Collection, Note, NotebookDocument, Tag } from '../model.ts';

/**
 * Files other tools wrote (a REFI-QDA project or codebook, a Hypothesis export, a CSV codebook)
 * are read by pure functions into records of Marginalia's own shape, which the core then merges
 * into the notebook exactly as it merges a backup (`shared/export/restore-plan.ts`): a tag with a
 * name the notebook has is that tag, a document with the same text is that document, ids derived
 * from the file's own identifiers make a second import of the same file change nothing, and the
 * whole import is one change that can be undone.
 */
export const EXCHANGE_FORMATS = ['qdpx', 'qdc', 'codebook-csv', 'hypothesis'] as const;
export type ExchangeFormat = (typeof EXCHANGE_FORMATS)[number];

/** What a foreign file becomes. Records reference each other by Marginalia ids. */
export interface ExchangeContents {
  documents: NotebookDocument[];
  annotations: Annotation[];
  tags: Tag[];
  notes: Note[];
  collections: Collection[];
}

/** Something in the file that did not come in as it was: named, never silently dropped. */
export interface ExchangeUnplaced {
  /** "Selection “the count was rigged” in interview-3.txt", "Annotation on https://…". */
  what: string;
  reason: string;
}

export interface ExchangeReport {
  format: ExchangeFormat;
  /** The tool that wrote the file, as it names itself ("ATLAS.ti 23.4.0"), when it says. */
  producer: string | null;
  /** What the format carries that Marginalia does not keep: "3 cases", "2 variables", "1 set". */
  notCarried: string[];
  /** Highlights that could not be placed on their text (kept as unplaced when they have one). */
  unplaced: ExchangeUnplaced[];
  /** Anything else the user should know ("positions were counted as NVivo counts them"). */
  notes: string[];
  /** Annotations of web pages (Hypothesis): each address and the document it matched. */
  addresses?: ExchangeAddress[];
}

export interface ExchangeRead {
  contents: ExchangeContents;
  report: ExchangeReport;
}

export const emptyExchangeContents = (): ExchangeContents => ({
  documents: [],
  annotations: [],
  tags: [],
  notes: [],
  collections: [],
});

/** The file extensions the exchange import offers in its Open dialog. */
export const EXCHANGE_EXTENSIONS = ['qdpx', 'qdc', 'qde', 'csv', 'json'] as const;

/** A web address a Hypothesis file annotates, and the document it goes on (null: none yet). */
export interface ExchangeAddress {
  uri: string;
  title: string;
  annotations: number;
  documentId: string | null;
}

/** What importing a foreign file would do, shown before anything changes. */
export interface ExchangePreviewInfo {
  token: string;
  fileName: string;
  report: ExchangeReport;
  /** What the file holds, as Marginalia records. */
  counts: {
    documents: number;
    annotations: number;
    tags: number;
    notes: number;
    collections: number;
  };
  /** What merging it into the notebook would change (tags and documents already here are joined). */
  merge: RestorePreview;
  /** Hypothesis: each address and the document its annotations go on, which the user may change. */
  addresses: ExchangeAddress[];
}

/** The outcome of an exchange import: what changed, the undo token (`undoRestore`), the report. */
export interface ExchangeApplied {
  preview: RestorePreview;
  undoToken: string;
  report: ExchangeReport;
}
