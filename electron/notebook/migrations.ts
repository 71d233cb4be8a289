import { SCHEMA_VERSION } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';

type Json = Record<string, unknown>;

/** Each record of a list, changed by `f`; anything that is not a list of objects is left alone. */
const eachRecord = (list: unknown, f: (record: Json) => Json) =>
  Array.isArray(list)
    ? list.map((r) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? f(r as Json) : r))
    : list;

/**
 * Each entry lifts a store file from version `from` to `from + 1`; every change of shape adds
 * one step here and a test that opens a file of the previous version
 * (`tests/fixtures/store/notebook-v<N>.json`). The store backs the file up before migrating.
 */
const MIGRATIONS: { from: number; migrate: (data: Json) => Json }[] = [
  {
    // 1 → 2: documents and tags get `updatedAt`, so merging backups can keep the newer one.
    from: 1,
    migrate: (data) => ({
      ...data,
      documents: eachRecord(data.documents, (d) => ({
        ...d,
        updatedAt: d.updatedAt ?? d.importedAt,
      })),
      tags: eachRecord(data.tags, (t) => ({ ...t, updatedAt: t.updatedAt ?? t.createdAt })),
    }),
  },
  {
    // 2 → 3: records keep their shape; the notebook became a snapshot (this file, one record
    // per line, sealed) plus a journal of changes beside it (electron/notebook/store/). A
    // version 2 file is read, kept in backups/, and rewritten in the new layout.
    from: 2,
    migrate: (data) => data,
  },
  {
    // 3 → 4: documents may be PDFs (a `pdf` field: pages, labels, outline, the bytes' hash) and
    // highlights may carry a page selector. Nothing to change in older records; the version
    // moves so an older Marginalia refuses a notebook it would silently strip of its pages.
    from: 3,
    migrate: (data) => data,
  },
  {
    // 4 → 5: collections of documents (a project, a chapter, a case), a new list of records.
    from: 4,
    migrate: (data) => ({ ...data, collections: data.collections ?? [] }),
  },
  {
    // 5 → 6: a document may carry its bibliographic record (`csl`). Nothing to change; the
    // version moves so an older Marginalia refuses a notebook it would strip of its citations.
    from: 5,
    migrate: (data) => data,
  },
  {
    // 6 → 7: coding rounds (a new list of records) and each highlight's coder.
    from: 6,
    migrate: (data) => ({ ...data, rounds: data.rounds ?? [] }),
  },
];

export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let data = raw as Record<string, unknown>;
  const version = data.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    throw new NotebookError(
      'conflict',
      `This notebook was saved by a newer Marginalia (schema ${version}; this version reads up to ${SCHEMA_VERSION}). Update Marginalia to open it; the file was left untouched.`,
    );
  }
  for (const step of MIGRATIONS) {
    if (data.schemaVersion === step.from)
      data = { ...step.migrate(data), schemaVersion: step.from + 1 };
  }
  return data;
}
