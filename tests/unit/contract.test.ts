import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import { buildPackage } from '../../electron/notebook/rounds/package-file.ts';
import { METHOD_NAMES, type MethodName } from '../../shared/contract.ts';
import type { Annotation, Collection, NotebookDocument } from '../../shared/model.ts';
import { sharedPdfBytes } from './pdf/pdf-files.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
/** A project another tool (qc) wrote, read from the handbook folder beside the clone. */
const QC_PROJECT = resolve('../shared/interop/refi-qda/qc-1.3.2_demo.qdpx');

interface Fixture {
  notebook: Notebook;
  doc: NotebookDocument;
  annotation: Annotation;
  tagId: string;
  otherTagId: string;
  noteId: string;
  collectionId: string;
  /** A collection deleted in the fixture, as deleteCollection returned it. */
  deletedCollection: Collection;
  /** A PDF document (rotation.pdf from ../shared/pdf). */
  pdfDocId: string;
  /** A file exported in this session (the only kind showExportedFile shows). */
  exportedPath: string;
  /** A restore previewed and not applied, and one applied that can be undone. */
  previewToken: string;
  exchangeToken: string;
  /** Set by a case's setup: a round made for it. */
  roundId?: string;
  undoToken: string;
}

async function fixture(): Promise<Fixture> {
  const dataDir = await tempDir();
  const chosen = join(dataDir, '..', `chosen-${Date.now()}.md`);
  await writeFile(chosen, '# Chosen in a dialog\n\nA file the user picked.');
  const backup = join(dataDir, '..', `backup-${Date.now()}.json`);
  const roundPackage = join(dataDir, '..', `package-${Date.now()}.mpackage`);
  const notebook = await openNotebook({
    dataDir,
    resourcesDir: RESOURCES_DIR,
    host: {
      // The Open dialog answers a project from another tool, a backup when asked for one, else
      // an article.
      chooseImportFiles: async ({ filters, title }) => [
        title === 'Import from another tool'
          ? QC_PROJECT
          : title === 'Open a coding package'
            ? roundPackage
            : filters
              ? backup
              : chosen,
      ],
      readClipboard: async () => ({ text: 'From the clipboard.', html: '' }),
      chooseSavePath: async ({ defaultName }) => join(dataDir, '..', defaultName),
      showItemInFolder: async () => {},
      openExternalLink: async () => ({ opened: false }),
    },
  });
  const [summary] = await notebook.handlers.listDocuments({});
  const doc = await notebook.handlers.getDocument({ id: summary!.id });
  const tag = await notebook.handlers.createTag({ name: 'threat' });
  const annotation = await notebook.handlers.createAnnotation({
    documentId: doc.id,
    start: 10,
    end: 30,
    color: 'yellow',
    tagIds: [tag.id],
  });
  const other = await notebook.handlers.createTag({ name: 'actors/afghan' });
  const note = await notebook.handlers.createNote({
    title: 'Threats',
    body: 'On threats.',
    tagIds: [],
    documentId: null,
  });
  const collection = await notebook.handlers.createCollection({
    name: 'Case A',
    documentIds: [doc.id],
  });
  const gone = await notebook.handlers.createCollection({ name: 'Gone' });
  const deletedCollection = await notebook.handlers.deleteCollection({ id: gone.id });
  const pdfBytes = sharedPdfBytes('rotation.pdf');
  const pdfReport = await notebook.handlers.importFiles({
    jobId: 'pdf',
    files: [
      {
        name: 'rotation.pdf',
        size: pdfBytes.length,
        data: Buffer.from(pdfBytes).toString('base64'),
      },
    ],
  });
  const pdfItem = pdfReport.items[0];
  if (pdfItem?.status !== 'imported') throw new Error('fixture PDF import failed');
  const exported = await notebook.exports.exportTo(backup, {
    format: 'json',
    scope: { kind: 'notebook' },
  });
  if (exported.status !== 'saved') throw new Error('fixture export failed');
  const first = await notebook.handlers.previewRestore({});
  const { undoToken } = await notebook.handlers.applyRestore({
    token: first!.token,
    mode: 'merge',
  });
  const second = await notebook.handlers.previewRestore({});
  const exchange = await notebook.handlers.previewExchangeImport({});
  // A lead's coding package of the sample article, for the round methods.
  const pkg = buildPackage(
    notebook.store.data,
    {
      id: 'round_pkg',
      name: 'Package',
      instructions: '',
      createdAt: new Date().toISOString(),
      documentIds: [doc.id],
    },
    { id: 'lead', name: 'Lead' },
  );
  await writeFile(roundPackage, JSON.stringify({ ...pkg, files: {} }));
  await notebook.store.flush();
  return {
    notebook,
    doc,
    annotation,
    tagId: tag.id,
    otherTagId: other.id,
    noteId: note.id,
    collectionId: collection.id,
    deletedCollection,
    pdfDocId: pdfItem.documentId,
    exportedPath: exported.path,
    previewToken: second!.token,
    exchangeToken: exchange!.token,
    undoToken,
  };
}

/**
 * One valid payload and a set of invalid ones per method. The `satisfies` makes adding a method
 * to the contract without adding its cases here a type error.
 */
/** A round this notebook leads (for the methods that collect, compare and settle). */
async function leadRound(f: Fixture): Promise<void> {
  await f.notebook.handlers.updateSettings({ coderName: 'Lead' });
  const created = await f.notebook.handlers.createRound({
    name: 'R',
    instructions: '',
    documentIds: [f.doc.id],
  });
  f.roundId = created!.round.id;
}

/** A lead's round with two coders' layers collected (as importing their files would). */
async function roundWithLayers(f: Fixture): Promise<void> {
  await leadRound(f);
  const layer = (id: string, end: number) => ({
    coder: { id, name: id },
    importedAt: new Date().toISOString(),
    fileName: `${id}.mcoding`,
    highlights: [
      { id: `h-${id}`, documentId: f.doc.id, start: 0, end, tagIds: [f.tagId], comment: '' },
    ],
  });
  f.notebook.store.change((data) => {
    data.rounds = data.rounds.map((r) =>
      r.id === f.roundId ? { ...r, layers: [layer('ana', 20), layer('ben', 30)] } : r,
    );
  });
}

/** A round this notebook codes in, opened from the fixture's package. */
async function coderRound(f: Fixture): Promise<void> {
  await f.notebook.handlers.updateSettings({ coderName: 'Coder' });
  f.roundId = (await f.notebook.handlers.openRoundPackage({}))!.id;
}

const cases = {
  getInfo: { valid: () => ({}), invalid: [{ extra: 1 }, null, 'x', []] },
  listDocuments: { valid: () => ({}), invalid: [{ id: 'x' }, 42] },
  getDocument: {
    valid: (f) => ({ id: f.doc.id }),
    invalid: [{}, { id: '' }, { id: 5 }, { id: 'x'.repeat(65) }, null],
  },
  readPdf: {
    valid: (f) => ({ id: f.pdfDocId }),
    invalid: [{}, { id: '' }, { id: 7 }, { id: 'a', page: 1 }, null],
  },
  deleteDocument: {
    valid: (f) => ({ id: f.doc.id }),
    invalid: [{}, { id: null }, { id: 'a', more: true }],
  },
  restoreDocument: {
    valid: (f) => ({ document: { ...f.doc, id: 'doc_restored' }, annotations: [] }),
    invalid: [
      {},
      { document: {}, annotations: [] },
      { document: { id: 'd' }, annotations: 'none' },
    ],
  },
  updateDocument: {
    valid: (f) => ({
      id: f.doc.id,
      title: 'Renamed',
      url: 'https://example.org/a',
      csl: { type: 'webpage', author: [{ family: 'Smith', given: 'Jane' }], 'citation-key': 'k' },
    }),
    invalid: [
      {},
      { title: 'x' },
      { id: 'x', title: 5 },
      { id: 'x', url: 'javascript:alert(1)' },
      { id: 'x', publishedDate: 'x'.repeat(41) },
      { id: 'x', text: 'new text' },
      { id: 'x', csl: 'not a record' },
      { id: 'x', csl: { type: 'book', author: 'Jane Smith' } },
      { id: 'x', csl: { title: 'x'.repeat(3000) } },
    ],
  },
  parseCitation: {
    valid: () => ({
      text: '@article{smith2021war, title = {The War}, author = {Smith, Jane}, year = {2021}}',
    }),
    invalid: [{}, { text: 5 }, { text: 'x'.repeat(2_000_001) }, { text: '@x{', extra: 1 }],
  },
  importFiles: {
    valid: () => ({
      jobId: 'job-1',
      files: [{ name: 'a.txt', size: 5, data: Buffer.from('Hello').toString('base64') }],
    }),
    invalid: [
      {},
      { jobId: 'j', files: [] },
      { jobId: 'j', files: [{ name: 'a.txt', size: 1, data: 'not base64!' }] },
      { jobId: 'j', files: [{ name: '', size: 1 }] },
      { jobId: 'j', files: [{ name: 'a', size: -1 }] },
      { jobId: 'j', files: [{ name: 'a', size: 1, path: '/etc/passwd' }] },
      {
        jobId: 'j',
        replaceDocumentId: 'doc_x',
        files: [
          { name: 'a', size: 1 },
          { name: 'b', size: 1 },
        ],
      },
    ],
  },
  importFromDialog: {
    valid: () => ({ jobId: 'job-2' }),
    invalid: [{}, { jobId: '' }, { jobId: 'j', paths: ['/etc/passwd'] }],
  },
  importFromClipboard: { valid: () => ({ jobId: 'job-3' }), invalid: [{}, { jobId: 7 }] },
  importText: {
    valid: () => ({ jobId: 'job-4', text: 'Pasted words for a new document.' }),
    invalid: [{}, { jobId: 'j' }, { jobId: 'j', text: 5 }, { jobId: 'j', text: 'a', html: [] }],
  },
  cancelImport: { valid: () => ({ jobId: 'job-5' }), invalid: [{}, { jobId: null }] },
  restoreDocumentVersion: {
    valid: (f) => ({
      document: f.doc,
      targets: [{ id: f.annotation.id, target: f.annotation.target, orphan: false }],
    }),
    invalid: [
      {},
      { document: { id: 'x' }, targets: [] },
      { document: null, targets: [] },
      { targets: [] },
    ],
  },
  listAnnotations: {
    valid: (f) => ({ documentId: f.doc.id }),
    invalid: [{}, { documentId: 1 }, { id: 'x' }],
  },
  createAnnotation: {
    valid: (f) => ({ documentId: f.doc.id, start: 40, end: 60, color: 'green' }),
    invalid: [
      {},
      { documentId: 'd', start: 5, end: 5, color: 'yellow' },
      { documentId: 'd', start: 10, end: 5, color: 'yellow' },
      { documentId: 'd', start: -1, end: 5, color: 'yellow' },
      { documentId: 'd', start: 1.5, end: 5, color: 'yellow' },
      { documentId: 'd', start: 0, end: 5, color: 'chartreuse' },
      { documentId: 'd', start: 0, end: 5, color: 'yellow', tagIds: 'threat' },
      {
        documentId: 'd',
        start: 0,
        end: 5,
        color: 'yellow',
        page: { type: 'PdfPageSelector', page: -1, rects: [] },
      },
      {
        documentId: 'd',
        start: 0,
        end: 5,
        color: 'yellow',
        page: { type: 'PdfPageSelector', page: 0, rects: [{ page: 0, rect: [0, 0, 'x', 1] }] },
      },
    ],
  },
  createAreaAnnotation: {
    valid: (f) => ({ documentId: f.pdfDocId, page: 1, rect: [72, 500, 300, 700], color: 'blue' }),
    invalid: [
      {},
      { documentId: 'd', page: 0, rect: [10, 10, 5, 20], color: 'blue' },
      { documentId: 'd', page: -1, rect: [0, 0, 10, 10], color: 'blue' },
      { documentId: 'd', page: 0, rect: [0, 0, 10], color: 'blue' },
      { documentId: 'd', page: 0, rect: [0, 0, 10, 10], color: 'blue', image: 'not base64!' },
      { documentId: 'd', page: 0, rect: [0, 0, 10, 10], color: 'blue', text: 'x' },
    ],
  },
  updateAnnotation: {
    valid: (f) => ({ id: f.annotation.id, comment: 'Checked against the wire report.' }),
    invalid: [
      {},
      { id: 'a', color: 'red' },
      { id: 'a', comment: 7 },
      { id: 'a', tagIds: [1] },
      { id: 'a', tagIds: [], addTagIds: ['t'] },
    ],
  },
  restoreAnnotationTarget: {
    valid: (f) => ({ id: f.annotation.id, target: f.annotation.target, orphan: true }),
    invalid: [
      {},
      { id: 'a', orphan: true },
      { id: 'a', target: { documentId: 'd' }, orphan: false },
      { id: 'a', target: null, orphan: 'yes' },
    ],
  },
  reattachAnnotation: {
    valid: (f) => ({ id: f.annotation.id, start: 40, end: 60 }),
    invalid: [{}, { id: 'a', start: 5, end: 5 }, { id: 'a', start: -1, end: 3 }, { id: 'a' }],
  },
  deleteAnnotation: { valid: (f) => ({ id: f.annotation.id }), invalid: [{}, { id: [] }] },
  restoreAnnotation: {
    valid: (f) => ({ annotation: { ...f.annotation, id: 'ann_restored' } }),
    invalid: [{}, { annotation: { id: 'a' } }, { annotation: 'x' }],
  },
  listTags: { valid: () => ({}), invalid: [{ all: true }] },
  createTag: {
    valid: () => ({ name: 'actors/afghan' }),
    invalid: [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'a//b' },
      { name: '/lead' },
      { name: 'x'.repeat(201) },
      { name: 'ok', color: 'mauve' },
    ],
  },
  updateTag: {
    valid: (f) => ({
      id: f.tagId,
      name: 'threats/direct',
      color: 'pink',
      description: 'Explicit threats of force.',
    }),
    invalid: [
      {},
      { id: 't', name: '' },
      { id: 't', name: 'a//b' },
      { id: 't', color: 'teal' },
      { id: 't', description: 5 },
    ],
  },
  moveTag: {
    valid: (f) => ({ id: f.tagId, parentId: f.otherTagId }),
    invalid: [{}, { id: 't' }, { id: 't', parentId: 5 }, { id: 't', parentId: '' }],
  },
  mergeTags: {
    valid: (f) => ({ sourceId: f.otherTagId, targetId: f.tagId }),
    invalid: [{}, { sourceId: 'a' }, { sourceId: 'a', targetId: 3 }],
  },
  deleteTag: { valid: (f) => ({ id: f.tagId }), invalid: [{}, { id: '' }, { tagId: 'x' }] },
  retagAnnotations: {
    valid: (f) => ({
      annotationIds: [f.annotation.id],
      addTagIds: [f.otherTagId],
      removeTagIds: [f.tagId],
    }),
    invalid: [
      {},
      { annotationIds: [] },
      { annotationIds: 'a' },
      { annotationIds: ['a'], addTagIds: [''] },
    ],
  },
  restoreTags: {
    valid: () => ({ undo: { tags: [], annotations: [], notes: [] } }),
    invalid: [
      {},
      { undo: {} },
      { undo: { tags: [{ id: 'x' }], annotations: [], notes: [] } },
      { undo: { tags: [], annotations: [{ id: 'a', removed: 'x', added: [] }], notes: [] } },
    ],
  },
  tagUsage: { valid: () => ({}), invalid: [{ id: 'x' }] },
  search: {
    valid: () => ({ query: 'fight yers tag:threat', limit: 10 }),
    invalid: [{}, { query: 5 }, { query: 'a', limit: 0 }, { query: 'x'.repeat(2001) }],
  },
  listNotes: {
    valid: (f) => ({ documentId: f.doc.id }),
    invalid: [{ documentId: 5 }, { all: true }],
  },
  getNote: { valid: (f) => ({ id: f.noteId }), invalid: [{}, { id: 1 }] },
  createNote: {
    valid: (f) => ({
      title: 'Jalali',
      body: 'See quote.',
      documentId: f.doc.id,
      tagIds: [f.tagId],
    }),
    invalid: [
      { title: 5 },
      { body: 'x'.repeat(1_000_001) },
      { tagIds: 'threat' },
      { documentId: 4 },
    ],
  },
  exportNotebook: {
    valid: (f) => ({
      jobId: 'export-1',
      format: 'csv',
      scope: { kind: 'document', documentId: f.doc.id },
    }),
    invalid: [
      {},
      { jobId: 'e', format: 'pdf', scope: { kind: 'notebook' } },
      { jobId: 'e', format: 'csv', scope: { kind: 'folder' } },
      { jobId: 'e', format: 'csv', scope: { kind: 'search', query: '   ' } },
      { jobId: 'e', format: 'csv', scope: { kind: 'notebook' }, path: '/etc/passwd' },
      // A folder export's folder comes from the host's dialog, never from the page.
      { jobId: 'e', format: 'obsidian', scope: { kind: 'notebook' }, folder: '/tmp' },
      { jobId: 'e', format: 'md', scope: { kind: 'notebook' }, options: { csvBom: 'yes' } },
    ],
  },
  cancelExport: { valid: () => ({ jobId: 'export-2' }), invalid: [{}, { jobId: 3 }] },
  showExportedFile: {
    valid: (f) => ({ path: f.exportedPath }),
    invalid: [{}, { path: '' }, { path: 7 }, { path: 'x'.repeat(5000) }],
  },
  listBackups: { valid: () => ({}), invalid: [{ dir: '/' }, 3] },
  openExternalLink: {
    valid: () => ({ url: 'https://example.org/a?b=1' }),
    invalid: [
      {},
      { url: 'javascript:alert(1)' },
      { url: 'file:///etc/passwd' },
      { url: ' JaVaScRiPt:alert(1)' },
      { url: 'notaurl' },
      { url: `https://e.org/${'x'.repeat(5000)}` },
    ],
  },
  previewRestore: {
    valid: () => ({}),
    invalid: [
      { path: '/etc/passwd' },
      null,
      { backup: '../notebook.json' },
      { backup: '/etc/passwd' },
      { backup: 'x.txt' },
    ],
  },
  applyRestore: {
    valid: (f) => ({ token: f.previewToken, mode: 'merge' }),
    invalid: [{}, { token: 't', mode: 'overwrite' }, { token: '', mode: 'merge' }],
  },
  undoRestore: {
    valid: (f) => ({ undoToken: f.undoToken }),
    invalid: [{}, { undoToken: 1 }, { token: 'x' }],
  },
  previewExchangeImport: {
    valid: () => ({}),
    invalid: [
      { path: '/etc/passwd' },
      null,
      [],
      { token: '' },
      { token: 't', documentFor: { '': 'doc' } },
    ],
  },
  applyExchangeImport: {
    valid: (f) => ({ token: f.exchangeToken, documentFor: { 'https://example.org/a': f.doc.id } }),
    invalid: [
      {},
      { token: '' },
      { token: 't', documentFor: { 'https://example.org/a': '' } },
      { token: 't', documentFor: 'x' },
      { token: 't', extra: 1 },
    ],
  },
  createNoteFromQuote: {
    valid: (f) => ({ annotationId: f.annotation.id }),
    invalid: [{}, { id: 'x' }],
  },
  updateNote: {
    valid: (f) => ({
      id: f.noteId,
      title: 'Threats, revised',
      body: 'Body.',
      addTagIds: [f.tagId],
    }),
    invalid: [
      {},
      { id: 'n', title: 1 },
      { id: 'n', tagIds: [], addTagIds: ['t'] },
      { id: 'n', documentId: 7 },
    ],
  },
  deleteNote: { valid: (f) => ({ id: f.noteId }), invalid: [{}, { id: null }] },
  restoreNote: {
    valid: (f) => ({
      note: {
        id: 'note_restored',
        title: 'Back',
        body: '',
        tagIds: [f.tagId],
        annotationIds: [],
        documentId: null,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      },
    }),
    invalid: [{}, { note: { id: 'n' } }],
  },
  appendQuoteToNote: {
    valid: (f) => ({ noteId: f.noteId, annotationId: f.annotation.id }),
    invalid: [{}, { noteId: 'n' }, { noteId: 'n', annotationId: 5 }],
  },
  quoteMarkdown: {
    valid: (f) => ({ annotationId: f.annotation.id }),
    invalid: [{}, { annotationId: [] }],
  },
  resolveQuotes: {
    valid: (f) => ({ ids: [f.annotation.id, 'ann_gone'] }),
    invalid: [{}, { ids: 'a' }, { ids: [1] }],
  },
  findQuotes: {
    valid: (f) => ({ documentId: f.doc.id }),
    invalid: [{}, { documentId: '' }, { documentId: 3 }, { id: 'x' }, null],
  },
  acceptQuotes: {
    valid: (f) => {
      const quote = 'we are ready to fight you for the next 20 years';
      const start = f.doc.text.indexOf(quote);
      return {
        documentId: f.doc.id,
        quotes: [{ start, end: start + quote.length, speaker: 'Mohammad Yaqoob Mujahid' }],
      };
    },
    invalid: [
      {},
      { documentId: 'd', quotes: [] },
      { documentId: 'd', quotes: [{ start: 5, end: 5, speaker: null }] },
      { documentId: 'd', quotes: [{ start: 9, end: 5, speaker: null }] },
      { documentId: 'd', quotes: [{ start: -1, end: 5, speaker: null }] },
      { documentId: 'd', quotes: [{ start: 0, end: 5 }] },
      { documentId: 'd', quotes: [{ start: 0, end: 5, speaker: 7 }] },
      { documentId: 'd', quotes: [{ start: 0, end: 5, speaker: 'x'.repeat(201) }] },
      { documentId: 'd', quotes: [{ start: 0, end: 5, speaker: null, text: 'x' }] },
      { documentId: 'd', quotes: [{ start: 0, end: 5, speaker: null }], color: 'mauve' },
      { documentId: 'd', quotes: [{ start: 0, end: 5, speaker: null }], tagIds: ['t'] },
    ],
  },
  undoAcceptQuotes: {
    valid: (f) => ({ annotationIds: [f.annotation.id], tagIds: [] }),
    invalid: [
      {},
      { annotationIds: [], tagIds: [] },
      { annotationIds: ['a'] },
      { annotationIds: 'a', tagIds: [] },
      { annotationIds: ['a'], tagIds: [''] },
    ],
  },
  dismissQuotes: {
    valid: (f) => ({ documentId: f.doc.id, quotes: [{ start: 0, text: 'even an inch' }] }),
    invalid: [
      {},
      { documentId: 'd', quotes: [] },
      { documentId: 'd', quotes: [{ start: 0, text: '' }] },
      { documentId: 'd', quotes: [{ start: -1, text: 'x' }] },
      { documentId: 'd', quotes: [{ text: 'x' }] },
      { documentId: 'd', quotes: [{ start: 0, text: 'x', end: 1 }] },
    ],
  },
  undismissQuotes: {
    valid: (f) => ({ documentId: f.doc.id, texts: ['even an inch'] }),
    invalid: [
      {},
      { documentId: 'd', texts: [] },
      { documentId: 'd', texts: [''] },
      { texts: ['x'] },
    ],
  },
  listSpeakers: { valid: () => ({}), invalid: [{ documentId: 'x' }, 'all'] },
  listCollections: { valid: () => ({}), invalid: [{ id: 'x' }, 'all'] },
  createCollection: {
    valid: (f) => ({ name: 'Chapter 2', documentIds: [f.doc.id] }),
    invalid: [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(201) },
      { name: 'a', documentIds: 'x' },
    ],
  },
  renameCollection: {
    valid: (f) => ({ id: f.collectionId, name: 'Case B' }),
    invalid: [{ id: 'x' }, { name: 'y' }, { id: 'x', name: '' }],
  },
  deleteCollection: {
    valid: (f) => ({ id: f.collectionId }),
    invalid: [{}, { id: '' }, { id: 3 }],
  },
  restoreCollection: {
    valid: (f) => ({ collection: f.deletedCollection }),
    invalid: [
      {},
      { collection: { id: 'x' } },
      { collection: { id: 'x', name: '', documentIds: [] } },
    ],
  },
  addToCollection: {
    valid: (f) => ({ id: f.collectionId, documentIds: [f.pdfDocId] }),
    invalid: [{ id: 'x' }, { id: 'x', documentIds: [] }, { documentIds: ['d'] }],
  },
  removeFromCollection: {
    valid: (f) => ({ id: f.collectionId, documentIds: [f.doc.id] }),
    invalid: [{ id: 'x' }, { id: 'x', documentIds: [] }, { id: 'x', documentIds: [''] }],
  },
  getReadingStates: { valid: () => ({}), invalid: [{ documentId: 'x' }] },
  saveReadingState: {
    valid: (f) => ({ documentId: f.doc.id, position: 120, progress: 0.4 }),
    invalid: [
      {},
      { documentId: 'd', position: -1, progress: 0.1 },
      { documentId: 'd', position: null, progress: 1.5 },
      { documentId: 'd', progress: 0.5 },
    ],
  },
  getSettings: { valid: () => ({}), invalid: [{ theme: 'dark' }, null] },
  updateSettings: {
    valid: () => ({ theme: 'dark', colorNames: { yellow: 'Evidence' }, coderName: 'Ana' }),
    invalid: [
      { theme: 'sepia' },
      { readerFontSize: 300 },
      { lineWidth: 10.5 },
      { colorNames: { teal: 'x' } },
      { coder: { id: 'forged', name: 'x' } },
      { coderName: 'x'.repeat(500) },
    ],
  },
  analyzeNotebook: {
    valid: () => ({ chart: 'matrix' }),
    invalid: [
      {},
      { chart: 'pie' },
      { chart: 'matrix', level: 'deep' },
      { chart: 'timeline', bucket: 'week' },
      { chart: 'cooccurrence', scope: 'document' },
      { chart: 'matrix', filter: { documentIds: 'all' } },
      { chart: 'matrix', groups: [{ id: 'g', label: '', documentIds: [] }] },
      { chart: 'speakers', extra: 1 },
    ],
  },
  analysisCellQuotes: {
    valid: (f) => ({ query: { chart: 'matrix' }, rowId: f.tagId, columnId: f.doc.id }),
    invalid: [
      {},
      { query: { chart: 'matrix' }, rowId: '', columnId: 'x' },
      { query: { chart: 'matrix' }, rowId: 'a', columnId: 'b', limit: 0 },
      { query: { chart: 'matrix' }, rowId: 'a', columnId: 'b', limit: 100_000 },
    ],
  },
  saveAnalysisFile: {
    valid: () => ({ format: 'csv', name: 'Code by document', query: { chart: 'matrix' } }),
    invalid: [
      {},
      { format: 'pdf', name: 'chart', text: '<svg></svg>' },
      { format: 'svg', name: 'chart', text: '<html></html>' },
      { format: 'svg', name: 'chart', text: '<svg><script>alert(1)</script></svg>' },
      { format: 'svg', name: '../../notebook', text: '<svg></svg>' },
      { format: 'png', name: 'chart', data: 'not base64!' },
      { format: 'csv', name: 'chart' },
    ],
  },
  listRounds: { valid: () => ({}), invalid: [{ id: 'x' }, null] },
  createRound: {
    setup: async (f) => {
      await f.notebook.handlers.updateSettings({ coderName: 'Lead' });
    },
    valid: (f) => ({ name: 'Round 1', instructions: 'Code the threats.', documentIds: [f.doc.id] }),
    invalid: [
      {},
      { name: '', documentIds: ['d'] },
      { name: 'R', documentIds: [] },
      { name: 'R', documentIds: ['d'], extra: 1 },
      { name: 'x'.repeat(201), documentIds: ['d'] },
    ],
  },
  openRoundPackage: {
    setup: async (f) => {
      await f.notebook.handlers.updateSettings({ coderName: 'Coder' });
    },
    valid: () => ({}),
    invalid: [{ path: '/etc/passwd' }, null],
  },
  proposeCode: {
    setup: coderRound,
    valid: (f) => ({ roundId: f.roundId, name: 'new code', description: 'Why' }),
    invalid: [{}, { roundId: 'r', name: '' }, { roundId: 'r', name: 'x', more: 1 }],
  },
  exportCodingFile: {
    setup: coderRound,
    valid: (f) => ({ roundId: f.roundId, close: true }),
    invalid: [{}, { roundId: 'r', close: 'yes' }, { roundId: '' }],
  },
  importCodingFiles: {
    setup: leadRound,
    valid: (f) => ({ roundId: f.roundId }),
    invalid: [{}, { roundId: 5 }, { roundId: 'r', files: ['/etc/passwd'] }],
  },
  roundLayers: {
    setup: leadRound,
    valid: (f) => ({ roundId: f.roundId, documentId: f.doc.id }),
    invalid: [{}, { roundId: 'r' }, { roundId: 'r', documentId: 7 }],
  },
  roundAgreement: {
    setup: roundWithLayers,
    valid: (f) => ({ roundId: f.roundId, tagIds: [f.tagId] }),
    invalid: [{}, { roundId: 'r', tagIds: 'x' }, { roundId: 'r', documentIds: [''] }],
  },
  exportAgreement: {
    setup: roundWithLayers,
    valid: (f) => ({ roundId: f.roundId, format: 'html' }),
    invalid: [{}, { roundId: 'r', format: 'pdf' }, { roundId: 'r', format: 'csv', more: 1 }],
  },
  settleCluster: {
    setup: leadRound,
    valid: (f) => ({
      roundId: f.roundId,
      documentId: f.doc.id,
      tagId: f.tagId,
      start: 0,
      end: 10,
      how: 'union',
      coders: ['a', 'b'],
    }),
    invalid: [
      {},
      { roundId: 'r', documentId: 'd', tagId: 't', start: 5, end: 5, how: 'union', coders: [] },
      { roundId: 'r', documentId: 'd', tagId: 't', start: 0, end: 5, how: 'vote', coders: [] },
      { roundId: 'r', documentId: 'd', tagId: 't', start: -1, end: 5, how: 'one', coders: [] },
    ],
  },
} satisfies Record<
  MethodName,
  { valid: (f: Fixture) => unknown; invalid: unknown[]; setup?: (f: Fixture) => Promise<void> }
>;

describe('the IPC contract', () => {
  it('has test cases for every method', () => {
    expect(Object.keys(cases).sort()).toEqual([...METHOD_NAMES].sort());
  });

  for (const method of METHOD_NAMES) {
    it(`${method}: a valid payload succeeds`, async () => {
      const f = await fixture();
      const c = cases[method] as { setup?: (f: Fixture) => Promise<void> };
      await c.setup?.(f);
      const result = await f.notebook.dispatch(method, cases[method].valid(f));
      expect(result).toMatchObject({ ok: true });
      await f.notebook.close();
    });

    it(`${method}: invalid payloads get a typed error and change nothing on disk`, async () => {
      const f = await fixture();
      const path = join(f.notebook.store.dataDir, STORE_FILE);
      const before = await readFile(path, 'utf8');
      const events: unknown[] = [];
      f.notebook.subscribe((e) => events.push(e));
      for (const payload of cases[method].invalid) {
        const result = await f.notebook.dispatch(method, payload);
        expect(result.ok, JSON.stringify(payload)).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-input');
          expect(result.error.message).toContain(method);
          expect(result.error.issues?.length).toBeGreaterThan(0);
        }
      }
      await f.notebook.store.flush();
      expect(await readFile(path, 'utf8')).toBe(before);
      expect(events).toEqual([]);
      await f.notebook.close();
    });
  }

  it('cannot be used to pollute prototypes', async () => {
    const f = await fixture();
    // What a hostile page could send through structured clone: own "__proto__" keys.
    const payloads = [
      JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}'),
      JSON.parse(`{"id": "${f.annotation.id}", "__proto__": {"polluted": true}, "comment": "hi"}`),
      JSON.parse('{"constructor": {"prototype": {"polluted": true}}, "name": "y"}'),
    ];
    for (const [method, payload] of [
      ['createTag', payloads[0]],
      ['updateAnnotation', payloads[1]],
      ['createTag', payloads[2]],
    ] as const) {
      const result = await f.notebook.dispatch(method, payload);
      expect(result.ok, method).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    await f.notebook.close();
  });

  it('answers an unknown method with a typed error', async () => {
    const f = await fixture();
    for (const name of ['dropEverything', '__proto__', 'constructor', 'toString']) {
      expect(await f.notebook.dispatch(name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown-method' },
      });
    }
    await f.notebook.close();
  });
});

describe('the notebook service', () => {
  it('rejects what a schema cannot see, without writing', async () => {
    const f = await fixture();
    const path = join(f.notebook.store.dataDir, STORE_FILE);
    const before = await readFile(path, 'utf8');
    const d = f.notebook.dispatch;
    const length = f.doc.text.length;
    expect(
      await d('createAnnotation', {
        documentId: f.doc.id,
        start: 0,
        end: length + 1,
        color: 'blue',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('outside the document') },
    });
    expect(
      await d('createAnnotation', { documentId: 'doc_missing', start: 0, end: 5, color: 'blue' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(
      await d('createAnnotation', {
        documentId: f.doc.id,
        start: 0,
        end: 5,
        color: 'blue',
        tagIds: ['tag_nope'],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('tag_nope') },
    });
    const space = f.doc.text.indexOf('\n');
    expect(
      await d('createAnnotation', {
        documentId: f.doc.id,
        start: space,
        end: space + 1,
        color: 'blue',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await d('restoreAnnotation', { annotation: f.annotation })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await d('updateAnnotation', { id: 'ann_missing', color: 'pink' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    await f.notebook.store.flush();
    expect(await readFile(path, 'utf8')).toBe(before);
    await f.notebook.close();
  });

  it('stores both selectors for a new highlight', async () => {
    const f = await fixture();
    const quote = 'we are ready to fight you for the next 20 years';
    const start = f.doc.text.indexOf(quote);
    const created = await f.notebook.handlers.createAnnotation({
      documentId: f.doc.id,
      start,
      end: start + quote.length,
      color: 'pink',
    });
    expect(created.target.position).toEqual({
      type: 'TextPositionSelector',
      start,
      end: start + quote.length,
    });
    expect(created.target.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: quote,
      prefix: f.doc.text.slice(start - 32, start),
      suffix: f.doc.text.slice(start + quote.length, start + quote.length + 32),
    });
    await f.notebook.close();
  });

  it('lists highlights in text order, and deletes and restores them', async () => {
    const f = await fixture();
    const h = f.notebook.handlers;
    await h.createAnnotation({ documentId: f.doc.id, start: 200, end: 220, color: 'blue' });
    await h.createAnnotation({ documentId: f.doc.id, start: 5, end: 25, color: 'blue' });
    const starts = (await h.listAnnotations({ documentId: f.doc.id })).map(
      (a) => a.target.position!.start,
    );
    expect(starts).toEqual([5, 10, 200]);

    const removed = await h.deleteAnnotation({ id: f.annotation.id });
    expect((await h.listAnnotations({ documentId: f.doc.id })).map((a) => a.id)).not.toContain(
      f.annotation.id,
    );
    await h.restoreAnnotation({ annotation: removed });
    expect(await h.listAnnotations({ documentId: f.doc.id })).toContainEqual(f.annotation);
    await f.notebook.close();
  });

  it('deletes a document with its highlights and restores both', async () => {
    const f = await fixture();
    const h = f.notebook.handlers;
    const onDoc = await h.createNote({
      title: 'On the article',
      body: '',
      tagIds: [],
      documentId: f.doc.id,
    });
    const removed = await h.deleteDocument({ id: f.doc.id });
    expect(removed.annotations.map((a) => a.id)).toEqual([f.annotation.id]);
    // The note stays, detached, and is attached again by the undo.
    expect(removed.noteIds).toEqual([onDoc.id]);
    expect((await h.getNote({ id: onDoc.id })).documentId).toBeNull();
    expect((await h.listDocuments({})).map((d) => d.id)).toEqual([f.pdfDocId]);
    expect(f.notebook.store.data.annotations).toEqual([]);
    await h.restoreDocument(removed);
    expect((await h.listDocuments({})).find((d) => d.id === f.doc.id)).toMatchObject({
      id: f.doc.id,
      annotationCount: 1,
    });
    expect((await h.getNote({ id: onDoc.id })).documentId).toBe(f.doc.id);
    await f.notebook.close();
  });

  it('puts a restored highlight where its quote is now, or keeps it as an orphan', async () => {
    const f = await fixture();
    const h = f.notebook.handlers;
    const quote = 'we are ready to fight you for the next 20 years';
    const start = f.doc.text.indexOf(quote);
    const created = await h.createAnnotation({
      documentId: f.doc.id,
      start,
      end: start + quote.length,
      color: 'blue',
    });
    const removed = await h.deleteAnnotation({ id: created.id });

    // Offsets that no longer hold the quote (as from an older copy of the text) are re-anchored.
    const shifted = {
      ...removed,
      target: {
        ...removed.target,
        position: { ...removed.target.position, start: start + 7, end: start + 7 + quote.length },
      },
    };
    const restored = await h.restoreAnnotation({ annotation: shifted as Annotation });
    expect(restored.target.position).toMatchObject({ start, end: start + quote.length });
    expect(restored.orphan).toBeUndefined();
    await h.deleteAnnotation({ id: restored.id });

    // A quote that is nowhere in the text is kept, flagged, never dropped or misplaced.
    const lost = {
      ...removed,
      target: {
        ...removed.target,
        quote: {
          ...removed.target.quote,
          exact: 'the treaty was signed in Geneva in 1988 by all parties',
        },
      },
    };
    const orphan = await h.restoreAnnotation({ annotation: lost as Annotation });
    expect(orphan.orphan).toBe(true);
    expect(
      (await h.listAnnotations({ documentId: f.doc.id })).find((a) => a.id === created.id)?.orphan,
    ).toBe(true);
    await f.notebook.close();
  });

  it('refuses a restored document with duplicate highlight ids or ranges outside its text', async () => {
    const f = await fixture();
    const h = f.notebook.handlers;
    const removed = await h.deleteDocument({ id: f.doc.id });
    const twice = { ...removed, annotations: [removed.annotations[0]!, removed.annotations[0]!] };
    expect(await f.notebook.dispatch('restoreDocument', twice)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const broken = {
      ...removed,
      document: { ...removed.document, blocks: [{ type: 'paragraph', start: 0, end: 10 ** 7 }] },
    };
    expect(await f.notebook.dispatch('restoreDocument', broken)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect((await h.listDocuments({})).map((d) => d.id)).toEqual([f.pdfDocId]);
    await f.notebook.close();
  });

  it('adds and removes tags relative to what is stored, so quick edits keep each other', async () => {
    const f = await fixture();
    const h = f.notebook.handlers;
    const a = await h.createTag({ name: 'actors/afghan' });
    const b = await h.createTag({ name: 'rhetoric' });
    // Two edits sent before either answer arrives, as fast typing in the tag box does.
    await Promise.all([
      f.notebook.dispatch('updateAnnotation', { id: f.annotation.id, addTagIds: [a.id] }),
      f.notebook.dispatch('updateAnnotation', { id: f.annotation.id, addTagIds: [b.id] }),
    ]);
    const both = (await h.listAnnotations({ documentId: f.doc.id }))[0]!;
    expect(both.tagIds).toEqual([f.tagId, a.id, b.id]);
    await h.updateAnnotation({ id: f.annotation.id, removeTagIds: [f.tagId], addTagIds: [a.id] });
    expect((await h.listAnnotations({ documentId: f.doc.id }))[0]!.tagIds).toEqual([a.id, b.id]);
    await f.notebook.close();
  });

  it('cites quotes in a note one after the other, even when asked at once', async () => {
    const f = await fixture();
    const quote = 'we are ready to fight you for the next 20 years';
    const start = f.doc.text.indexOf(quote);
    const second = await f.notebook.handlers.createAnnotation({
      documentId: f.doc.id,
      start,
      end: start + quote.length,
      color: 'pink',
    });
    await Promise.all([
      f.notebook.dispatch('appendQuoteToNote', { noteId: f.noteId, annotationId: f.annotation.id }),
      f.notebook.dispatch('appendQuoteToNote', { noteId: f.noteId, annotationId: second.id }),
    ]);
    const note = await f.notebook.handlers.getNote({ id: f.noteId });
    expect(note.annotationIds).toEqual([f.annotation.id, second.id]);
    expect(note.body.startsWith('On threats.\n\n> ')).toBe(true);
    await f.notebook.close();
  });

  it('reuses a tag with the same name in any case', async () => {
    const f = await fixture();
    const again = await f.notebook.handlers.createTag({ name: 'Threat' });
    expect(again.id).toBe(f.tagId);
    expect(
      (await f.notebook.handlers.listTags({})).filter((t) => t.name.toLowerCase() === 'threat'),
    ).toHaveLength(1);
    await f.notebook.close();
  });

  it('tells listeners what changed', async () => {
    const f = await fixture();
    const events: unknown[] = [];
    f.notebook.subscribe((e) => events.push(e));
    const updated = await f.notebook.handlers.updateAnnotation({
      id: f.annotation.id,
      color: 'purple',
    });
    await f.notebook.handlers.createTag({ name: 'new' });
    await f.notebook.handlers.retagAnnotations({
      annotationIds: [f.annotation.id],
      addTagIds: [],
      removeTagIds: [],
    });
    const { documentId } = f.annotation;
    expect(events).toEqual([
      // A change to a few highlights says which, and their documents' counts after it.
      {
        type: 'changed',
        entities: ['annotations'],
        annotations: {
          put: [updated],
          removed: [],
          counts: [
            {
              documentId,
              annotationCount: f.notebook.store.data.annotations.filter(
                (a) => a.documentId === documentId,
              ).length,
              orphanCount: 0,
            },
          ],
        },
      },
      { type: 'changed', entities: ['tags'] },
      // A bulk change only what kind of thing changed: lists are loaded again.
      { type: 'changed', entities: ['annotations'] },
    ]);
    await f.notebook.close();
  });
});
