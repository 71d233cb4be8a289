import { compareByPosition } from '../annotations.ts';
import { findTagById, isWithin } from '../codebook.ts';
import type { Annotation, Note, StoreData } from '../model.ts';
import { NotebookError } from '../result.ts';
import type { CitedQuote, ExportSelection, ResolvedScope } from './types.ts';

/** Everything a document holds that an export needs; the scope decides what is kept. */
export function selectForExport(
  data: StoreData,
  scope: ResolvedScope,
  generatedAt: string,
): ExportSelection {
  const documentsById = new Map(data.documents.map((d) => [d.id, d]));
  const annotationsById = new Map(data.annotations.map((a) => [a.id, a]));
  let keepQuote: (a: Annotation) => boolean;
  let keepNote: (n: Note) => boolean;
  let label: string;
  /** Scopes made of documents list each of them, highlighted or not. */
  let documentScope: ReadonlySet<string> | null = null;

  switch (scope.kind) {
    case 'notebook':
      label = 'Whole notebook';
      keepQuote = () => true;
      keepNote = () => true;
      break;
    case 'document': {
      const doc = documentsById.get(scope.documentId);
      if (!doc) throw new NotebookError('not-found', 'That document is no longer in the notebook.');
      label = doc.title || 'Untitled document';
      keepQuote = (a) => a.documentId === doc.id;
      // A document's notes, and notes citing its quotes.
      keepNote = (n) =>
        n.documentId === doc.id ||
        n.annotationIds.some((id) => annotationsById.get(id)?.documentId === doc.id);
      break;
    }
    case 'tag': {
      const root = findTagById(data, scope.tagId);
      const within = new Set(data.tags.filter((t) => isWithin(t.name, root.name)).map((t) => t.id));
      label = `Tag: ${root.name}`;
      keepQuote = (a) => a.tagIds.some((id) => within.has(id));
      keepNote = (n) => n.tagIds.some((id) => within.has(id));
      break;
    }
    case 'collection':
    case 'documents': {
      let ids: readonly string[];
      if (scope.kind === 'collection') {
        const collection = data.collections.find((c) => c.id === scope.collectionId);
        if (!collection)
          throw new NotebookError('not-found', 'That collection is no longer in the notebook.');
        label = `Collection: ${collection.name}`;
        ids = collection.documentIds;
      } else {
        ids = scope.documentIds;
        const missing = ids.filter((id) => !documentsById.has(id)).length;
        if (missing > 0)
          throw new NotebookError(
            'not-found',
            `${missing} of the chosen documents are no longer in the notebook.`,
          );
        label =
          ids.length === 1 ? (documentsById.get(ids[0]!)?.title ?? '') : `${ids.length} documents`;
      }
      const chosen = new Set(ids);
      documentScope = chosen;
      keepQuote = (a) => chosen.has(a.documentId);
      keepNote = (n) =>
        (n.documentId !== null && chosen.has(n.documentId)) ||
        n.annotationIds.some((id) => chosen.has(annotationsById.get(id)?.documentId ?? ''));
      break;
    }
    case 'search': {
      const quotes = new Set(scope.annotationIds);
      const notes = new Set(scope.noteIds);
      label = `Search: ${scope.query}`;
      keepQuote = (a) => quotes.has(a.id);
      keepNote = (n) => notes.has(n.id);
      break;
    }
  }

  const byDocument = new Map<string, Annotation[]>();
  for (const a of data.annotations) {
    if (!keepQuote(a) || !documentsById.has(a.documentId)) continue;
    const list = byDocument.get(a.documentId);
    if (list) list.push(a);
    else byDocument.set(a.documentId, [a]);
  }
  // The whole notebook means every document, highlighted or not (a backup must lose nothing).
  const documents = data.documents.filter(
    (d) =>
      scope.kind === 'notebook' ||
      byDocument.has(d.id) ||
      documentScope?.has(d.id) ||
      (scope.kind === 'document' && d.id === scope.documentId),
  );
  const annotations = documents.flatMap((d) =>
    (byDocument.get(d.id) ?? []).sort(compareByPosition),
  );
  const notes = data.notes
    .filter(keepNote)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const tags = [...data.tags].sort((a, b) => a.name.localeCompare(b.name));
  // Collections, down to the documents selected (a backup of one document keeps its memberships).
  const selectedIds = new Set(documents.map((d) => d.id));
  const collections = data.collections.flatMap((c) => {
    const documentIds = c.documentIds.filter((id) => selectedIds.has(id));
    if (scope.kind !== 'notebook' && documentIds.length === 0) return [];
    return [documentIds.length === c.documentIds.length ? c : { ...c, documentIds }];
  });

  return {
    scope,
    label,
    documents,
    annotations,
    tags,
    notes,
    collections,
    rounds: scope.kind === 'notebook' ? data.rounds : [],
    citedQuote(id): CitedQuote | null {
      const annotation = annotationsById.get(id);
      const document = annotation && documentsById.get(annotation.documentId);
      return annotation && document ? { annotation, document } : null;
    },
    schemaVersion: data.schemaVersion,
    meta: data.meta,
    generatedAt,
  };
}
