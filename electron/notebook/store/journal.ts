import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder } from '../durable-json-file.ts';
import { isJournalEntry, type JournalEntry } from './changes.ts';

/**
 * The journal: the notebook's changes since its snapshot, one JSON line per store change
 * (`{"seq":…,"ops":[…]}`), appended and fsynced before the change counts as saved. Files are
 * numbered by generation (`journal/00000004.jsonl`): compaction starts a new generation, folds
 * the older ones into the snapshot off the main thread, then deletes them.
 */
export const JOURNAL_DIR = 'journal';

export const journalDir = (dataDir: string) => join(dataDir, JOURNAL_DIR);
export const journalPath = (dataDir: string, generation: number) =>
  join(dataDir, JOURNAL_DIR, `${String(generation).padStart(8, '0')}.jsonl`);

/** The journal files present, oldest generation first. */
export async function listJournals(
  dataDir: string,
): Promise<{ generation: number; path: string }[]> {
  const names = await readdir(journalDir(dataDir)).catch(() => [] as string[]);
  return names
    .map((name) => ({ name, m: /^(\d{1,15})\.jsonl$/.exec(name) }))
    .filter((f) => f.m !== null)
    .map((f) => ({ generation: Number(f.m![1]), path: join(journalDir(dataDir), f.name) }))
    .sort((a, b) => a.generation - b.generation);
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Length of the file up to the end of its last whole line. */
  wholeBytes: number;
  /** Bytes after the last line end: a write a crash cut short (never acknowledged). */
  torn: Buffer | null;
  /** Whole lines that are not entries (damaged on disk), with their line numbers. */
  bad: { line: number; text: string }[];
}

/** Read a journal file, keeping every whole entry and telling apart what is not one. */
export async function readJournal(path: string): Promise<JournalRead> {
  const bytes = await readFile(path);
  const lastEnd = bytes.lastIndexOf(0x0a) + 1;
  const torn = lastEnd < bytes.length ? bytes.subarray(lastEnd) : null;
  const entries: JournalEntry[] = [];
  const bad: JournalRead['bad'] = [];
  const lines = bytes.subarray(0, lastEnd).toString('utf8').split('\n');
  lines.pop(); // after the last line end
  lines.forEach((text, i) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (isJournalEntry(value)) entries.push(value);
    else bad.push({ line: i + 1, text });
  });
  return { entries, wholeBytes: lastEnd, torn: torn && torn.length > 0 ? torn : null, bad };
}

/** Cut a journal back to its whole lines (after its torn end was kept elsewhere). */
export async function truncateJournal(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Appends entries to the current generation's file. One `append` call writes everything queued
 * since the last one (group commit: while one fsync is in flight the next batch gathers) and
 * resolves once it is on disk. A failed append truncates the file back to what it held, so a
 * retry never leaves half a line in the middle.
 */
export class JournalFile {
  private created: boolean;
  readonly dataDir: string;
  readonly generation: number;
  /** Bytes in the file known to be whole entries. */
  private size: number;
  constructor(dataDir: string, generation: number, size: number) {
    this.dataDir = dataDir;
    this.generation = generation;
    this.size = size;
    this.created = size > 0;
  }

  get bytes(): number {
    return this.size;
  }

  async append(text: string): Promise<void> {
    if (!this.created) await mkdir(journalDir(this.dataDir), { recursive: true });
    const handle = await open(journalPath(this.dataDir, this.generation), 'a');
    try {
      await handle.write(text);
      await handle.datasync();
    } catch (error) {
      await handle.truncate(this.size).catch(() => {});
      throw error;
    } finally {
      await handle.close();
    }
    this.size += Buffer.byteLength(text);
    if (!this.created) {
      // The new file's name must survive a power cut too.
      await syncFolder(journalDir(this.dataDir));
      this.created = true;
    }
  }
}

/** Delete journal files older than `generation` (folded into the snapshot). */
export async function deleteJournalsBefore(dataDir: string, generation: number): Promise<void> {
  const old = (await listJournals(dataDir)).filter((j) => j.generation < generation);
  await Promise.all(old.map((j) => unlink(j.path).catch(() => {})));
  if (old.length > 0) await syncFolder(journalDir(dataDir)).catch(() => {});
}
