import type { Notebook } from '../../electron/notebook/notebook.ts';
import type { TextAnnotation } from '../../shared/annotations.ts';
import type { MethodInput, MethodName } from '../../shared/contract.ts';
import type { Note, NotebookDocument, Tag } from '../../shared/model.ts';

/** What the fuzzed notebook holds: the sample article, two tags, a highlight, a note. */
export interface FuzzFixture {
  doc: NotebookDocument;
  annotation: TextAnnotation;
  tag: Tag;
  child: Tag;
  note: Note;
}

export async function makeFixture(notebook: Notebook): Promise<FuzzFixture> {
  const h = notebook.handlers;
  const [summary] = await h.listDocuments({});
  if (!summary) throw new Error('the sample article was not seeded');
  const doc = await h.getDocument({ id: summary.id });
  const tag = await h.createTag({ name: 'threat', color: 'pink' });
  const child = await h.createTag({ name: 'actors/afghan' });
  const annotation = await h.createAnnotation({
    documentId: doc.id,
    start: 10,
    end: 30,
    color: 'yellow',
    tagIds: [tag.id],
    comment: 'Checked.',
  });
  const note = await h.createNote({
    title: 'Threats',
    body: 'On threats.',
    tagIds: [tag.id],
    documentId: doc.id,
  });
  await notebook.store.flush();
  return { doc, annotation, tag, child, note };
}

const at = '2025-10-01T12:00:00.000Z';

/**
 * One valid payload per method, every field filled: the fuzzer breaks them one field at a time,
 * so most cases are "almost valid". A method added to the contract without one here is still
 * fuzzed, with arbitrary values only (the run says so).
 */
export const BASES: { [M in MethodName]?: (f: FuzzFixture) => MethodInput<M> } = {
  getInfo: () => ({}),
  listDocuments: () => ({}),
  getDocument: (f) => ({ id: f.doc.id }),
  deleteDocument: (f) => ({ id: f.doc.id }),
  restoreDocument: (f) => ({
    document: { ...f.doc, id: 'doc_restored' },
    annotations: [{ ...f.annotation, id: 'ann_r', documentId: 'doc_restored' }],
    noteIds: [f.note.id],
  }),
  updateDocument: (f) => ({
    id: f.doc.id,
    title: 'Renamed',
    author: 'A. Author',
    source: 'Wire',
    url: 'https://example.org/a',
    publishedDate: '2025-09-21',
  }),
  importFiles: (f) => ({
    jobId: 'job-1',
    files: [{ name: 'a.txt', size: 5, data: Buffer.from('Hello').toString('base64') }],
    replaceDocumentId: f.doc.id,
  }),
  importFromDialog: (f) => ({ jobId: 'job-2', replaceDocumentId: f.doc.id }),
  importFromClipboard: () => ({ jobId: 'job-3' }),
  importText: () => ({ jobId: 'job-4', text: 'Pasted words.', html: '<p>Pasted words.</p>' }),
  cancelImport: () => ({ jobId: 'job-5' }),
  restoreDocumentVersion: (f) => ({
    document: f.doc,
    targets: [{ id: f.annotation.id, target: f.annotation.target, orphan: false }],
  }),
  listAnnotations: (f) => ({ documentId: f.doc.id }),
  createAnnotation: (f) => ({
    documentId: f.doc.id,
    start: 40,
    end: 60,
    color: 'green',
    tagIds: [f.tag.id],
    comment: 'A comment.',
  }),
  updateAnnotation: (f) => ({
    id: f.annotation.id,
    color: 'blue',
    addTagIds: [f.child.id],
    removeTagIds: [f.tag.id],
    comment: 'Revised.',
  }),
  deleteAnnotation: (f) => ({ id: f.annotation.id }),
  createAreaAnnotation: (f) => ({
    documentId: f.doc.id,
    page: 0,
    rect: [10, 10, 120, 90],
    color: 'blue',
  }),
  readPdf: (f) => ({ id: f.doc.id }),
  restoreAnnotation: (f) => ({ annotation: { ...f.annotation, id: 'ann_restored' } }),
  restoreAnnotationTarget: (f) => ({
    id: f.annotation.id,
    target: f.annotation.target,
    orphan: true,
  }),
  reattachAnnotation: (f) => ({ id: f.annotation.id, start: 40, end: 60 }),
  listTags: () => ({}),
  createTag: () => ({ name: 'places/kabul', color: 'orange' }),
  updateTag: (f) => ({
    id: f.tag.id,
    name: 'threats/direct',
    color: 'purple',
    description: 'Explicit threats.',
  }),
  moveTag: (f) => ({ id: f.tag.id, parentId: f.child.id }),
  mergeTags: (f) => ({ sourceId: f.child.id, targetId: f.tag.id }),
  deleteTag: (f) => ({ id: f.tag.id }),
  retagAnnotations: (f) => ({
    annotationIds: [f.annotation.id],
    addTagIds: [f.child.id],
    removeTagIds: [f.tag.id],
  }),
  restoreTags: (f) => ({
    undo: {
      tags: [f.tag],
      annotations: [{ id: f.annotation.id, removed: [], added: [f.tag.id] }],
      notes: [{ id: f.note.id, removed: [f.child.id], added: [] }],
    },
  }),
  tagUsage: () => ({}),
  search: () => ({ query: 'fight tag:threat -years "next 20"', limit: 10 }),
  exportNotebook: (f) => ({
    jobId: 'export-1',
    format: 'markdown',
    scope: { kind: 'tag', tagId: f.tag.id },
    options: { markdownOrder: 'text', csvBom: false, csvEscapeFormulas: true, includeNotes: true },
  }),
  cancelExport: () => ({ jobId: 'export-2' }),
  showExportedFile: () => ({ path: '/tmp/marginalia-export.md' }),
  listBackups: () => ({}),
  previewRestore: () => ({ backup: 'notebook-2025-10-01T12-00-00-000Z.json' }),
  applyRestore: () => ({ token: 'token-1', mode: 'merge' }),
  undoRestore: () => ({ undoToken: 'undo-1' }),
  listNotes: (f) => ({ documentId: f.doc.id }),
  getNote: (f) => ({ id: f.note.id }),
  createNote: (f) => ({
    title: 'Jalali',
    body: 'See [the quote](marginalia://quote/x).',
    tagIds: [f.tag.id],
    documentId: f.doc.id,
  }),
  createNoteFromQuote: (f) => ({ annotationId: f.annotation.id }),
  updateNote: (f) => ({
    id: f.note.id,
    title: 'Threats, revised',
    body: 'Body.',
    addTagIds: [f.child.id],
    removeTagIds: [f.tag.id],
    documentId: null,
  }),
  deleteNote: (f) => ({ id: f.note.id }),
  restoreNote: (f) => ({
    note: { ...f.note, id: 'note_restored', createdAt: at, updatedAt: at },
  }),
  appendQuoteToNote: (f) => ({ noteId: f.note.id, annotationId: f.annotation.id }),
  quoteMarkdown: (f) => ({ annotationId: f.annotation.id }),
  resolveQuotes: (f) => ({ ids: [f.annotation.id, 'ann_gone'] }),
  findQuotes: (f) => ({ documentId: f.doc.id }),
  acceptQuotes: (f) => ({
    documentId: f.doc.id,
    quotes: [{ start: 40, end: 60, speaker: 'Zakir Jalali', role: 'political director' }],
    color: 'pink',
  }),
  undoAcceptQuotes: (f) => ({ annotationIds: [f.annotation.id], tagIds: [f.child.id] }),
  dismissQuotes: (f) => ({ documentId: f.doc.id, quotes: [{ start: 40, text: 'even an inch' }] }),
  undismissQuotes: (f) => ({ documentId: f.doc.id, texts: ['even an inch'] }),
  listSpeakers: () => ({}),
};
