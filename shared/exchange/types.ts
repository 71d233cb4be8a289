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
