import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { placeAnnotation } from '../../shared/anchoring/place.ts';
import type { NotebookHandlers } from '../../shared/contract.ts';
import { parseBackup } from '../../shared/export/backup.ts';
import {
  applyRestoreUndo,
  planRestore,
  type RestoreUndo,
} from '../../shared/export/restore-plan.ts';
import type { NotebookDocument, StoreData } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { backupStore } from './backups.ts';
import type { NotebookHost } from './host.ts';
import { migrate } from './migrations.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';

type RestoreHandlers = Pick<NotebookHandlers, 'previewRestore' | 'applyRestore' | 'undoRestore'>;

/** A backup is read whole; past this it is not a backup this app wrote. */
export const RESTORE_MAX_BYTES = 512 * 1024 * 1024;
const UNDOS_KEPT = 5;

/** Put a whole notebook's contents in place, inside a store change. */
function replaceContents(target: StoreData, source: StoreData): void {
  target.documents = source.documents;
  target.annotations = source.annotations;
  target.tags = source.tags;
  target.notes = source.notes;
  target.meta = source.meta;
}

/**
 * A restore may change a document's text under highlights it did not bring (a newer version of
 * the document from the backup, or the old one back on undo): place those again by their quote,
 * as a re-import does, so no highlight points at the wrong words. What cannot be placed is kept
 * as unplaced.
 */
function placeOnChangedText(before: readonly NotebookDocument[], data: StoreData): StoreData {
  const previous = new Map(before.map((d) => [d.id, d.text]));
  const changedText = new Map(
    data.documents
      .filter((d) => previous.has(d.id) && previous.get(d.id) !== d.text)
      .map((d) => [d.id, d]),
  );
  if (changedText.size === 0) return data;
  const known = new Set(data.tags.map((t) => t.id));
  return {
    ...data,
    annotations: data.annotations.map((a) => {
      const document = changedText.get(a.documentId);
      return document ? placeAnnotation(document, a, known) : a;
    }),
  };
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
 * change itself (after a safety copy of the store in the backups folder), which can be undone.
 * The backup's contents are held in the core between preview and apply, so the page never ships
 * a whole notebook back and forth.
 */
export function createRestoreService(
  store: Store,
  changed: Changed,
  options: { host: NotebookHost },
) {
  let pending: { token: string; fileName: string; incoming: StoreData } | null = null;
  const undos = new Map<string, RestoreUndo>();

  /** Apply a restore in one store change; returns the undo token. */
  async function apply(incoming: StoreData, mode: 'merge' | 'replace') {
    const plan = planRestore(store.data, incoming, mode);
    // A copy of the notebook as it was, beside the rolling backups, before anything changes.
    await store.flush();
    await backupStore(store.path, store.dataDir);
    const next = placeOnChangedText(store.data.documents, plan.data);
    store.change((data) => replaceContents(data, next));
    changed('documents', 'annotations', 'tags', 'notes');
    const undoToken = `restore_${randomUUID()}`;
    undos.set(undoToken, plan.undo);
    for (const key of undos.keys()) if (undos.size > UNDOS_KEPT) undos.delete(key);
    return { preview: plan.preview, undoToken };
  }

  const handlers: RestoreHandlers = {
    async previewRestore() {
      const [path] = await options.host.chooseImportFiles({
        multiple: false,
        title: 'Restore from a Marginalia backup',
        filters: [{ name: 'Marginalia backup', extensions: ['json'] }],
      });
      if (!path) return null;
      const backup = await readBackupFile(path);
      const token = `preview_${randomUUID()}`;
      pending = { token, fileName: basename(path), incoming: backup.data };
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
      const { incoming } = pending;
      pending = null;
      return apply(incoming, mode);
    },
    undoRestore({ undoToken }) {
      const undo = undos.get(undoToken);
      if (!undo) throw new NotebookError('not-found', 'That restore can no longer be undone.');
      undos.delete(undoToken);
      const before = store.data.documents;
      const next = placeOnChangedText(before, applyRestoreUndo(store.data, undo));
      store.change((data) => replaceContents(data, next));
      changed('documents', 'annotations', 'tags', 'notes');
      return null;
    },
  };
  return { handlers, apply };
}
