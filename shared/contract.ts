import { z } from 'zod';
import type { Annotation, DocumentSummary, NotebookDocument, Tag } from './model.ts';
import { annotationSchema, colorSchema, documentSchema, idSchema, tagNameSchema } from './model.ts';
import type { Result } from './result.ts';

/**
 * The one declaration of the IPC API. The preload builds `window.notebook` from `METHOD_NAMES`,
 * main registers one validated handler per entry, and the end-to-end harness hands the same list
 * to a browser page. Adding a method here is the only way to add one anywhere.
 */
declare const resultBrand: unique symbol;
interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  readonly [resultBrand]?: R;
}
const method =
  <R>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ input });

const empty = z.object({}).strict();
const byId = z.object({ id: idSchema }).strict();

export interface NotebookInfo {
  dataDir: string;
  storePath: string;
  schemaVersion: number;
  /** Set when the store file could not be read at start-up and was recovered. */
  recovery: { message: string; keptAs: string; restoredFrom: string | null } | null;
}

export const contract = {
  getInfo: method<NotebookInfo>()(empty),
  listDocuments: method<DocumentSummary[]>()(empty),
  getDocument: method<NotebookDocument>()(byId),
  deleteDocument: method<{ document: NotebookDocument; annotations: Annotation[] }>()(byId),
  restoreDocument: method<DocumentSummary>()(
    z
      .object({ document: documentSchema, annotations: z.array(annotationSchema).max(100_000) })
      .strict(),
  ),
  listAnnotations: method<Annotation[]>()(z.object({ documentId: idSchema }).strict()),
  createAnnotation: method<Annotation>()(
    z
      .object({
        documentId: idSchema,
        start: z.number().int().nonnegative(),
        end: z.number().int().positive(),
        color: colorSchema,
        tagIds: z.array(idSchema).max(100).optional(),
        comment: z.string().max(100_000).optional(),
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
  restoreAnnotation: method<Annotation>()(z.object({ annotation: annotationSchema }).strict()),
  listTags: method<Tag[]>()(empty),
  /** Returns the existing tag when one has the same name (case-insensitive). */
  createTag: method<Tag>()(
    z.object({ name: tagNameSchema, color: colorSchema.optional() }).strict(),
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
  | { type: 'changed'; entities: ('documents' | 'annotations' | 'tags' | 'notes')[] }
  /** Saving to disk failed; changes are kept in memory and retried. */
  | { type: 'save-failed'; message: string }
  /** Saving works again after a failure. */
  | { type: 'save-recovered' };

export const IPC_INVOKE_PREFIX = 'notebook:';
export const IPC_EVENT_CHANNEL = 'notebook:event';
