import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describeRange } from '../../shared/anchoring/describe.ts';
import { placeAnnotation } from '../../shared/anchoring/place.ts';
import { isTextAnnotation, type TextAnnotation } from '../../shared/annotations.ts';
import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { isNewerVersionOf } from '../../shared/document-identity.ts';
import { type ImportItem, type ImportReport, importLimitFor } from '../../shared/import.ts';
import { documentSchema, type NotebookDocument } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { announceAnnotations } from './annotation-delta.ts';
import { contentHash } from './content-hash.ts';
import type { NotebookHost } from './host.ts';
import { createImportParser, type ImportParser, ParseCancelled } from './import/import-parser.ts';
import type { ParsedDocument } from './import/parsed-document.ts';
import { ImportProblem, tooLarge } from './import/problems.ts';
import { checkRange, findAnnotation, findDocument } from './lookups.ts';
import type { Changed } from './service.ts';
import { preserialize } from './store/preserialized.ts';
import type { Store } from './store.ts';
import { summarize } from './summaries.ts';

/** A document's small fields (its body is checked where it was parsed). */
const documentHeadSchema = documentSchema.omit({
  text: true,
  blocks: true,
  marks: true,
  pdf: true,
});

type ImportHandlers = Pick<
  NotebookHandlers,
  | 'updateDocument'
  | 'importFiles'
  | 'importFromDialog'
  | 'importFromClipboard'
  | 'importText'
  | 'cancelImport'
  | 'restoreDocumentVersion'
  | 'reattachAnnotation'
  | 'restoreAnnotationTarget'
>;

/** One file of an import: its name, and how to read it (only when its turn comes). */
interface Source {
  name: string;
  read(parser: ImportParser): Promise<ParsedDocument>;
}

/**
 * Bringing documents in: files, the clipboard, pasted text; newer versions of documents already
 * in the library; and the document details a user edits. Each file is parsed and checked on its
 * own before the store is touched, so one bad file in a batch changes nothing and the others
 * still go in.
 */
export function createImportService(
  store: Store,
  changed: Changed,
  options: {
    host: NotebookHost;
    emit: (event: NotebookEvent) => void;
    newId: () => string;
    now: () => string;
    /** The parser worker's script; without one, files are parsed in this thread. */
    parseWorker?: URL | string | null;
    /** Where PDFs' bytes are kept (`files/` in the notebook folder). */
    filesDir: string;
  },
): ImportHandlers {
  const { host, emit, newId, now, filesDir } = options;
  const jobs = new Map<string, { cancelled: boolean; parser: ImportParser }>();

  async function run(
    jobId: string,
    sources: Source[],
    replaceDocumentId?: string,
  ): Promise<ImportReport> {
    if (jobs.has(jobId)) throw new NotebookError('conflict', `Import ${jobId} is already running.`);
    if (replaceDocumentId) findDocument(store.data, replaceDocumentId);
    const job = { cancelled: false, parser: createImportParser(options.parseWorker ?? null) };
    jobs.set(jobId, job);
    const items: ImportItem[] = [];
    try {
      for (const [index, source] of sources.entries()) {
        if (job.cancelled) {
          items.push({ name: source.name, status: 'skipped' });
          continue;
        }
        emit({
          type: 'import-progress',
          jobId,
          done: index,
          total: sources.length,
          current: source.name,
        });
        // Let a cancel request (and other calls) in between files.
        await nextTurn();
        items.push(await importOne(source, job.parser, replaceDocumentId));
      }
      emit({
        type: 'import-progress',
        jobId,
        done: sources.length,
        total: sources.length,
        current: '',
      });
      return { jobId, cancelled: job.cancelled, items };
    } finally {
      jobs.delete(jobId);
      job.parser.close();
    }
  }

  async function importOne(
    source: Source,
    parser: ImportParser,
    replaceDocumentId?: string,
  ): Promise<ImportItem> {
    const { name } = source;
    let parsed: ParsedDocument;
    try {
      parsed = await source.read(parser);
    } catch (error) {
      if (error instanceof ParseCancelled) return { name, status: 'skipped' };
      if (error instanceof ImportProblem) {
        const reason = `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
        return {
          name,
          status: 'failed',
          code: error.code,
          reason,
          message: `${name}: ${error.message}.`,
        };
      }
      const detail = error instanceof Error ? error.message : String(error);
      return {
        name,
        status: 'failed',
        code: 'unreadable',
        reason: `It could not be read: ${detail}.`,
        message: `${name} could not be read: ${detail}.`,
      };
    }
    try {
      return commit(name, parsed, replaceDocumentId);
    } catch (error) {
      // The document whose text this was to replace was deleted while the file was read.
      if (!(error instanceof NotebookError) || error.code !== 'not-found') throw error;
      return {
        name,
        status: 'failed',
        code: 'unreadable',
        reason: 'The document it was to replace is no longer in the library.',
        message: `${name}: the document it was to replace is no longer in the library.`,
      };
    }
  }

  /**
   * The store is only ever given what its schema accepts: a document the parsers got wrong (a
   * field too long, a range outside the text) is a failed file, not a notebook that will not
   * open next time.
   */
  function storable(
    name: string,
    document: NotebookDocument,
    parsed: ParsedDocument,
  ): ImportItem | null {
    // A body checked where it was parsed (parse-import.ts) is not checked again on this thread.
    const bodyChecked = parsed.serialized !== undefined;
    const checked = bodyChecked
      ? documentHeadSchema.safeParse(document)
      : documentSchema.safeParse(document);
    const outside =
      !bodyChecked &&
      [...document.blocks, ...document.marks].some(
        (r) => r.start > r.end || r.end > document.text.length,
      );
    if (checked.success && !outside) return null;
    const detail = checked.success
      ? 'a range outside its text'
      : checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    console.error(`[import] ${name} produced a document the store would refuse: ${detail}`);
    return {
      name,
      status: 'failed',
      code: 'unreadable',
      reason: 'It could not be turned into a valid document (this is a bug in Marginalia).',
      message: `${name} could not be turned into a valid document (this is a bug in Marginalia).`,
    };
  }

  /** Add a parsed document, or recognise it, or update the version already there. */
  function commit(name: string, parsed: ParsedDocument, replaceDocumentId?: string): ImportItem {
    // A PDF is the same document when its bytes are: two scans have the same (empty) text.
    const hash = parsed.pdf ? `pdf-sha256:${parsed.pdf.file}` : contentHash(parsed.text);
    const { data } = store;
    if (replaceDocumentId) {
      // The document may have been deleted while the file was being read.
      const target = findDocument(data, replaceDocumentId);
      if (target.contentHash === hash) {
        return { name, status: 'duplicate', documentId: target.id, title: target.title };
      }
      return replaceText(name, target, parsed, hash);
    }
    const same = data.documents.find((d) => d.contentHash === hash);
    if (same) return { name, status: 'duplicate', documentId: same.id, title: same.title };
    const earlier = parsed.url
      ? data.documents.find((d) => isNewerVersionOf(d, parsed))
      : undefined;
    if (earlier) return replaceText(name, earlier, parsed, hash);

    const document: NotebookDocument = {
      id: newId(),
      title: parsed.title,
      author: parsed.author,
      source: parsed.source,
      url: parsed.url,
      publishedDate: parsed.publishedDate,
      importedAt: now(),
      updatedAt: now(),
      contentHash: hash,
      text: parsed.text,
      blocks: parsed.blocks,
      marks: parsed.marks,
      ...(parsed.pdf ? { pdf: parsed.pdf } : {}),
    };
    const invalid = storable(name, document, parsed);
    if (invalid) return invalid;
    if (parsed.serialized) preserialize(document, parsed.serialized);
    store.change((d) => d.documents.push(document));
    changed('documents');
    return {
      name,
      status: 'imported',
      documentId: document.id,
      title: document.title,
      ...(parsed.warnings?.length ? { warnings: parsed.warnings } : {}),
    };
  }

  /**
   * A newer version of a document: new text, same id, every highlight re-anchored by its quote.
   * Details the user has (title, author…) are kept; empty ones are filled from the new version.
   */
  function replaceText(
    name: string,
    previous: NotebookDocument,
    parsed: ParsedDocument,
    hash: string,
  ): ImportItem {
    const next: NotebookDocument = {
      ...previous,
      title: previous.title || parsed.title,
      author: previous.author || parsed.author,
      source: previous.source || parsed.source,
      url: previous.url || parsed.url,
      publishedDate: previous.publishedDate || parsed.publishedDate,
      importedAt: now(),
      updatedAt: now(),
      contentHash: hash,
      text: parsed.text,
      blocks: parsed.blocks,
      marks: parsed.marks,
    };
    // A new version's pages replace the old ones; a text version of a PDF has none.
    if (parsed.pdf) next.pdf = parsed.pdf;
    else delete next.pdf;
    const invalid = storable(name, next, parsed);
    if (invalid) return invalid;
    if (parsed.serialized) preserialize(next, parsed.serialized);
    const known = new Set(store.data.tags.map((t) => t.id));
    const before = store.data.annotations.filter((a) => a.documentId === previous.id);
    const placed = new Map(before.map((a) => [a.id, placeAnnotation(next, a, known)]));
    store.change((d) => {
      d.documents = d.documents.map((doc) => (doc.id === previous.id ? next : doc));
      d.annotations = d.annotations.map((a) => placed.get(a.id) ?? a);
    });
    changed('documents', 'annotations');
    const orphaned = [...placed.values()].filter((a) => a.orphan).length;
    return {
      name,
      status: 'updated',
      documentId: next.id,
      title: next.title,
      placed: placed.size - orphaned,
      orphaned,
      undo: {
        document: previous,
        // Areas stay where they were drawn; only text highlights move with the text.
        targets: before
          .filter(isTextAnnotation)
          .map((a) => ({ id: a.id, target: a.target, orphan: Boolean(a.orphan) })),
      },
    };
  }

  function fileSource(path: string): Source {
    return {
      name: basename(path),
      async read(parser) {
        const info = await stat(path);
        if (!info.isFile()) throw new ImportProblem('unreadable', 'it is not a file');
        // Refused before reading: a 4 GB video dropped by mistake must not fill memory.
        const limit = importLimitFor(path);
        if (info.size > limit) throw tooLarge(info.size, limit);
        // The worker reads the file itself: a 200 MB PDF never passes through this thread.
        return parser.parseFile({ name: basename(path), path, filesDir });
      },
    };
  }

  const pasted = (content: { text: string; html: string }): Source => ({
    name: 'Pasted text',
    read: (parser) => parser.parsePasted(content),
  });

  return {
    updateDocument({ id, csl, ...fields }) {
      findDocument(store.data, id);
      const defined = Object.fromEntries(
        Object.entries(fields).filter(([, value]) => value !== undefined),
      );
      store.change((data) => {
        const updatedAt = now();
        data.documents = data.documents.map((d) => {
          if (d.id !== id) return d;
          const next = { ...d, ...defined, updatedAt };
          // A record replaces the one before whole; null takes it away.
          if (csl === null) delete next.csl;
          else if (csl !== undefined) next.csl = csl;
          return next;
        });
      });
      changed('documents');
      return summarize(store.data, findDocument(store.data, id));
    },

    importFiles({ jobId, files, replaceDocumentId }) {
      const sources = files.map(
        (file): Source => ({
          name: file.name,
          async read(parser) {
            const limit = importLimitFor(file.name);
            if (file.size > limit) throw tooLarge(file.size, limit);
            if (file.data === undefined)
              throw new ImportProblem('unreadable', 'no content was sent');
            const bytes = Buffer.from(file.data, 'base64');
            if (bytes.length > limit) throw tooLarge(bytes.length, limit);
            return parser.parseFile({
              name: file.name,
              bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
              filesDir,
            });
          },
        }),
      );
      return run(jobId, sources, replaceDocumentId);
    },

    async importFromDialog({ jobId, replaceDocumentId }) {
      const replacing = replaceDocumentId ? findDocument(store.data, replaceDocumentId) : null;
      const paths = await host.chooseImportFiles({
        multiple: !replacing,
        title: replacing ? `Replace the text of “${replacing.title}”` : 'Import documents',
      });
      return run(jobId, paths.slice(0, replacing ? 1 : 1000).map(fileSource), replaceDocumentId);
    },

    async importFromClipboard({ jobId }) {
      const content = await host.readClipboard();
      return run(jobId, [pasted(content)]);
    },

    importText({ jobId, text, html }) {
      return run(jobId, [pasted({ text, html })]);
    },

    cancelImport({ jobId }) {
      const job = jobs.get(jobId);
      if (job) {
        job.cancelled = true;
        // A file being parsed stops now, not when its parse would have finished.
        job.parser.cancel();
      }
      return { cancelled: Boolean(job) };
    },

    restoreDocumentVersion({ document, targets }) {
      const current = findDocument(store.data, document.id);
      const outside = [...document.blocks, ...document.marks].find(
        (r) => r.end > document.text.length || r.start > r.end,
      );
      if (outside) {
        throw new NotebookError(
          'invalid-input',
          'The document has a block or mark outside its text.',
        );
      }
      const known = new Set(store.data.tags.map((t) => t.id));
      const byId = new Map(targets.map((t) => [t.id, t]));
      const restored = { ...document, seed: current.seed };
      if (restored.seed === undefined) delete restored.seed;
      store.change((d) => {
        d.documents = d.documents.map((doc) => (doc.id === document.id ? restored : doc));
        d.annotations = d.annotations.map((a) => {
          if (a.documentId !== document.id) return a;
          const then = byId.get(a.id);
          // Highlights made since the update are placed in the restored text like any other.
          if (!then || then.target.documentId !== document.id)
            return placeAnnotation(restored, a, known);
          const { orphan: _, ...rest } = a;
          return then.orphan
            ? { ...rest, target: then.target, orphan: true }
            : { ...rest, target: then.target };
        });
      });
      changed('documents', 'annotations');
      return summarize(store.data, restored);
    },

    restoreAnnotationTarget({ id, target, orphan }) {
      const current = findAnnotation(store.data, id);
      if (target.documentId !== current.documentId) {
        throw new NotebookError('invalid-input', 'The target is in a different document.');
      }
      const document = findDocument(store.data, current.documentId);
      const { orphan: _, ...rest } = current;
      const candidate: TextAnnotation = { ...rest, target, updatedAt: now() };
      const restored: TextAnnotation = orphan
        ? { ...candidate, orphan: true }
        : placeAnnotation(document, candidate, new Set(store.data.tags.map((t) => t.id)));
      store.change((d) => {
        d.annotations = d.annotations.map((a) => (a.id === id ? restored : a));
      });
      announceAnnotations(store, changed, { put: [restored] });
      return restored;
    },

    reattachAnnotation({ id, start, end }) {
      const previous = findAnnotation(store.data, id);
      if (!isTextAnnotation(previous)) {
        throw new NotebookError(
          'invalid-input',
          'An area highlight is placed by drawing it again.',
        );
      }
      const document = findDocument(store.data, previous.documentId);
      checkRange(document, start, end);
      const { position, quote } = describeRange(document.text, start, end);
      const { orphan: _, ...rest } = previous;
      const annotation: TextAnnotation = {
        ...rest,
        target: { documentId: document.id, position, quote },
        updatedAt: now(),
      };
      store.change((d) => {
        d.annotations = d.annotations.map((a) => (a.id === id ? annotation : a));
      });
      announceAnnotations(store, changed, { put: [annotation] });
      return { annotation, previous };
    },
  };
}
