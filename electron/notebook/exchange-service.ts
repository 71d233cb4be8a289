import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { NotebookHandlers } from '../../shared/contract.ts';
import {
  EXCHANGE_EXTENSIONS,
  type ExchangeContents,
  type ExchangeRead,
} from '../../shared/exchange/types.ts';
import { planRestore, type RestorePreview } from '../../shared/export/restore-plan.ts';
import {
  annotationSchema,
  collectionSchema,
  documentSchema,
  emptyStore,
  noteSchema,
  type StoreData,
  tagSchema,
} from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { type JsonReader, readExchangeFile } from './exchange/read-exchange-file.ts';
import type { NotebookHost } from './host.ts';
import type { Store } from './store.ts';

type ExchangeHandlers = Pick<NotebookHandlers, 'previewExchangeImport' | 'applyExchangeImport'>;

/** Past this a file is not a project or annotation export any tool wrote for a person. */
export const EXCHANGE_MAX_BYTES = 512 * 1024 * 1024;

/**
 * Records a reader made are checked against the store's schemas before they can reach it: a
 * file with surprises (a 5,000-character code name, a date no one can read) costs the records it
 * spoils, each named in the report, never the notebook.
 */
export function storableContents(read: ExchangeRead): ExchangeRead {
  const report = { ...read.report, unplaced: [...read.report.unplaced] };
  const keep = <T>(
    records: readonly T[],
    schema: {
      safeParse(v: unknown): {
        success: boolean;
        data?: T;
        error?: { issues: { path: PropertyKey[]; message: string }[] };
      };
    },
    what: (r: T) => string,
  ): T[] =>
    records.flatMap((record) => {
      const checked = schema.safeParse(record);
      if (checked.success) return [checked.data as T];
      const issue = checked.error?.issues[0];
      report.unplaced.push({
        what: what(record),
        reason: `It could not be stored (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}).`,
      });
      return [];
    });
  const c = read.contents;
  const contents: ExchangeContents = {
    documents: keep(c.documents, documentSchema, (d) => `Document “${d.title}”`),
    tags: keep(c.tags, tagSchema, (t) => `Tag “${t.name}”`),
    annotations: keep(c.annotations, annotationSchema, (a) => `Highlight ${a.id}`),
    notes: keep(c.notes, noteSchema, (n) => `Note “${n.title}”`),
    collections: keep(c.collections, collectionSchema, (s) => `Collection “${s.name}”`),
  };
  return { contents, report };
}

const incomingStore = (contents: ExchangeContents): StoreData => ({ ...emptyStore(), ...contents });

const TIMES = new Set(['importedAt', 'createdAt', 'updatedAt']);
const withoutTimes = (record: object) =>
  JSON.stringify(record, (key, value) => (TIMES.has(key) ? undefined : value));

/**
 * A file that gives no dates (qc writes none) gets the time of reading, which would make every
 * record look newer than the one the same file brought in last time. A record equal to the
 * notebook's but for its times is the notebook's: importing the same file twice changes nothing.
 */
function settleTimes(contents: ExchangeContents, notebook: StoreData): ExchangeContents {
  const settle = <T extends { id: string }>(incoming: T[], mine: readonly T[]): T[] => {
    const byId = new Map(mine.map((r) => [r.id, r]));
    return incoming.map((record) => {
      const existing = byId.get(record.id);
      return existing && withoutTimes(existing) === withoutTimes(record) ? existing : record;
    });
  };
  return {
    documents: settle(contents.documents, notebook.documents),
    annotations: settle(contents.annotations, notebook.annotations),
    tags: settle(contents.tags, notebook.tags),
    notes: settle(contents.notes, notebook.notes),
    collections: settle(contents.collections, notebook.collections),
  };
}

/**
 * Importing files other tools wrote (REFI-QDA projects and codebooks, codebook spreadsheets,
 * Hypothesis exports): read and shown first (what would be added, joined, and what the format
 * holds that Marginalia does not keep), then merged into the notebook as a backup merge is, in
 * one change that `undoRestore` takes back.
 */
export function createExchangeService(
  store: Store,
  options: {
    host: NotebookHost;
    now: () => string;
    /** The restore service's apply: a safety copy, one change, an undo token. */
    apply: (
      incoming: StoreData,
      mode: 'merge',
    ) => Promise<{ preview: RestorePreview; undoToken: string }>;
    /** The reader of annotation JSON (Hypothesis). */
    json?: JsonReader;
  },
) {
  let pending: {
    token: string;
    fileName: string;
    path: string;
    bytes: Uint8Array;
    read: ExchangeRead;
  } | null = null;

  const read = (
    bytes: Uint8Array,
    path: string,
    documentFor?: Readonly<Record<string, string>>,
  ): ExchangeRead => {
    const result = storableContents(
      readExchangeFile(bytes, path, store.data, {
        now: options.now(),
        documentFor,
        json: options.json,
      }),
    );
    return { ...result, contents: settleTimes(result.contents, store.data) };
  };

  async function readPath(path: string): Promise<Uint8Array> {
    const size = (await stat(path)).size;
    if (size > EXCHANGE_MAX_BYTES)
      throw new NotebookError(
        'invalid-input',
        `${basename(path)} is ${Math.round(size / 2 ** 20)} MB, larger than any file Marginalia imports from other tools (512 MB).`,
      );
    return new Uint8Array(await readFile(path));
  }

  function describe(token: string, fileName: string, result: ExchangeRead) {
    const { contents, report } = result;
    return {
      token,
      fileName,
      report,
      counts: {
        documents: contents.documents.length,
        annotations: contents.annotations.length,
        tags: contents.tags.length,
        notes: contents.notes.length,
        collections: contents.collections.length,
      },
      merge: planRestore(store.data, incomingStore(contents), 'merge', { now: options.now() })
        .preview,
      addresses: report.addresses ?? [],
    };
  }

  /** Read a file at a path and import it at once (the command line). */
  async function importPath(path: string) {
    const result = read(await readPath(path), path);
    const applied = await options.apply(incomingStore(result.contents), 'merge');
    return {
      ...applied,
      report: result.report,
      counts: describe('', basename(path), result).counts,
    };
  }

  const handlers: ExchangeHandlers = {
    async previewExchangeImport({ token: again, documentFor }) {
      if (again !== undefined) {
        if (!pending || pending.token !== again)
          throw new NotebookError('not-found', 'That preview has expired; choose the file again.');
        pending.read = read(pending.bytes, pending.path, documentFor);
        return describe(pending.token, pending.fileName, pending.read);
      }
      const [path] = await options.host.chooseImportFiles({
        multiple: false,
        title: 'Import from another tool',
        filters: [
          { name: 'Projects, codebooks and annotations', extensions: [...EXCHANGE_EXTENSIONS] },
          { name: 'REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)', extensions: ['qdpx'] },
          { name: 'REFI-QDA codebook', extensions: ['qdc'] },
          { name: 'Hypothesis export', extensions: ['json'] },
          { name: 'Codebook spreadsheet', extensions: ['csv'] },
        ],
      });
      if (!path) return null;
      const bytes = await readPath(path);
      const result = read(bytes, path);
      const token = `exchange_${randomUUID()}`;
      pending = { token, fileName: basename(path), path, bytes, read: result };
      return describe(token, basename(path), result);
    },
    async applyExchangeImport({ token, documentFor }) {
      if (!pending || pending.token !== token)
        throw new NotebookError('not-found', 'That preview has expired; choose the file again.');
      const { path, bytes } = pending;
      // The documents chosen for a Hypothesis file's addresses change where its notes go.
      const result =
        documentFor && Object.keys(documentFor).length > 0
          ? read(bytes, path, documentFor)
          : pending.read;
      pending = null;
      const applied = await options.apply(incomingStore(result.contents), 'merge');
      return { ...applied, report: result.report };
    },
  };
  return { handlers, importPath };
}
