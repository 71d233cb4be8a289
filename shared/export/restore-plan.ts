import { findTagNamed, parentPath } from '../codebook.ts';
import type { Annotation, Note, NotebookDocument, StoreData, Tag } from '../model.ts';
import { RESTORED_TAG_PREFIX, restoredTagIds } from './backup.ts';

/**
 * Restoring a backup into the notebook, planned as a pure function: what the notebook becomes,
 * and what that changes (for the dialog, before anything happens). Undoing a restore is the
 * core's: it puts back the notebook as it was.
 *
 * - **replace**: the notebook becomes the backup, except that the sample article, once seeded,
 *   is never seeded again.
 * - **merge**: ids are identity. A record only in the backup is added, one only in the notebook
 *   is kept; when both hold an id and they differ, the newer wins (quotes and notes by
 *   `updatedAt`, documents and tags by `updatedAt`, else `importedAt` / `createdAt`; a tie keeps
 *   the notebook's).
 *   A backup tag with a new id but a name the notebook has (ignoring case) is that tag, and a
 *   backup document with a new id but the same text (`contentHash`) is that document: the
 *   backup's quotes and notes are pointed at them. A tag re-created as a missing parent
 *   (`tag-restored-…`) is matched by name only, never by id, so it can never rename one of
 *   yours. Merging twice changes nothing the second time.
 */
export type RestoreMode = 'merge' | 'replace';

export const RESTORE_KINDS = ['documents', 'annotations', 'tags', 'notes'] as const;
export type RestoreKind = (typeof RESTORE_KINDS)[number];

/** What a restore does to one kind of record. */
export interface RestoreCounts {
  /** In the backup only: added. */
  added: number;
  /** In both but different, the backup's newer (merge) or simply the backup's (replace): taken. */
  updated: number;
  /** In both, the same. */
  unchanged: number;
  /** Merge: in the notebook only, or the notebook's is newer: left as it is. */
  kept: number;
  /** Merge: a backup tag (same name) or document (same text) under another id, joined to yours. */
  matched: number;
  /** Replace: in the notebook only: removed. */
  removed: number;
}

export interface RestorePreview {
  mode: RestoreMode;
  documents: RestoreCounts;
  annotations: RestoreCounts;
  tags: RestoreCounts;
  notes: RestoreCounts;
  /** What could not be taken as it was, and what was re-created to keep the codebook sound. */
  problems: string[];
}

export interface RestorePlan {
  data: StoreData;
  preview: RestorePreview;
}

export interface RestoreOptions {
  /** `createdAt` of parent tags re-created to keep the codebook sound; defaults to the clock. */
  now?: string;
}

const zeroCounts = (): RestoreCounts => ({
  added: 0,
  updated: 0,
  unchanged: 0,
  kept: 0,
  matched: 0,
  removed: 0,
});

/** Structural equality of JSON-like values; a key holding `undefined` counts as absent. */
function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameRecord(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameRecord(ra[k], rb[k]));
}

/** `a` is strictly later than `b` (ISO dates with any offset). */
const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/** The last record of each id, in order: a backup should hold none twice, but never trust. */
function uniqueById<T extends { id: string }>(records: readonly T[]): T[] {
  const last = new Map(records.map((r, i) => [r.id, i]));
  return last.size === records.length
    ? [...records]
    : records.filter((r, i) => last.get(r.id) === i);
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function countsByIds(
  current: readonly { id: string }[],
  incoming: readonly { id: string }[],
): RestoreCounts {
  const counts = zeroCounts();
  const mine = new Map(current.map((r) => [r.id, r]));
  const theirs = new Set(incoming.map((r) => r.id));
  for (const record of incoming) {
    const existing = mine.get(record.id);
    if (!existing) counts.added++;
    else if (sameRecord(existing, record)) counts.unchanged++;
    else counts.updated++;
  }
  for (const record of current) if (!theirs.has(record.id)) counts.removed++;
  return counts;
}

function planReplace(current: StoreData, incoming: StoreData): RestorePlan {
  const data: StoreData = {
    ...incoming,
    documents: [...incoming.documents],
    annotations: [...incoming.annotations],
    tags: [...incoming.tags],
    notes: [...incoming.notes],
    collections: [...incoming.collections],
    rounds: [...incoming.rounds],
    meta: { ...incoming.meta, seeded: current.meta.seeded || incoming.meta.seeded },
  };
  const preview: RestorePreview = {
    mode: 'replace',
    documents: countsByIds(current.documents, incoming.documents),
    annotations: countsByIds(current.annotations, incoming.annotations),
    tags: countsByIds(current.tags, incoming.tags),
    notes: countsByIds(current.notes, incoming.notes),
    problems: [],
  };
  return { data, preview };
}

/**
 * Merge one kind of record by id: the backup's is added, or replaces the notebook's when it is
 * newer; the notebook's own stay.
 */
function mergeById<T extends { id: string }>(
  current: readonly T[],
  incoming: readonly T[],
  newer: (theirs: T, mine: T) => boolean,
  counts: RestoreCounts,
): T[] {
  const result = [...current];
  const index = new Map(current.map((r, i) => [r.id, i]));
  let shared = 0;
  for (const record of incoming) {
    const i = index.get(record.id);
    if (i === undefined) {
      result.push(record);
      counts.added++;
      continue;
    }
    shared++;
    const mine = result[i]!;
    if (sameRecord(mine, record)) counts.unchanged++;
    else if (newer(record, mine)) {
      result[i] = record;
      counts.updated++;
    } else counts.kept++;
  }
  counts.kept += current.length - shared;
  return result;
}

const sameName = (a: Tag, b: Tag) => a.name.toLowerCase() === b.name.toLowerCase();

/** A parent tag re-created to keep a codebook sound: its id stands for its name only. */
const isRestoredTag = (tag: Tag) => tag.id.startsWith(RESTORED_TAG_PREFIX);

function planMerge(current: StoreData, incoming: StoreData, now: string): RestorePlan {
  const preview: RestorePreview = {
    mode: 'merge',
    documents: zeroCounts(),
    annotations: zeroCounts(),
    tags: zeroCounts(),
    notes: zeroCounts(),
    problems: [],
  };
  const problems = preview.problems;

  // Documents: by id; a new id with the text of one of yours is that document.
  const currentDocIds = new Set(current.documents.map((d) => d.id));
  const incomingDocs = uniqueById(incoming.documents);
  const sharedDocs = mergeById(
    current.documents,
    incomingDocs.filter((d) => currentDocIds.has(d.id)),
    (theirs, mine) =>
      later(theirs.updatedAt ?? theirs.importedAt, mine.updatedAt ?? mine.importedAt),
    preview.documents,
  );
  const byHash = new Map<string, string>();
  for (const d of sharedDocs)
    if (d.contentHash && !byHash.has(d.contentHash)) byHash.set(d.contentHash, d.id);
  const documentMap = new Map<string, string>();
  const newDocs: NotebookDocument[] = [];
  for (const doc of incomingDocs) {
    if (currentDocIds.has(doc.id)) continue;
    const match = doc.contentHash ? byHash.get(doc.contentHash) : undefined;
    if (match) {
      documentMap.set(doc.id, match);
      preview.documents.matched++;
    } else newDocs.push(doc);
  }
  const documents = [...sharedDocs, ...newDocs];
  preview.documents.added += newDocs.length;
  const documentIds = new Set(documents.map((d) => d.id));

  // Tags: by id, the newer wins unless its name is another tag's; a new id with one of your
  // names is that tag. A re-created parent goes by its name only: the same id may stand for
  // another tag here (an older version numbered them, and a tag keeps its id when renamed), and
  // taking it by id would rename that tag.
  const tags = [...current.tags];
  const tagIndex = new Map(tags.map((t, i) => [t.id, i]));
  const incomingTags = uniqueById(incoming.tags);
  const byId = new Set(
    incomingTags
      .filter((tag) => {
        const i = tagIndex.get(tag.id);
        return i !== undefined && (!isRestoredTag(tag) || sameName(tags[i]!, tag));
      })
      .map((t) => t.id),
  );
  let pending: Tag[] = [];
  for (const tag of incomingTags) {
    if (!byId.has(tag.id)) continue;
    const mine = tags[tagIndex.get(tag.id)!]!;
    if (sameRecord(mine, tag)) preview.tags.unchanged++;
    else if (later(tag.updatedAt ?? tag.createdAt, mine.updatedAt ?? mine.createdAt))
      pending.push(tag);
    else preview.tags.kept++;
  }
  // Take every newer version whose name is free, again while taking one frees another's name
  // (a chain of renames), so a second merge finds nothing more to take.
  for (let progress = true; progress; ) {
    progress = false;
    pending = pending.filter((tag) => {
      const holder = findTagNamed(tags, tag.name);
      if (holder && holder.id !== tag.id) return true;
      tags[tagIndex.get(tag.id)!] = tag;
      preview.tags.updated++;
      progress = true;
      return false;
    });
  }
  for (const tag of pending) {
    const mine = tags[tagIndex.get(tag.id)!]!;
    preview.tags.kept++;
    problems.push(
      `Tag "${mine.name}" was kept as it is: the backup's newer version is named "${tag.name}", which another tag has.`,
    );
  }
  preview.tags.kept += current.tags.filter((t) => !byId.has(t.id)).length;
  // Ids for re-created parents: never one a tag of another name holds here or in the backup.
  const restoredId = restoredTagIds([...incomingTags, ...tags]);
  const tagMap = new Map<string, string>();
  for (const tag of incomingTags) {
    if (byId.has(tag.id)) continue;
    const same = findTagNamed(tags, tag.name);
    if (same) {
      if (same.id !== tag.id) tagMap.set(tag.id, same.id);
      preview.tags.matched++;
      continue;
    }
    // A re-created parent whose id a tag of another name holds here comes under its own id.
    const id = tagIndex.has(tag.id) ? restoredId(tag.name) : tag.id;
    if (id !== tag.id) tagMap.set(tag.id, id);
    tags.push(id === tag.id ? tag : { ...tag, id });
    preview.tags.added++;
  }
  // Missing parents (invariant 3) are re-created, in the child's colour.
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const parent = parentPath(tag.name);
    if (!parent || findTagNamed(tags, parent)) continue;
    const id = restoredId(parent);
    tags.push({
      id,
      name: parent,
      color: tag.color,
      description: '',
      createdAt: now,
      updatedAt: now,
    });
    preview.tags.added++;
    problems.push(`Tag "${parent}" was re-created as the parent of "${tag.name}".`);
  }
  const tagIds = new Set(tags.map((t) => t.id));
  const mapTags = (ids: string[]) => {
    const next = [...new Set(ids.map((t) => tagMap.get(t) ?? t))].filter((t) => tagIds.has(t));
    return sameList(next, ids) ? ids : next;
  };

  // Quotes and notes from the backup, pointed at the matched tags and documents.
  const incomingAnnotations = uniqueById(incoming.annotations).flatMap((a): Annotation[] => {
    const documentId = documentMap.get(a.documentId) ?? a.documentId;
    if (!documentIds.has(documentId)) {
      problems.push(`Quote "${a.id}" was left out: its document is in neither notebook.`);
      return [];
    }
    const targetDocument = documentMap.get(a.target.documentId) ?? a.target.documentId;
    const tagIdsMapped = mapTags(a.tagIds);
    if (
      documentId === a.documentId &&
      targetDocument === a.target.documentId &&
      tagIdsMapped === a.tagIds
    )
      return [a];
    return [
      {
        ...a,
        documentId,
        target: { ...a.target, documentId: targetDocument },
        tagIds: tagIdsMapped,
      },
    ];
  });
  const incomingNotes = uniqueById(incoming.notes).map((n): Note => {
    let documentId = n.documentId === null ? null : (documentMap.get(n.documentId) ?? n.documentId);
    if (documentId !== null && !documentIds.has(documentId)) {
      problems.push(`Note "${n.title}" no longer belongs to a document: its document is missing.`);
      documentId = null;
    }
    const tagIdsMapped = mapTags(n.tagIds);
    return documentId === n.documentId && tagIdsMapped === n.tagIds
      ? n
      : { ...n, documentId, tagIds: tagIdsMapped };
  });
  const newerEdit = (theirs: { updatedAt: string }, mine: { updatedAt: string }) =>
    later(theirs.updatedAt, mine.updatedAt);
  const annotations = mergeById(
    current.annotations,
    incomingAnnotations,
    newerEdit,
    preview.annotations,
  );
  const notes = mergeById(current.notes, incomingNotes, newerEdit, preview.notes);
  // Collections: the newer version of each, its documents pointed at the matched ones.
  const incomingCollections = uniqueById(incoming.collections).map((c) => ({
    ...c,
    documentIds: [...new Set(c.documentIds.map((id) => documentMap.get(id) ?? id))].filter((id) =>
      documentIds.has(id),
    ),
  }));
  const collections = mergeById(current.collections, incomingCollections, newerEdit, zeroCounts());
  // Rounds: the newer version of each (a lead's with more layers, a coder's with its proposals).
  const rounds = mergeById(current.rounds, uniqueById(incoming.rounds), newerEdit, zeroCounts());

  const data: StoreData = {
    ...current,
    documents,
    annotations,
    tags,
    notes,
    collections,
    rounds,
    meta: { ...current.meta, seeded: current.meta.seeded || incoming.meta.seeded },
  };
  return { data, preview };
}

/**
 * Plan restoring `incoming` (a parsed backup) into `current`: the resulting notebook and a
 * preview of the change. Pure: neither input is changed (records are shared, not copied).
 */
export function planRestore(
  current: StoreData,
  incoming: StoreData,
  mode: RestoreMode,
  options: RestoreOptions = {},
): RestorePlan {
  return mode === 'replace'
    ? planReplace(current, incoming)
    : planMerge(current, incoming, options.now ?? new Date().toISOString());
}
