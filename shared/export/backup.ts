import { findTagNamed, parentPath } from '../codebook.ts';
import { SCHEMA_VERSION, type StoreData, storeDataSchema, type Tag } from '../model.ts';
import { NotebookError } from '../result.ts';
import { firstIssue } from '../schema-issue.ts';
import type { Exporter } from './types.ts';

/**
 * The JSON backup: the whole notebook (or a scope of it) with a small header saying what it is,
 * which versions wrote it, when and of what. Restoring reads it back with {@link parseBackup},
 * which also accepts a bare store file (`notebook.json`), since that is what users may hand us.
 *
 * ```json
 * { "format": "marginalia-backup", "formatVersion": 1, "schemaVersion": 1,
 *   "exportedAt": "…", "scope": "Whole notebook",
 *   "counts": { "documents": 2, "annotations": 5, "tags": 7, "notes": 2 },
 *   "notebook": { "schemaVersion": 1, "documents": […], "annotations": […], "tags": […],
 *                 "notes": […], "meta": { "seeded": true } } }
 * ```
 */
export const BACKUP_FORMAT = 'marginalia-backup';
/** The header's own shape; bumped only when the wrapper (not the notebook) changes. */
export const BACKUP_FORMAT_VERSION = 1;

const COLLECTIONS = ['documents', 'annotations', 'tags', 'notes', 'collections', 'rounds'] as const;
type Collection = (typeof COLLECTIONS)[number];

/** Indent every line but the first (the caller places the first). */
const indent = (json: string, by: string) => json.replaceAll('\n', `\n${by}`);

/**
 * The backup, streamed: the header, one piece per record, then the end. The pieces joined are
 * exactly `JSON.stringify(whole, null, 2)`; progress counts records.
 */
export const backupExport: Exporter = function* (selection, _options, progress) {
  const notebook: Record<Collection, readonly unknown[]> = {
    documents: selection.documents,
    annotations: selection.annotations,
    tags: selection.tags,
    notes: selection.notes,
    collections: selection.collections,
    rounds: selection.rounds ?? [],
  };
  const counts = Object.fromEntries(COLLECTIONS.map((c) => [c, notebook[c].length]));
  const total = COLLECTIONS.reduce((sum, c) => sum + notebook[c].length, 0);
  const header = JSON.stringify(
    {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion: selection.schemaVersion,
      exportedAt: selection.generatedAt,
      scope: selection.label,
      counts,
    },
    null,
    2,
  );
  // Structure waiting to go out with the next record, so each piece carries one record.
  let pending = `${header.slice(0, -2)},\n  "notebook": {\n    "schemaVersion": ${JSON.stringify(selection.schemaVersion)}`;
  let done = 0;
  progress?.(0, total);
  for (const collection of COLLECTIONS) {
    const records = notebook[collection];
    pending += `,\n    ${JSON.stringify(collection)}: [`;
    if (records.length === 0) {
      pending += ']';
      continue;
    }
    for (let i = 0; i < records.length; i++) {
      yield `${pending}${i === 0 ? '' : ','}\n      ${indent(JSON.stringify(records[i], null, 2), '      ')}`;
      pending = '';
      progress?.(++done, total);
    }
    pending += '\n    ]';
  }
  const meta = `${pending},\n    "meta": ${indent(JSON.stringify(selection.meta, null, 2), '    ')}\n  }`;
  // The PDFs and pictures the notebook keeps in files/, so a restore is whole. One per piece:
  // a book-sized PDF is one long string, never the whole backup at once.
  const files = [...(selection.files ?? [])];
  if (files.length === 0) {
    yield `${meta}\n}`;
    return;
  }
  yield `${meta},\n  "files": {`;
  for (const [i, [name, base64]] of files.entries()) {
    yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(name)}: "${base64}"`;
  }
  yield '\n  }\n}';
};

/** A kept file's name in a backup: its SHA-256 and its kind. */
export const KEPT_FILE_NAME = /^[0-9a-f]{64}\.(pdf|png)$/;

/** What a backup holds, ready to restore, and what had to be repaired on the way. */
export interface BackupContents {
  data: StoreData;
  /** When the backup was made; null for a bare store file. */
  exportedAt: string | null;
  /** What it covered ("Whole notebook", a document's title…); null for a bare store file. */
  scope: string | null;
  /** References that pointed nowhere and duplicates, each as repaired; empty when sound. */
  problems: string[];
  /** The files it carries (`<sha256>.pdf`, `<sha256>.png`), base64, checked on restore. */
  files: Map<string, string>;
}

export interface ParseBackupOptions {
  /** Lifts an older notebook to the current schema (the core passes the store's migrations). */
  migrate?: (raw: unknown) => unknown;
}

/** Beyond this many, problems are summed up in one last line. */
const MAX_PROBLEMS = 100;

const invalid = (message: string) => new NotebookError('invalid-input', message);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw invalid('This file is empty: it is not a Marginalia backup.');
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(reason);
    const position = at ? Number(at[1]) : null;
    const truncated =
      /end of (JSON )?input|unterminated/i.test(reason) ||
      (position !== null && position >= text.trimEnd().length);
    if (truncated)
      throw invalid(
        'This file is not valid JSON: it ends too early (truncated, perhaps an interrupted copy or download). It cannot be restored.',
      );
    throw invalid(
      `This file is not valid JSON (${position === null ? reason : `at ${lineAndColumn(text, position)}`}): it is not a Marginalia backup, or it was damaged.`,
    );
  }
}

function newerThanThisApp(what: string): NotebookError {
  return invalid(
    `This backup was made by a newer Marginalia (${what}). Update the app to restore it; nothing was changed.`,
  );
}

function checkSchemaVersion(version: unknown) {
  if (typeof version === 'number' && version > SCHEMA_VERSION)
    throw newerThanThisApp(
      `notebook schema ${version}; this version reads up to ${SCHEMA_VERSION}`,
    );
}

/** The notebook object and the header fields, from a backup or a bare store file. */
function unwrap(raw: unknown) {
  if (!isObject(raw))
    throw invalid('This file is not a Marginalia backup (it holds JSON, but not a notebook).');
  if ('format' in raw) {
    if (raw.format !== BACKUP_FORMAT)
      throw invalid(
        `This file is not a Marginalia backup (its format is ${JSON.stringify(raw.format)}, not "${BACKUP_FORMAT}").`,
      );
    const { formatVersion } = raw;
    if (typeof formatVersion !== 'number' || !Number.isInteger(formatVersion) || formatVersion < 1)
      throw invalid('This Marginalia backup is damaged: its "formatVersion" is missing or wrong.');
    if (formatVersion > BACKUP_FORMAT_VERSION)
      throw newerThanThisApp(
        `backup format ${formatVersion}; this version reads up to ${BACKUP_FORMAT_VERSION}`,
      );
    checkSchemaVersion(raw.schemaVersion);
    if (!isObject(raw.notebook))
      throw invalid('This Marginalia backup is damaged: it has no "notebook" object.');
    checkSchemaVersion(raw.notebook.schemaVersion);
    const notebook =
      'schemaVersion' in raw.notebook
        ? raw.notebook
        : { schemaVersion: raw.schemaVersion, ...raw.notebook };
    return {
      notebook,
      exportedAt: typeof raw.exportedAt === 'string' ? raw.exportedAt : null,
      scope: typeof raw.scope === 'string' ? raw.scope : null,
    };
  }
  // A bare store file: what the app keeps in notebook.json.
  if (['schemaVersion', ...COLLECTIONS].some((k) => k in raw)) {
    checkSchemaVersion(raw.schemaVersion);
    return { notebook: raw, exportedAt: null, scope: null };
  }
  throw invalid(
    'This file is not a Marginalia backup: it has no "format": "marginalia-backup" and is not a notebook file either.',
  );
}

function describeRecord(notebook: Record<string, unknown>, path: PropertyKey[]): string {
  const [collection, index, ...field] = path.map(String);
  if (collection === undefined) return 'the notebook';
  if (index === undefined) return `the "${collection}" list`;
  const list = notebook[collection];
  const record = Array.isArray(list) ? list[Number(index)] : undefined;
  const id = isObject(record) && typeof record.id === 'string' ? ` (id "${record.id}")` : '';
  const where = `${collection}[${index}]${id}`;
  return field.length === 0 ? where : `${where}, field "${field.join('.')}"`;
}

/** Keep the last record of each id, in place of the earlier ones. */
function lastOfEachId<T extends { id: string }>(
  records: T[],
  kind: string,
  note: (p: string) => void,
): T[] {
  const lastIndex = new Map<string, number>();
  const copies = new Map<string, number>();
  records.forEach((r, i) => {
    lastIndex.set(r.id, i);
    copies.set(r.id, (copies.get(r.id) ?? 0) + 1);
  });
  if (lastIndex.size === records.length) return records;
  for (const [id, n] of copies)
    if (n > 1) note(`${n} ${kind} share the id "${id}"; the last one was kept.`);
  return records.filter((r, i) => lastIndex.get(r.id) === i);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** 64-bit FNV-1a of the UTF-8 bytes of `text`, as 16 hex digits. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}

/** How the id of every parent tag re-created to keep a codebook sound begins. */
export const RESTORED_TAG_PREFIX = 'tag-restored-';

/**
 * Ids for parent tags re-created to keep a codebook sound. The id comes from the name (ignoring
 * case), so the same id always means the same tag wherever it was re-created, and merging by id
 * can never turn one re-created tag into another: `tag-restored-<hash of the name>`, or, when a
 * tag of another name already holds that id (a rename since, or a clash), the first of `-2`,
 * `-3`… that is free. `taken` holds the tags whose ids are in use.
 */
export function restoredTagIds(
  taken: Iterable<Pick<Tag, 'id' | 'name'>>,
): (name: string) => string {
  const names = new Map<string, string>();
  for (const tag of taken) names.set(tag.id, tag.name.toLowerCase());
  return (name) => {
    const key = name.toLowerCase();
    const base = `${RESTORED_TAG_PREFIX}${fnv1a64(key)}`;
    let id = base;
    for (let n = 2; names.has(id) && names.get(id) !== key; n++) id = `${base}-${n}`;
    names.set(id, key);
    return id;
  };
}

/**
 * Make the backup's own references sound, reporting each repair: duplicate ids (the last wins),
 * quotes on documents it does not hold (left out), tags that are not there (taken off), a note's
 * missing document (cleared), tags that repeat a name (folded into the first) or lack a parent
 * (the parent is re-created).
 */
function repair(data: StoreData, note: (p: string) => void): StoreData {
  const documents = lastOfEachId(data.documents, 'documents', note);
  let annotations = lastOfEachId(data.annotations, 'quotes', note);
  let tags = lastOfEachId(data.tags, 'tags', note);
  let notes = lastOfEachId(data.notes, 'notes', note);

  // Tags whose name repeats one before it (ignoring case) fold into that one.
  const renamed = new Map<string, string>();
  const kept: Tag[] = [];
  for (const tag of tags) {
    const same = findTagNamed(kept, tag.name);
    if (same) {
      renamed.set(tag.id, same.id);
      note(`Tag "${tag.name}" repeats the name of tag "${same.name}"; the two were merged.`);
    } else kept.push(tag);
  }
  tags = kept;
  // Missing parents are re-created, dated like the child, in the child's colour.
  const idFor = restoredTagIds(data.tags);
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const parent = parentPath(tag.name);
    if (parent && !findTagNamed(tags, parent)) {
      tags.push({ ...tag, id: idFor(parent), name: parent, description: '' });
      note(`Tag "${tag.name}" had no parent tag; "${parent}" was re-created.`);
    }
  }

  const documentIds = new Set(documents.map((d) => d.id));
  const tagIds = new Set(tags.map((t) => t.id));
  const fixTags = <H extends { id: string; tagIds: string[] }>(holder: H, kind: string): H => {
    const mapped = holder.tagIds.map((t) => renamed.get(t) ?? t);
    const missing = mapped.filter((t) => !tagIds.has(t));
    for (const t of new Set(missing))
      note(
        `${kind} "${holder.id}" referred to tag "${t}", which is not in the backup; it was taken off.`,
      );
    const next = [...new Set(mapped.filter((t) => tagIds.has(t)))];
    const same =
      next.length === holder.tagIds.length && next.every((t, i) => t === holder.tagIds[i]);
    return same ? holder : { ...holder, tagIds: next };
  };
  annotations = annotations.filter((a) => {
    if (documentIds.has(a.documentId)) return true;
    note(
      `Quote "${a.id}" is on document "${a.documentId}", which is not in the backup; it was left out.`,
    );
    return false;
  });
  annotations = annotations.map((a) => fixTags(a, 'Quote'));
  notes = notes.map((n) => {
    const fixed = fixTags(n, 'Note');
    if (fixed.documentId === null || documentIds.has(fixed.documentId)) return fixed;
    note(
      `Note "${n.id}" belonged to document "${n.documentId}", which is not in the backup; it now stands alone.`,
    );
    return { ...fixed, documentId: null };
  });
  const collections = lastOfEachId(data.collections, 'collections', note).map((c) => {
    const kept = c.documentIds.filter((id) => documentIds.has(id));
    if (kept.length === c.documentIds.length) return c;
    note(
      `Collection "${c.name}" listed ${c.documentIds.length - kept.length} document(s) not in the backup; they were left out of it.`,
    );
    return { ...c, documentIds: kept };
  });
  // A round whose documents are not all in the backup means nothing: left out, and said so.
  const rounds = lastOfEachId(data.rounds ?? [], 'rounds', note).filter((r) => {
    if (r.documentIds.every((id) => documentIds.has(id))) return true;
    note(`Round "${r.name}" is on documents that are not in the backup; it was left out.`);
    return false;
  });
  return { ...data, documents, annotations, tags, notes, collections, rounds };
}

/**
 * Read a backup (or a bare store file) into a notebook to restore. Throws a NotebookError
 * ('invalid-input') saying what is wrong when the text is not JSON, not a Marginalia backup,
 * from a newer version of the app, or has a record that does not fit the notebook's schema
 * (naming the list, the index and the field). References that point nowhere are repaired and
 * listed in `problems` rather than failing the whole restore.
 */
export function parseBackup(text: string, options: ParseBackupOptions = {}): BackupContents {
  const migrate = options.migrate ?? ((raw: unknown) => raw);
  const raw = parseJson(text.replace(/^\uFEFF/, ''));
  const { notebook, exportedAt, scope } = unwrap(raw);
  const migrated = migrate(notebook);
  const result = storeDataSchema.safeParse(migrated);
  if (!result.success) {
    const issue = firstIssue(result.error)!;
    const where = describeRecord(isObject(migrated) ? migrated : {}, issue.path);
    throw invalid(`This backup cannot be restored: ${where} is not valid (${issue.message}).`);
  }
  const problems: string[] = [];
  const data = repair(result.data, (p) => problems.push(p));
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.length = MAX_PROBLEMS;
    problems.push(`…and ${more} more like these.`);
  }
  const files = keptFiles(raw, data, (p) => problems.push(p));
  return { data, exportedAt, scope, problems, files };
}

/** The files a backup carries, checked by name and encoding; PDFs it lacks are named. */
function keptFiles(
  raw: unknown,
  data: StoreData,
  note: (problem: string) => void,
): Map<string, string> {
  const files = new Map<string, string>();
  const listed = isObject(raw) && isObject(raw.files) ? raw.files : {};
  for (const [name, value] of Object.entries(listed)) {
    if (
      !KEPT_FILE_NAME.test(name) ||
      typeof value !== 'string' ||
      !/^[A-Za-z0-9+/]*={0,2}$/.test(value)
    ) {
      note(
        `The backup's file "${name.slice(0, 80)}" is not one Marginalia keeps; it was left out.`,
      );
      continue;
    }
    files.set(name, value);
  }
  for (const doc of data.documents) {
    if (doc.pdf && !files.has(`${doc.pdf.file}.pdf`))
      note(
        `The PDF of "${doc.title}" is not in this backup; it opens if its file is still in this notebook's folder, else import the PDF again.`,
      );
  }
  return files;
}
