import { readFile } from 'node:fs/promises';
import { storePathIn } from '../../electron/notebook/data-dir.ts';
import { writeFileDurably } from '../../electron/notebook/durable-json-file.ts';
import type { Store } from '../../electron/notebook/store.ts';
import { readRecords } from '../../electron/notebook/store-records.ts';
import type { StoreData } from '../../shared/model.ts';

/**
 * The store as it was before the journal (schema 2), kept only as the benchmark's baseline so
 * the gain is measured in the same run: the whole notebook parsed and validated record by
 * record at open, and rewritten whole (JSON with one-space indent, temp file, fsync, rename)
 * at most every 150 ms while it changes. No lock, backups or recovery: the costs measured are
 * the ones that mattered.
 */
export async function openWholeFileStore(
  dataDir: string,
): Promise<Store & { readonly bytesWritten: number }> {
  const path = storePathIn(dataDir);
  const parsed = readRecords(JSON.parse(await readFile(path, 'utf8')), new Date().toISOString());
  if (!parsed.ok) throw new Error(`baseline: ${parsed.reason}`);
  const data: StoreData = parsed.data;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  let bytesWritten = 0;
  let revision = 0;
  const writeNow = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      const text = `${JSON.stringify(data, null, 1)}\n`;
      bytesWritten += Buffer.byteLength(text);
      await writeFileDurably(path, text);
    });
    return writing;
  };
  return {
    dataDir,
    path,
    recovery: null,
    quarantined: [],
    data,
    get revision() {
      return revision;
    },
    get bytesWritten() {
      return bytesWritten;
    },
    change(mutator) {
      revision++;
      const result = mutator(data, () => {});
      dirty = true;
      if (!timer) timer = setTimeout(writeNow, 150);
      return result;
    },
    flush: writeNow,
    compact: async () => {},
    close: writeNow,
  };
}
