import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { placeAnnotation } from '../../shared/anchoring/place.ts';
import type { NotebookHandlers } from '../../shared/contract.ts';
import { parseBackup } from '../../shared/export/backup.ts';
import { planRestore } from '../../shared/export/restore-plan.ts';
import type { NotebookDocument, StoreData } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { backupPath, describeBackups, keepCopy } from './backups.ts';
import type { NotebookHost } from './host.ts';
import { migrate } from './migrations.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';
import { filesDirIn, type KeptKind, keepFile, sha256Hex } from './stored-files.ts';

type RestoreHandlers = Pick<
  NotebookHandlers,
  'listBackups' | 'previewRestore' | 'applyRestore' | 'undoRestore'
>;

/** A backup is read whole; past this it is not a backup this app wrote. */
export const RESTORE_MAX_BYTES = 512 * 1024 * 1024;
const UNDOS_KEPT = 5;

type Contents = Omit<StoreData, 'schemaVersion' | 'quarantine'>;

/** Put a whole notebook's contents in place, inside a store change. */
function replaceContents(target: StoreData, source: Contents): void {
  target.documents = source.documents;
  target.annotations = source.annotations;
  target.tags = source.tags;
  target.notes = source.notes;
  target.collections = source.collections;
  target.rounds = source.rounds;
  target.meta = source.meta;
}

/**
 * Highlights whose offsets no longer select their quote: those on a document whose text a restore
 * changed (a newer version from the backup), and the backup's own on a document whose text here
 * differs from the backup's. Each is placed again by its quote, as a re-import does; what cannot
 * be placed is kept as unplaced. No highlight is left pointing at the wrong words.
 */
function placeMisplaced(before: readonly NotebookDocument[], data: StoreData): StoreData {
  const previous = new Map(before.map((d) => [d.id, d.text]));
  const documents = new Map(data.documents.map((d) => [d.id, d]));
  const known = new Set(data.tags.map((t) => t.id));
  let moved = false;
  const annotations = data.annotations.map((a) => {
    const document = documents.get(a.documentId);
    if (!document || 'area' in a.target) return a;
    const textChanged = previous.has(document.id) && previous.get(document.id) !== document.text;
    const { start, end } = a.target.position;
    const misplaced = !a.orphan && document.text.slice(start, end) !== a.target.quote.exact;
    if (!textChanged && !misplaced) return a;
    moved = true;
    return placeAnnotation(document, a, known);
  });
  return moved ? { ...data, annotations } : data;
}

/** Write a backup's kept files into files/, refusing the restore if one does not match its name. */
async function keepBackupFiles(filesDir: string, files: ReadonlyMap<string, string>) {
  for (const [name, base64] of files) {
    const [hash, kind] = name.split('.') as [string, KeptKind];
    const bytes = Buffer.from(base64, 'base64');
    if (sha256Hex(bytes) !== hash) {
      throw new NotebookError(
        'invalid-input',
        `This backup is damaged: its file ${name} does not match its name. Nothing was restored.`,
      );
    }
    await keepFile(filesDir, hash, bytes, kind);
  }
}

/** Read and check a backup file: a clear error for anything that is not one. */
export async function readBackupFile(path: string) {
  const size = (await stat(path)).size;
  if (size > RESTORE_MAX_BYTES)
    throw new NotebookError(
      'invalid-input',
      `${basename(path)} is ${Math.round(size / 2 ** 20)} MB, larger than any backup Marginalia reads (512 MB).`,
    );
  return parseBackup(await readFile(path, 'utf8'), { migrate });
}

/**
 * Restoring a JSON backup: first a preview of what merging or replacing would change, then the
 * change itself (after a safety copy of the store in the backups folder), which can be undone
 * while nothing else has changed since.
 * The backup's contents are held in the core between preview and apply, so the page never ships
 * a whole notebook back and forth.
 */
export function createRestoreService(
  store: Store,
  changed: Changed,
  options: { host: NotebookHost },
) {
  let pending: {
    token: string;
    fileName: string;
    incoming: StoreData;
    files: Map<string, string>;
  } | null = null;
  /** The notebook as it was before each recent restore, and the revision the restore left. */
  const undos = new Map<string, { previous: Contents; revision: number; backup: string }>();

  /** Apply a restore in one store change; returns what changed and the undo token. */
  async function apply(incoming: StoreData, mode: 'merge' | 'replace') {
    // A copy of the notebook as it is, beside the rolling backups, before anything changes:
    // the journal is folded into the snapshot first, so the copy is the whole notebook.
    await store.compact();
    // Under its own name, so the rolling backups never prune what an undo refers to.
    const backup = await keepCopy(store.path, store.dataDir, 'pre-restore');
    // Planned and applied in one synchronous step, so an edit that lands while the copy is
    // written is neither lost nor merged against a stale notebook.
    const current = store.data;
    const previous: Contents = {
      documents: current.documents,
      annotations: current.annotations,
      tags: current.tags,
      notes: current.notes,
      collections: current.collections,
      rounds: current.rounds,
      meta: current.meta,
    };
    const plan = planRestore(current, incoming, mode);
    const next = placeMisplaced(current.documents, plan.data);
    store.change((data) => replaceContents(data, next));
    changed('documents', 'annotations', 'tags', 'notes', 'collections', 'rounds');
    const undoToken = `restore_${randomUUID()}`;
    undos.set(undoToken, { previous, revision: store.revision, backup });
    for (const key of undos.keys()) if (undos.size > UNDOS_KEPT) undos.delete(key);
    return { preview: plan.preview, undoToken };
  }

  const handlers: RestoreHandlers = {
    listBackups: () => describeBackups(store.dataDir),
    async previewRestore({ backup: name }) {
      let path: string | undefined;
      if (name !== undefined) {
        path = (await backupPath(store.dataDir, name)) ?? undefined;
        if (!path) throw new NotebookError('not-found', `There is no backup called ${name}.`);
      } else {
        [path] = await options.host.chooseImportFiles({
          multiple: false,
          title: 'Restore from a Marginalia backup',
          filters: [{ name: 'Marginalia backup', extensions: ['json'] }],
        });
      }
      if (!path) return null;
      const backup = await readBackupFile(path);
      const token = `preview_${randomUUID()}`;
      pending = { token, fileName: basename(path), incoming: backup.data, files: backup.files };
      const current = store.data;
      return {
        token,
        fileName: basename(path),
        exportedAt: backup.exportedAt,
        scope: backup.scope,
        problems: backup.problems,
        counts: {
          documents: backup.data.documents.length,
          annotations: backup.data.annotations.length,
          tags: backup.data.tags.length,
          notes: backup.data.notes.length,
        },
        notebookEmpty:
          current.documents.length + current.annotations.length + current.notes.length === 0,
        merge: planRestore(current, backup.data, 'merge').preview,
        replace: planRestore(current, backup.data, 'replace').preview,
      };
    },
    async applyRestore({ token, mode }) {
      if (!pending || pending.token !== token)
        throw new NotebookError('not-found', 'That preview has expired; choose the backup again.');
      const { incoming, files } = pending;
      pending = null;
      // The backup's PDFs and pictures go into files/ first (each checked against its name),
      // so no restored document points at a file that is not there.
      await keepBackupFiles(filesDirIn(store.dataDir), files);
      return apply(incoming, mode);
    },
    undoRestore({ undoToken }) {
      const undo = undos.get(undoToken);
      if (!undo) throw new NotebookError('not-found', 'That restore can no longer be undone.');
      // Putting the old notebook back over later work would lose that work: refuse, and say
      // where the notebook as it was is kept.
      if (store.revision !== undo.revision)
        throw new NotebookError(
          'conflict',
          `The notebook has changed since the restore, so undoing it would lose that work. The notebook as it was before the restore is kept in the backups folder as ${basename(undo.backup)}.`,
        );
      undos.delete(undoToken);
      store.change((data) => replaceContents(data, undo.previous));
      changed('documents', 'annotations', 'tags', 'notes', 'collections', 'rounds');
      return null;
    },
  };
  return { handlers, apply };
}
