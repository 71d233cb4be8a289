import type { Annotation } from '../../model.ts';
import type { ExportProgress, ExportSelection } from '../types.ts';
import { documentFile } from './document-file.ts';
import { documentMeta } from './document-meta.ts';
import { type MarginaliaType, marginaliaOwner, readFrontMatter } from './front-matter.ts';
import { EMPTY_MY_NOTES, readMyNotes } from './my-notes.ts';
import {
  blockIds,
  DOCUMENTS_FOLDER,
  fileStem,
  NOTES_FOLDER,
  nameKey,
  uniqueStem,
} from './names.ts';
import { noteFile, type QuoteTarget } from './note-file.ts';

export interface ObsidianVaultOptions {
  /** Write a file per note in scope (the export dialog's "Include notes"). */
  includeNotes: boolean;
}

/**
 * What happens to each file: written for the first time, changed, the same bytes as on disk
 * (nothing to write), or a copy of a file whose "my notes" markers were broken, kept beside it.
 */
export type VaultFileStatus = 'new' | 'updated' | 'unchanged' | 'set-aside';

export interface ObsidianVault {
  /**
   * Every file of the export by its path inside the chosen folder (`Documents/Title.md`), in the
   * order to write them: a set-aside copy comes just before the file that replaces its original.
   */
  files: Map<string, string>;
  status: Map<string, VaultFileStatus>;
  /** Files whose markers were broken: the file rewritten and where its old text was kept. */
  setAside: { path: string; copy: string }[];
}

/**
 * An Obsidian vault (or a folder in one) for an export: a Markdown file per document in
 * `Documents/`, a file per note in `Notes/`. `existing` holds the Markdown files already in those
 * two folders (path → text; a file that could not be read as '' — its name is still taken).
 *
 * Exporting again finds each document's and note's file by the `marginalia-id` in its front
 * matter, wherever it is in the two folders and whatever it is called now (a title changed in
 * Marginalia or a file renamed in Obsidian keeps its name; the new title becomes an alias), and
 * rewrites it keeping the text between its "my notes" markers byte for byte and the properties
 * the user added. A file that is not the export's is never written over: a new file takes the
 * next free name (`Title 2`). Names are unique across both folders, so `[[Title]]` links are
 * never ambiguous between a document and a note. Nothing is ever deleted.
 */
export function obsidianVault(
  selection: ExportSelection,
  existing: ReadonlyMap<string, string>,
  options: ObsidianVaultOptions,
  progress?: ExportProgress,
): ObsidianVault {
  const taken = new Set<string>();
  const owners = new Map<string, string>();
  for (const path of [...existing.keys()].sort()) {
    taken.add(nameKey(stemOf(path)));
    const owner = marginaliaOwner(readFrontMatter(existing.get(path)!));
    const key = owner && `${owner.type}:${owner.id}`;
    if (key && !owners.has(key)) owners.set(key, path);
  }
  const pathFor = (type: MarginaliaType, id: string, title: string, fallback: string) => {
    const found = owners.get(`${type}:${id}`);
    if (found) return found;
    const folder = type === 'document' ? DOCUMENTS_FOLDER : NOTES_FOLDER;
    return `${folder}/${uniqueStem(fileStem(title, fallback), taken)}.md`;
  };

  const notes = options.includeNotes ? selection.notes : [];
  const docPaths = new Map(
    selection.documents.map((d) => [
      d.id,
      pathFor('document', d.id, documentMeta(d).title, 'Untitled document'),
    ]),
  );
  const notePaths = new Map(
    notes.map((n) => [n.id, pathFor('note', n.id, n.title, 'Untitled note')]),
  );

  const tagsById = new Map(selection.tags.map((t) => [t.id, t]));
  const blocks = blockIds(selection.annotations.map((a) => a.id));
  const quotesByDocument = new Map<string, Annotation[]>();
  for (const a of selection.annotations) {
    const list = quotesByDocument.get(a.documentId);
    if (list) list.push(a);
    else quotesByDocument.set(a.documentId, [a]);
  }
  const quoteTarget = (id: string): QuoteTarget => {
    const cited = selection.citedQuote(id);
    if (!cited) return { status: 'deleted' };
    const blockId = blocks.get(id);
    const path = docPaths.get(cited.document.id);
    return blockId && path
      ? { status: 'exported', stem: stemOf(path), blockId }
      : { status: 'elsewhere' };
  };

  const vault: ObsidianVault = { files: new Map(), status: new Map(), setAside: [] };
  const total = selection.documents.length + notes.length;
  let done = 0;
  /** The user's part of the file already at `path`, and a copy of it when its markers are broken. */
  const previous = (path: string) => {
    const old = existing.get(path);
    if (old === undefined) return { myNotes: EMPTY_MY_NOTES, kept: undefined };
    const kept = readFrontMatter(old) ?? undefined;
    const mine = readMyNotes(old);
    if (mine.status === 'kept') return { myNotes: mine.inner, kept };
    const folder = path.slice(0, path.lastIndexOf('/'));
    const copy = `${folder}/${uniqueStem(`${stemOf(path)} (before re-export)`, taken)}.md`;
    vault.files.set(copy, old);
    vault.status.set(copy, 'set-aside');
    vault.setAside.push({ path, copy });
    return { myNotes: EMPTY_MY_NOTES, kept };
  };
  const add = (path: string, text: string) => {
    vault.files.set(path, text);
    const old = existing.get(path);
    vault.status.set(path, old === undefined ? 'new' : old === text ? 'unchanged' : 'updated');
    progress?.(++done, total);
  };

  for (const doc of selection.documents) {
    const path = docPaths.get(doc.id)!;
    const { myNotes, kept } = previous(path);
    add(
      path,
      documentFile({
        doc,
        meta: documentMeta(doc),
        stem: stemOf(path),
        quotes: quotesByDocument.get(doc.id) ?? [],
        tagsById,
        blockIds: blocks,
        myNotes,
        keptProperties: kept,
      }),
    );
  }
  for (const note of notes) {
    const path = notePaths.get(note.id)!;
    const { myNotes, kept } = previous(path);
    const docPath = note.documentId ? docPaths.get(note.documentId) : undefined;
    add(
      path,
      noteFile({
        note,
        stem: stemOf(path),
        tagsById,
        documentStem: docPath && stemOf(docPath),
        quoteTarget,
        myNotes,
        keptProperties: kept,
      }),
    );
  }
  progress?.(total, total);
  return vault;
}

/** `Documents/Title.md` → `Title`. */
export function stemOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
}
