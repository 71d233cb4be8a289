import { repairAncestors } from '../../shared/codebook.ts';
import {
  annotationSchema,
  documentSchema,
  noteSchema,
  type Quarantined,
  quarantinedSchema,
  RECORD_COLLECTIONS,
  type RecordCollection,
  SCHEMA_VERSION,
  type StoreData,
  storeDataSchema,
  tagSchema,
} from '../../shared/model.ts';
import { newId } from './ids.ts';
import { migrate } from './migrations.ts';

export type ReadRecords =
  | { ok: true; data: StoreData; quarantined: Quarantined[]; migratedFrom: number | null }
  | { ok: false; reason: string };

const SCHEMAS = {
  documents: documentSchema,
  annotations: annotationSchema,
  tags: tagSchema,
  notes: noteSchema,
} as const;

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
  const setAside = (collection: RecordCollection, record: unknown, reason: string) => {
    const id = isObject(record) && typeof record.id === 'string' ? record.id.slice(0, 200) : null;
    quarantined.push({ collection, id, record, reason, quarantinedAt: now });
  };
  const valid = <C extends RecordCollection>(collection: C) => {
    const seen = new Set<string>();
    const kept: StoreData[C][number][] = [];
    for (const [index, record] of (migrated[collection] as unknown[]).entries()) {
      const parsed = SCHEMAS[collection].safeParse(record);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
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
  const notes = valid('notes').map((n) =>
    n.documentId && !documentIds.has(n.documentId) ? { ...n, documentId: null } : n,
  );
  const rest = storeDataSchema
    .pick({ meta: true })
    .safeParse({ meta: isObject(migrated.meta) ? migrated.meta : undefined });
  const earlier = Array.isArray(migrated.quarantine)
    ? migrated.quarantine.filter((q) => quarantinedSchema.safeParse(q).success)
    : [];
  const data: StoreData = {
    schemaVersion: SCHEMA_VERSION,
    documents,
    annotations,
    tags,
    notes,
    quarantine: [...(earlier as Quarantined[]), ...quarantined],
    meta: rest.success ? rest.data.meta : { seeded: true },
  };
  if (quarantined.length > 0) {
    // Nothing may point at what was set aside.
    const known = new Set(tags.map((t) => t.id));
    for (const holder of [...data.annotations, ...data.notes])
      if (holder.tagIds.some((t) => !known.has(t)))
        holder.tagIds = holder.tagIds.filter((t) => known.has(t));
    repairAncestors(data, { newId: () => newId('tag'), now: () => now });
  }
  return {
    ok: true,
    data,
    quarantined,
    migratedFrom: fromVersion !== null && fromVersion < SCHEMA_VERSION ? fromVersion : null,
  };
}
