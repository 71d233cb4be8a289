import { SCHEMA_VERSION } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';

/**
 * Each entry lifts a store file from version `from` to `from + 1`. Version 1 is the first shape,
 * so the list is empty; every later change of shape adds one step here and a test that migrates
 * a file of the previous version.
 */
const MIGRATIONS: {
  from: number;
  migrate: (data: Record<string, unknown>) => Record<string, unknown>;
}[] = [];

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
