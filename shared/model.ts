import { z } from 'zod';
import { cslRecordSchema } from './citations/csl-schema.ts';
import { HIGHLIGHT_COLORS } from './colors.ts';
import { normalizeTagName } from './tags.ts';

/**
 * The stored data model, version 6 (version 1 had no `updatedAt` on documents and tags; 3 moved
 * to a snapshot and journal; 4 added PDF documents and page selectors; 5 collections; 6 a
 * document's bibliographic record; 7 coding rounds and each highlight's coder). Every entity is validated with these schemas when the store
 * is read and whenever an entity comes back from the renderer (undo restores), so a corrupt or
 * hand-edited file is caught before it can spread.
 *
 * Offsets are UTF-16 code units into `Document.text` (what DOM ranges use). Exporters that need
 * W3C code-point offsets convert at the edge.
 */
export const SCHEMA_VERSION = 7;

export const idSchema = z.string().min(1).max(64);
const isoDate = z.iso.datetime({ offset: true });
export const colorSchema = z.enum(HIGHLIGHT_COLORS);

export const blockSchema = z.object({
  type: z.enum(['paragraph', 'heading', 'list-item', 'blockquote', 'code']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Heading level (1–6) or list nesting depth (0-based). */
  level: z.number().int().min(0).max(6).optional(),
  ordered: z.boolean().optional(),
});
export type Block = z.infer<typeof blockSchema>;

export const markSchema = z.object({
  type: z.enum(['emphasis', 'strong', 'link', 'code']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  href: z.string().max(4096).optional(),
});
export type Mark = z.infer<typeof markSchema>;

/** 64 hex digits: the SHA-256 of a file kept in the notebook folder under `files/`. */
export const fileHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

/**
 * What a PDF document keeps beside its canonical text. The PDF's bytes are stored once, by their
 * SHA-256, in the notebook folder (`files/<hash>.pdf`), never inside the JSON.
 */
export const pdfInfoSchema = z.object({
  file: fileHashSchema,
  byteLength: z.number().int().nonnegative(),
  pageCount: z.number().int().positive().max(100_000),
  /** The labels the PDF gives its pages ("iv", "12"), or null when it gives none. */
  pageLabels: z.array(z.string().max(100)).nullable().default(null),
  /** Each page's width and height in PDF points, upright (its /Rotate applied). */
  pageSizes: z.array(z.tuple([z.number().positive(), z.number().positive()])),
  /** Where each page's text starts in the canonical text. */
  pageStarts: z.array(z.number().int().nonnegative()),
  outline: z
    .array(
      z.object({
        title: z.string().max(1000),
        page: z.number().int().nonnegative().nullable(),
        depth: z.number().int().min(0).max(20),
      }),
    )
    .max(5000)
    .default([]),
  /** 0-based pages without readable text (scans, images, glyphs without letters). */
  unreadablePages: z.array(z.number().int().nonnegative()).default([]),
  /** The version of shared/pdf/page-text.ts that built the text, and pdf.js's version. */
  textBuilder: z.number().int().positive(),
  pdfjs: z.string().max(40),
});
export type PdfInfo = z.infer<typeof pdfInfoSchema>;

/** The most dismissals a document keeps (the service refuses more rather than write a document
 * the schema would set aside at the next start). */
export const MAX_DISMISSED_QUOTES = 100_000;

export const documentSchema = z.object({
  id: idSchema,
  title: z.string().max(1000),
  author: z.string().max(1000).default(''),
  source: z.string().max(1000).default(''),
  url: z.string().max(4096).default(''),
  publishedDate: z.string().max(40).default(''),
  importedAt: isoDate,
  /**
   * Last change to the text or details (a merge of backups keeps the newer). Filled from
   * `importedAt` by the version 2 migration; a record without one counts as never changed.
   */
  updatedAt: isoDate.optional(),
  contentHash: z.string().max(128),
  /** Canonical text: NFC, `\n` line ends. Blocks and marks are ranges over it. */
  text: z.string(),
  blocks: z.array(blockSchema),
  marks: z.array(markSchema).default([]),
  /** Set on the sample article so that deleting it is remembered. */
  seed: z.boolean().optional(),
  /** Present when the document is a PDF: its pages, and where its bytes are. */
  pdf: pdfInfoSchema.optional(),
  /** Its bibliographic record (CSL-JSON), for citations and bibliographies. */
  csl: cslRecordSchema.optional(),
  /**
   * Quotations the researcher set aside in the quote finder, by their words (and where they
   * were), so they stay dismissed when the finder runs again or the text is re-imported.
   */
  dismissedQuotes: z
    .array(
      z.object({ text: z.string().min(1).max(100_000), start: z.number().int().nonnegative() }),
    )
    .max(MAX_DISMISSED_QUOTES)
    .optional(),
});
export type NotebookDocument = z.infer<typeof documentSchema>;

export const textPositionSelectorSchema = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>;

export const textQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>;

/** A rectangle on a PDF page in PDF user space: [x1, y1, x2, y2], independent of zoom and rotation. */
export const pdfRectSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type PdfRect = z.infer<typeof pdfRectSchema>;

/**
 * Where a highlight on a PDF is drawn: the page it starts on (0-based) and its rectangles, each
 * with its page (a highlight may run over a page break).
 */
export const pageSelectorSchema = z.object({
  type: z.literal('PdfPageSelector'),
  page: z.number().int().nonnegative(),
  rects: z.array(z.object({ page: z.number().int().nonnegative(), rect: pdfRectSchema })).max(2000),
});
export type PageSelector = z.infer<typeof pageSelectorSchema>;

export const targetSchema = z.object({
  documentId: idSchema,
  position: textPositionSelectorSchema,
  quote: textQuoteSelectorSchema,
  /** On a PDF: the page and rectangles, a hint when the text changes and what to draw. */
  page: pageSelectorSchema.optional(),
});
/** Where a text highlight is: offsets and quote over the canonical text (and a PDF's page). */
export type AnnotationTarget = z.infer<typeof targetSchema>;

/**
 * An area highlight on a PDF page (a figure, a table, a scanned passage): a rectangle in PDF user
 * space and no text selector, with a PNG of the region as drawn kept in `files/` for reports.
 */
export const areaSelectorSchema = z.object({
  type: z.literal('PdfAreaSelector'),
  page: z.number().int().nonnegative(),
  rect: pdfRectSchema,
  image: fileHashSchema.optional(),
});
export type AreaSelector = z.infer<typeof areaSelectorSchema>;
export const areaTargetSchema = z
  .object({
    documentId: idSchema,
    area: areaSelectorSchema,
    // Declared absent, so code reading a text target's selectors must first ask which it has.
    position: z.undefined().optional(),
    quote: z.undefined().optional(),
    page: z.undefined().optional(),
  })
  .strict();
export type AreaTarget = z.infer<typeof areaTargetSchema>;

/** Who made a highlight: the coder profile in preferences (a stable id and a display name). */
export const coderSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200),
});
export type Coder = z.infer<typeof coderSchema>;

/** How a consensus highlight was settled from the coders' versions in a round. */
export const SETTLE_METHODS = ['one', 'union', 'overlap', 'edit'] as const;
export const consensusSchema = z.object({
  roundId: idSchema,
  /** The coders (ids) whose highlights were taken into it. */
  coders: z.array(z.string().min(1).max(100)).max(50),
  how: z.enum(SETTLE_METHODS),
  settledAt: isoDate,
});
export type Consensus = z.infer<typeof consensusSchema>;

export const annotationSchema = z.object({
  id: idSchema,
  documentId: idSchema,
  /** A text highlight's selectors, or an area on a PDF page. */
  target: z.union([areaTargetSchema, targetSchema]),
  color: colorSchema,
  tagIds: z.array(idSchema).default([]),
  comment: z.string().max(100_000).default(''),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** True when re-anchoring against changed text could not place it; kept, never dropped. */
  orphan: z.boolean().optional(),
  /** Who made it (from version 7; older highlights have none). */
  coder: coderSchema.optional(),
  /** A consensus highlight: which coders had it in which round, and how it was settled. */
  consensus: consensusSchema.optional(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const tagNameSchema = z
  .string()
  .transform(normalizeTagName)
  .pipe(z.string().min(1, 'A tag needs a name.'))
  .refine((n) => n.length <= 200, 'Tag names are limited to 200 characters.')
  .refine((n) => !n.split('/').some((part) => part.trim() === ''), {
    message: 'A tag path cannot have an empty part (check for a leading, trailing or double "/").',
  });

export const tagSchema = z.object({
  id: idSchema,
  name: tagNameSchema,
  color: colorSchema,
  description: z.string().max(10_000).default(''),
  createdAt: isoDate,
  /** Last rename, move, recolouring or new description (from `createdAt` when migrated). */
  updatedAt: isoDate.optional(),
});
export type Tag = z.infer<typeof tagSchema>;

export const noteSchema = z.object({
  id: idSchema,
  title: z.string().max(1000),
  body: z.string().max(1_000_000),
  tagIds: z.array(idSchema).default([]),
  annotationIds: z.array(idSchema).default([]),
  documentId: idSchema.nullable().default(null),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Note = z.infer<typeof noteSchema>;

export const collectionNameSchema = z
  .string()
  .trim()
  .min(1, 'A collection needs a name.')
  .max(200, 'A collection name is at most 200 characters.');

/**
 * A set of documents (a project, a chapter, a case); a document can be in several. Membership
 * lives on the collection, so adding 300 documents changes one small record, not 300 large ones;
 * ids of deleted documents are ignored where read, so undoing a deletion needs no relinking.
 */
export const collectionSchema = z.object({
  id: idSchema,
  name: collectionNameSchema,
  documentIds: z.array(idSchema).max(100_000).default([]),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Collection = z.infer<typeof collectionSchema>;

/** One coder's highlight in a round's layer: where it is and which codes it carries. */
export const layerHighlightSchema = z.object({
  id: idSchema,
  documentId: idSchema,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  tagIds: z.array(idSchema).max(1000),
  comment: z.string().max(100_000).default(''),
});
export type LayerHighlight = z.infer<typeof layerHighlightSchema>;

/** A coder's coding of a round, imported by the lead: kept apart from the notebook's own. */
export const layerSchema = z.object({
  coder: coderSchema,
  importedAt: isoDate,
  fileName: z.string().max(1000),
  highlights: z.array(layerHighlightSchema).max(500_000),
});
export type Layer = z.infer<typeof layerSchema>;

/** A code a coder proposes during a round (the codebook is read-only for coders). */
export const proposalSchema = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(10_000).default(''),
  coder: coderSchema,
  createdAt: isoDate,
});
export type Proposal = z.infer<typeof proposalSchema>;

/**
 * A coding round: its documents and codebook as handed out. The lead's record (`role: 'lead'`)
 * collects each coder's file as a layer; a coder's (`role: 'coder'`) keeps the codebook
 * read-only while it is open and collects the coder's proposals.
 */
export const roundSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, 'A round needs a name.').max(200),
  instructions: z.string().max(20_000).default(''),
  role: z.enum(['lead', 'coder']),
  documentIds: z.array(idSchema).min(1).max(10_000),
  /** The codebook as handed out. */
  tagIds: z.array(idSchema).max(10_000),
  /** Role coder: who is coding in this notebook. */
  coder: coderSchema.optional(),
  proposals: z.array(proposalSchema).max(10_000).default([]),
  layers: z.array(layerSchema).max(50).default([]),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** A coder's round is closed once its coding file is handed in (the codebook opens again). */
  closedAt: isoDate.optional(),
});
export type Round = z.infer<typeof roundSchema>;

export const RECORD_COLLECTIONS = [
  'documents',
  'annotations',
  'tags',
  'notes',
  'collections',
  'rounds',
] as const;
export type RecordCollection = (typeof RECORD_COLLECTIONS)[number];

/**
 * A record that failed validation when the store was read: kept in the file, as it was, with
 * why, instead of taking the whole notebook down or being dropped.
 */
export const quarantinedSchema = z.object({
  /** Where it came from; `quarantine` for an earlier entry that could no longer be read. */
  collection: z.enum([...RECORD_COLLECTIONS, 'quarantine']),
  /** The record's id when it has a readable one. */
  id: z.string().max(200).nullable(),
  record: z.unknown(),
  reason: z.string().max(2000),
  quarantinedAt: isoDate,
  /** Quotes and notes that pointed at it (a tag they carried, a note's document), to relink. */
  detached: z.object({ annotations: z.array(z.string()), notes: z.array(z.string()) }).optional(),
});
export type Quarantined = z.infer<typeof quarantinedSchema>;

export const storeDataSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  documents: z.array(documentSchema),
  annotations: z.array(annotationSchema),
  tags: z.array(tagSchema),
  notes: z.array(noteSchema),
  collections: z.array(collectionSchema),
  rounds: z.array(roundSchema),
  /** Damaged records set aside when the store was read (see electron/notebook/store-records.ts). */
  quarantine: z.array(quarantinedSchema).default([]),
  meta: z
    .object({
      /** The sample article was added once; it is never re-added after the user deletes it. */
      seeded: z.boolean().default(false),
    })
    .default({ seeded: false }),
});
export type StoreData = z.infer<typeof storeDataSchema>;

export function emptyStore(): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    documents: [],
    annotations: [],
    tags: [],
    notes: [],
    collections: [],
    rounds: [],
    quarantine: [],
    meta: { seeded: false },
  };
}

/** A note in lists: everything but the full body. */
export type NoteSummary = Omit<Note, 'body'> & { excerpt: string };

/** A cited quote as a note shows it: its text and where it comes from, or that it is gone. */
export type QuoteReference =
  | {
      id: string;
      found: true;
      exact: string;
      color: Annotation['color'];
      documentId: string;
      documentTitle: string;
    }
  | { id: string; found: false };

/** What the library list needs, without shipping every document's full text. */
export type DocumentSummary = Pick<
  NotebookDocument,
  'id' | 'title' | 'author' | 'source' | 'url' | 'publishedDate' | 'importedAt'
> & {
  annotationCount: number;
  /** Highlights whose quote could not be found in the current text. */
  orphanCount: number;
  wordCount: number;
  /** A PDF's number of pages (absent for other documents). */
  pageCount?: number;
};
