import { describeRange } from '../../shared/anchoring/describe.ts';
import { placeAnnotation as place } from '../../shared/anchoring/place.ts';
import type { TextAnnotation } from '../../shared/annotations.ts';
import { compareByPosition } from '../../shared/annotations.ts';
import type {
  AnnotationDelta,
  NotebookEvent,
  NotebookHandlers,
  NotebookInfo,
} from '../../shared/contract.ts';

type DocumentHandlers = Pick<
  NotebookHandlers,
  | 'getInfo'
  | 'openExternalLink'
  | 'listDocuments'
  | 'getDocument'
  | 'readPdf'
  | 'deleteDocument'
  | 'restoreDocument'
  | 'listAnnotations'
  | 'createAnnotation'
  | 'createAreaAnnotation'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'restoreAnnotation'
>;

import type { Annotation, Coder } from '../../shared/model.ts';
import { SCHEMA_VERSION } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { nextTagIds } from '../../shared/tags.ts';
import { announceAnnotations } from './annotation-delta.ts';
import type { NotebookHost } from './host.ts';
import { newId } from './ids.ts';
import {
  checkPageSelector,
  checkRange,
  checkTags,
  findAnnotation,
  findDocument,
} from './lookups.ts';
import type { Store } from './store.ts';
import { filesDirIn, keepFile, readKeptPdf, sha256Hex } from './stored-files.ts';

/** The first bytes of every PNG file. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

import { summarize, summarizeAll } from './summaries.ts';

type Entity = Extract<NotebookEvent, { type: 'changed' }>['entities'][number];
/**
 * Tell the renderer what kinds of thing changed; `annotations`, where the notebook provides it,
 * tells it exactly which highlights a small change touched (see `announceAnnotations`).
 */
export type Changed = ((...entities: Entity[]) => void) & {
  annotations?: (delta: AnnotationDelta) => void;
};

/**
 * The notebook's behaviour behind the IPC contract. Inputs arrive already parsed by the
 * dispatcher; this layer checks what a schema cannot (ids exist, ranges fit the text) and
 * throws NotebookError before changing anything, so a rejected call never writes.
 */
export function createDocumentService(
  store: Store,
  changed: Changed,
  host: Pick<NotebookHost, 'openExternalLink'>,
  /** The coder profile in preferences: every new highlight records who made it. */
  coder: () => Coder | null = () => null,
): DocumentHandlers {
  const now = () => new Date().toISOString();
  /** Who makes a highlight now (none before a coder profile exists, as in older notebooks). */
  const madeBy = (): { coder?: Coder } => {
    const c = coder();
    return c ? { coder: { id: c.id, name: c.name } } : {};
  };

  return {
    getInfo(): NotebookInfo {
      return {
        dataDir: store.dataDir,
        storePath: store.path,
        schemaVersion: SCHEMA_VERSION,
        recovery: store.recovery,
        quarantine: store.data.quarantine.map(({ collection, id, reason, quarantinedAt }) => ({
          collection,
          id,
          reason,
          quarantinedAt,
        })),
      };
    },

    openExternalLink({ url }) {
      return host.openExternalLink(url);
    },

    listDocuments() {
      return summarizeAll(store.data).sort(
        (a, b) => b.importedAt.localeCompare(a.importedAt) || a.title.localeCompare(b.title),
      );
    },

    getDocument({ id }) {
      return findDocument(store.data, id);
    },

    async readPdf({ id }) {
      const document = findDocument(store.data, id);
      if (!document.pdf)
        throw new NotebookError('invalid-input', `“${document.title}” is not a PDF.`);
      const bytes = await readKeptPdf(filesDirIn(store.dataDir), document.pdf.file);
      return { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64') };
    },

    deleteDocument({ id }) {
      findDocument(store.data, id);
      const removed = store.change((data, touch) => {
        const document = findDocument(data, id);
        const annotations = data.annotations.filter((a) => a.documentId === id);
        data.documents = data.documents.filter((d) => d.id !== id);
        data.annotations = data.annotations.filter((a) => a.documentId !== id);
        // Notes are the user's own writing: they stay, detached, and come back attached on undo.
        const noteIds: string[] = [];
        for (const note of data.notes) {
          if (note.documentId !== id) continue;
          note.documentId = null;
          touch('notes', note);
          noteIds.push(note.id);
        }
        return { document, annotations, noteIds };
      });
      changed('documents', 'annotations', 'notes');
      return removed;
    },

    restoreDocument({ document, annotations, noteIds }) {
      const { data } = store;
      if (data.documents.some((d) => d.id === document.id)) {
        throw new NotebookError(
          'conflict',
          `The document ${document.id} is already in the notebook.`,
        );
      }
      const foreign = annotations.find((a) => a.documentId !== document.id);
      if (foreign) {
        throw new NotebookError(
          'invalid-input',
          `Highlight ${foreign.id} belongs to another document.`,
        );
      }
      const existing = new Set(data.annotations.map((a) => a.id));
      const incoming = new Set<string>();
      for (const a of annotations) {
        if (existing.has(a.id) || incoming.has(a.id)) {
          throw new NotebookError('conflict', `A highlight with id ${a.id} already exists.`);
        }
        incoming.add(a.id);
      }
      const outside = [...document.blocks, ...document.marks].find(
        (r) => r.end > document.text.length || r.start > r.end,
      );
      if (outside)
        throw new NotebookError(
          'invalid-input',
          'The document has a block or mark outside its text.',
        );
      // Tags deleted in the meantime are dropped from the restored highlights, never invented.
      const known = new Set(data.tags.map((t) => t.id));
      const placed = annotations.map((a) => place(document, a, known));
      store.change((d, touch) => {
        d.documents = [...d.documents, document];
        d.annotations = d.annotations.concat(placed);
        const reattach = new Set(noteIds);
        for (const note of d.notes)
          if (reattach.has(note.id) && note.documentId === null) {
            note.documentId = document.id;
            touch('notes', note);
          }
      });
      changed('documents', 'annotations', 'notes');
      return summarize(store.data, document);
    },

    listAnnotations({ documentId }) {
      findDocument(store.data, documentId);
      return store.data.annotations
        .filter((a) => a.documentId === documentId)
        .sort(compareByPosition);
    },

    createAnnotation({ documentId, start, end, color, tagIds = [], comment = '', page }) {
      const document = findDocument(store.data, documentId);
      checkRange(document, start, end);
      if (page) checkPageSelector(document, page);
      const tags = checkTags(store.data, tagIds);
      const { position, quote } = describeRange(document.text, start, end);
      const at = now();
      const annotation: TextAnnotation = {
        id: newId('ann'),
        documentId,
        target: page ? { documentId, position, quote, page } : { documentId, position, quote },
        color,
        tagIds: tags,
        comment,
        createdAt: at,
        updatedAt: at,
        ...madeBy(),
      };
      store.change((data) => data.annotations.push(annotation));
      announceAnnotations(store, changed, { put: [annotation] });
      return annotation;
    },

    async createAreaAnnotation({ documentId, page, rect, color, image }) {
      const document = findDocument(store.data, documentId);
      checkPageSelector(document, { type: 'PdfPageSelector', page, rects: [] });
      let imageHash: string | undefined;
      if (image) {
        const bytes = Buffer.from(image, 'base64');
        if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
          throw new NotebookError('invalid-input', 'The area’s picture is not a PNG image.');
        }
        imageHash = sha256Hex(bytes);
        // Kept before the highlight is stored, so no highlight points at a missing picture.
        await keepFile(filesDirIn(store.dataDir), imageHash, bytes, 'png');
      }
      const at = now();
      const annotation: Annotation = {
        id: newId('ann'),
        documentId,
        target: {
          documentId,
          area: { type: 'PdfAreaSelector', page, rect, ...(imageHash ? { image: imageHash } : {}) },
        },
        color,
        tagIds: [],
        comment: '',
        createdAt: at,
        updatedAt: at,
        ...madeBy(),
      };
      store.change((data) => data.annotations.push(annotation));
      announceAnnotations(store, changed, { put: [annotation] });
      return annotation;
    },

    updateAnnotation({ id, color, tagIds, addTagIds, removeTagIds, comment }) {
      const current = findAnnotation(store.data, id);
      const next = nextTagIds(current.tagIds, { tagIds, addTagIds, removeTagIds });
      const tags = next === undefined ? undefined : checkTags(store.data, next);
      const updated = store.change((data, touch) => {
        const annotation = findAnnotation(data, id);
        touch('annotations', annotation);
        if (color !== undefined) annotation.color = color;
        if (tags !== undefined) annotation.tagIds = tags;
        if (comment !== undefined) annotation.comment = comment;
        annotation.updatedAt = now();
        return { ...annotation };
      });
      announceAnnotations(store, changed, { put: [updated] });
      return updated;
    },

    deleteAnnotation({ id }) {
      const removed = findAnnotation(store.data, id);
      store.change((data) => {
        data.annotations = data.annotations.filter((a) => a.id !== id);
      });
      announceAnnotations(store, changed, { removed: [removed] });
      return removed;
    },

    restoreAnnotation({ annotation }) {
      const { data } = store;
      if (data.annotations.some((a) => a.id === annotation.id)) {
        throw new NotebookError('conflict', `A highlight with id ${annotation.id} already exists.`);
      }
      if (annotation.target.documentId !== annotation.documentId) {
        throw new NotebookError(
          'invalid-input',
          'The highlight targets a different document than it belongs to.',
        );
      }
      const document = findDocument(data, annotation.documentId);
      const restored = place(document, annotation, new Set(data.tags.map((t) => t.id)));
      store.change((d) => d.annotations.push(restored));
      announceAnnotations(store, changed, { put: [restored] });
      return restored;
    },
  };
}
