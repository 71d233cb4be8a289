import { repairAncestors } from '../../shared/codebook.ts';
import {
  annotationSchema,
  collectionSchema,
  documentSchema,
  noteSchema,
  type Quarantined,
  quarantinedSchema,
  RECORD_COLLECTIONS,
  type RecordCollection,
  roundSchema,
  SCHEMA_VERSION,
  type StoreData,
  storeDataSchema,
  tagSchema,
} from '../../shared/model.ts';
import { firstIssue } from '../../shared/schema-issue.ts';
import { newId } from './ids.ts';
import { migrate } from './migrations.ts';

export type ReadRecords =
  | { ok: true; data: StoreData; quarantined: Quarantined[]; migratedFrom: number | null }
  | { ok: false; reason: string };

/** Each record list's schema (the journal's replay validates with the same). */
export const RECORD_SCHEMAS = {
  documents: documentSchema,
  annotations: annotationSchema,
  tags: tagSchema,
  notes: noteSchema,
  collections: collectionSchema,
  rounds: roundSchema,
} as const;

/**
 * A record as it can be written back: JSON.parse reads nesting JSON.stringify cannot write, and
 * one such record must not stop every later save. The file from before keeps it whole.
 */
function writable(record: unknown): unknown {
  try {
    JSON.stringify(record);
    return record;
  } catch {
    return '(too deeply nested to keep here; the whole record is in the pre-quarantine copy)';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Read a store file's contents record by record. The file must be a notebook (an object of this
 * schema version, after migrating, with its four lists); if it is not, that is the caller's
 * cue to recover from a backup. Within it, one bad record (a field of the wrong type, a quote
 * whose document is gone, a repeated id) is set aside into `quarantine`, kept as it was and with
 * the reason, and the rest of the notebook opens. References that would dangle once a record is
 * set aside are repaired: tags no longer known are taken off quotes and notes, and missing
 * parent tags are made again.
 */
export function readRecords(raw: unknown, now: string): ReadRecords {
  const fromVersion =
    isObject(raw) && typeof raw.schemaVersion === 'number' ? raw.schemaVersion : null;
  const migrated = migrate(raw);
  if (!isObject(migrated) || migrated.schemaVersion !== SCHEMA_VERSION)
    return { ok: false, reason: 'it does not match the notebook format (top level)' };
  for (const collection of RECORD_COLLECTIONS)
    if (!Array.isArray(migrated[collection]))
      return {
        ok: false,
        reason: `it does not match the notebook format (${collection}: not a list)`,
      };

  const quarantined: Quarantined[] = [];
  const setAside = (
    collection: Quarantined['collection'],
    record: unknown,
    reason: string,
  ): Quarantined => {
    const id = isObject(record) && typeof record.id === 'string' ? record.id.slice(0, 200) : null;
    const entry = { collection, id, record: writable(record), reason, quarantinedAt: now };
    quarantined.push(entry);
    return entry;
  };
  const valid = <C extends RecordCollection>(collection: C) => {
    const seen = new Set<string>();
    const kept: StoreData[C][number][] = [];
    for (const [index, record] of (migrated[collection] as unknown[]).entries()) {
      const parsed = RECORD_SCHEMAS[collection].safeParse(record);
      if (!parsed.success) {
        const issue = firstIssue(parsed.error);
        setAside(
          collection,
          record,
          `${collection}[${index}] ${issue?.path.join('.') || '(record)'}: ${issue?.message}`,
        );
      } else if (seen.has(parsed.data.id)) {
        setAside(collection, record, `${collection}[${index}] repeats the id ${parsed.data.id}`);
      } else {
        seen.add(parsed.data.id);
        kept.push(parsed.data as StoreData[C][number]);
      }
    }
    return kept;
  };

  const documents = valid('documents');
  const documentIds = new Set(documents.map((d) => d.id));
  const annotations = valid('annotations').filter((a) => {
    if (documentIds.has(a.documentId)) return true;
    setAside('annotations', a, `highlight ${a.id}: its document ${a.documentId} is missing`);
    return false;
  });
  const tags = valid('tags');
  const notes = valid('notes');
  const collections = valid('collections');
  const rounds = valid('rounds');
  const rest = storeDataSchema
    .pick({ meta: true })
    .safeParse({ meta: isObject(migrated.meta) ? migrated.meta : undefined });
  // Earlier entries stay; one that no longer reads is kept inside a new one, never dropped.
  const earlier: Quarantined[] = [];
  const unreadable: unknown[] = [];
  if (Array.isArray(migrated.quarantine))
    for (const q of migrated.quarantine) {
      const parsed = quarantinedSchema.safeParse(q);
      if (parsed.success) earlier.push(parsed.data);
      else unreadable.push(q);
    }
  else if (migrated.quarantine !== undefined) unreadable.push(migrated.quarantine);
  for (const q of unreadable)
    setAside('quarantine', q, 'an earlier quarantine entry that could not be read');
  const data: StoreData = {
    schemaVersion: SCHEMA_VERSION,
    documents,
    annotations,
    tags,
    notes,
    collections,
    rounds,
    quarantine: [...earlier, ...quarantined],
    meta: rest.success ? rest.data.meta : { seeded: true },
  };
  if (quarantined.length > 0) {
    // Nothing may point at what was set aside; what pointed at it is written on its entry.
    const known = new Set(tags.map((t) => t.id));
    for (const entry of quarantined) {
      if (entry.id === null) continue;
      const id = entry.id;
      if (entry.collection === 'tags' && !known.has(id))
        entry.detached = {
          annotations: data.annotations.filter((a) => a.tagIds.includes(id)).map((a) => a.id),
          notes: data.notes.filter((n) => n.tagIds.includes(id)).map((n) => n.id),
        };
      if (entry.collection === 'documents' && !documentIds.has(id))
        entry.detached = {
          annotations: [],
          notes: data.notes.filter((n) => n.documentId === id).map((n) => n.id),
        };
    }
    for (const holder of [...data.annotations, ...data.notes])
      if (holder.tagIds.some((t) => !known.has(t)))
        holder.tagIds = holder.tagIds.filter((t) => known.has(t));
    repairAncestors(data, { newId: () => newId('tag'), now: () => now });
  }
  // A note on a document that is gone stays, detached.
  data.notes = data.notes.map((n) =>
    n.documentId && !documentIds.has(n.documentId) ? { ...n, documentId: null } : n,
  );
  return {
    ok: true,
    data,
    quarantined,
    migratedFrom: fromVersion !== null && fromVersion < SCHEMA_VERSION ? fromVersion : null,
  };
}
