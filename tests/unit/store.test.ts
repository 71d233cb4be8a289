import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BACKUP_DIR, listBackups } from '../../electron/notebook/backups.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { JOURNAL_DIR, JournalFile, listJournals } from '../../electron/notebook/store/journal.ts';
import { openStore, openStoreReadOnly } from '../../electron/notebook/store.ts';
import { SCHEMA_VERSION, type StoreData } from '../../shared/model.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
const readStoreFile = async (dir: string) =>
  JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as StoreData;

describe('store', () => {
  it('creates a version 1 store file with the sample article on first run', async () => {
    const dir = await tempDir();
    const notebook = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    await notebook.close();
    const data = await readStoreFile(dir);
    expect(data.schemaVersion).toBe(SCHEMA_VERSION);
    expect(data.meta.seeded).toBe(true);
    expect(data.documents).toHaveLength(1);
    const [doc] = data.documents;
    expect(doc).toMatchObject({ seed: true, publishedDate: '2025-09-21' });
    expect(doc!.title).toContain('Bagram');
    expect(doc!.source).not.toBe('');
    expect(doc!.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc!.text).toContain('we are ready to fight you for the next 20 years');
    expect(doc!.blocks.length).toBe(doc!.text.split('\n').length);
    for (const block of doc!.blocks)
      expect(doc!.text.slice(block.start, block.end).trim()).not.toBe('');
  });

  it('keeps the sample article deleted across restarts', async () => {
    const dir = await tempDir();
    let notebook = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    const [doc] = await notebook.handlers.listDocuments({});
    await notebook.handlers.deleteDocument({ id: doc!.id });
    await notebook.close();
    notebook = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    expect(await notebook.handlers.listDocuments({})).toEqual([]);
    await notebook.close();
    expect((await readStoreFile(dir)).documents).toEqual([]);
  });

  it('journals a burst of changes in one append, and folds them into the snapshot on close', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { writeDelayMs: 10_000 });
    const appends = vi.spyOn(JournalFile.prototype, 'append'); // counts; the real append runs
    for (let i = 0; i < 50; i++) {
      store.change((data) => {
        data.tags.push({
          id: `tag_${i}`,
          name: `t${i}`,
          color: 'blue',
          description: '',
          createdAt: new Date().toISOString(),
        });
      });
    }
    await store.flush();
    expect(appends).toHaveBeenCalledTimes(1);
    appends.mockRestore();
    // The snapshot is untouched; the journal beside it holds the changes, and a reader of the
    // notebook (the command line) sees them.
    expect((await readStoreFile(dir)).tags).toHaveLength(0);
    expect((await openStoreReadOnly(dir)).data.tags).toHaveLength(50);
    await store.close();
    expect((await readStoreFile(dir)).tags).toHaveLength(50);
    expect(await listJournals(dir)).toEqual([]);
  });

  it('writes to disk bytes in proportion to the change, not to the notebook', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    const at = new Date().toISOString();
    store.change((data) => {
      data.documents.push({
        id: 'doc_big',
        title: 'Big',
        author: '',
        source: '',
        url: '',
        publishedDate: '',
        importedAt: at,
        updatedAt: at,
        contentHash: 'sha256:x',
        text: 'word '.repeat(200_000),
        blocks: [],
        marks: [],
      });
      for (let i = 0; i < 2000; i++)
        data.tags.push({
          id: `tag_${i}`,
          name: `t${i}`,
          color: 'blue',
          description: '',
          createdAt: at,
        });
    });
    await store.flush();
    const sizeOf = async () => {
      const [journal] = await listJournals(dir);
      return (await stat(journal!.path)).size;
    };
    const before = await sizeOf();
    store.change((data, touch) => {
      const t = data.tags[1000]!;
      t.description = 'one small edit';
      touch('tags', t);
    });
    await store.flush();
    expect((await sizeOf()) - before).toBeLessThan(400);
    await store.close();
    const reopened = await openStore(dir);
    expect(reopened.data.tags[1000]!.description).toBe('one small edit');
    await reopened.close();
  });

  it('writes durably through a temp file and leaves no temp file behind', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { writeDelayMs: 0 });
    store.change((data) => {
      data.meta.seeded = true;
    });
    await store.flush();
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });

  it('refuses a second opener of the same store while the first holds it', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    await expect(openStore(dir)).rejects.toThrow(/open in another Marginalia process/);
    await first.close();
    const second = await openStore(dir);
    await second.close();
  });

  it('takes over a lock left by a process that no longer runs, or not refreshed for minutes', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'notebook.lock');
    await writeFile(lock, JSON.stringify({ pid: 999_999_999, host: hostname() }));
    await (await openStore(dir)).close();

    // A live pid (ours) but a heartbeat long gone: the pid was reused after a crash.
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(lock, old, old);
    const store = await openStore(dir);
    await store.close();
    expect(existsSync(lock)).toBe(false);
  });

  it('names the lock file when it refuses to open', async () => {
    const dir = await tempDir();
    // Another live process (pid 1 always runs) that took the lock since the machine started.
    await writeFile(
      join(dir, 'notebook.lock'),
      JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString() }),
    );
    await expect(openStore(dir)).rejects.toThrow(join(dir, 'notebook.lock'));
  });

  it('refuses a second opener in the same process, however the folder is spelled', async () => {
    const dir = await tempDir();
    const first = await openStore(dir);
    await expect(openStore(dir)).rejects.toThrow(/open in another Marginalia process/);
    const alias = `${dir}-alias`;
    await symlink(dir, alias);
    await expect(openStore(alias)).rejects.toThrow(/open in another Marginalia process/);
    await rm(alias);
    await first.close();
  });

  it('takes over a lock naming this process that it does not hold, or one from before the machine started', async () => {
    const dir = await tempDir();
    const lock = join(dir, 'notebook.lock');
    // A crashed app whose pid this process got (containers reuse the same pids).
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: hostname() }));
    await (await openStore(dir)).close();
    // pid 1 runs, but the lock was taken before the last boot: its holder is long gone.
    const beforeBoot = new Date(Date.now() - (uptime() + 60) * 1000).toISOString();
    await writeFile(lock, JSON.stringify({ pid: 1, host: hostname(), since: beforeBoot }));
    await (await openStore(dir)).close();
    expect(existsSync(lock)).toBe(false);
  });

  it('removes temp files left by writes a crash interrupted', async () => {
    const dir = await tempDir();
    await (await openStore(dir)).close();
    const left = join(dir, '.notebook.json.4242.tmp');
    await writeFile(left, '{"half a notebo');
    const other = join(dir, 'notes.tmp');
    await writeFile(other, 'not ours');
    await (await openStore(dir)).close();
    expect(existsSync(left)).toBe(false);
    expect(existsSync(other)).toBe(true);
  });

  it('keeps ten rolling backups of distinct states, pruning the oldest', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 12; i++) {
      const store = await openStore(dir, { writeDelayMs: 0 });
      store.change((data) => {
        data.tags.push({
          id: `tag_${i}`,
          name: `t${i}`,
          color: 'blue',
          description: '',
          createdAt: new Date().toISOString(),
        });
      });
      await store.close();
      await new Promise((r) => setTimeout(r, 3)); // distinct time stamps
    }
    const backups = await listBackups(dir); // newest first
    expect(backups).toHaveLength(10);
    const tagCounts = await Promise.all(
      backups.map(async (b) => (JSON.parse(await readFile(b, 'utf8')) as StoreData).tags.length),
    );
    // Each clean close backed up its final state (the next start's copy of it was skipped as
    // identical); the two oldest states were pruned.
    expect(tagCounts).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
  });

  it('skips a backup identical to the newest one', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 3; i++) await (await openStore(dir)).close();
    expect(await readdir(join(dir, BACKUP_DIR))).toHaveLength(1);
  });
});

describe('store write failures', () => {
  const tag = (id: string) => ({
    id,
    name: id,
    color: 'blue' as const,
    description: '',
    createdAt: new Date().toISOString(),
  });

  /** Put a file where the journal folder goes, so appending to the journal fails. */
  async function blockStoreFile(dir: string) {
    const path = join(dir, JOURNAL_DIR);
    await rm(path, { recursive: true, force: true });
    await writeFile(path, 'in the way');
    return () => rm(path);
  }

  it('keeps changes when a write fails, says so, and saves them once writing works again', async () => {
    const dir = await tempDir();
    const errors: unknown[] = [];
    let recovered = 0;
    const store = await openStore(dir, {
      writeDelayMs: 0,
      onWriteError: (e) => errors.push(e),
      onWriteRecovered: () => recovered++,
    });
    const unblock = await blockStoreFile(dir);
    store.change((data) => data.tags.push(tag('tag_a')));
    await store.flush();
    expect(errors).toHaveLength(1);
    expect(store.data.tags.map((t) => t.id)).toEqual(['tag_a']);

    // A clean close is refused while the change is unsaved, and the lock is kept.
    await expect(store.close()).rejects.toThrow(/could not be saved/);
    expect(existsSync(join(dir, 'notebook.lock'))).toBe(true);

    await unblock();
    await store.close();
    expect(recovered).toBe(1);
    expect((await readStoreFile(dir)).tags.map((t) => t.id)).toEqual(['tag_a']);
    expect(existsSync(join(dir, 'notebook.lock'))).toBe(false);
  });

  it('retries a failed write by itself', async () => {
    const dir = await tempDir();
    let recovered = 0;
    const store = await openStore(dir, { writeDelayMs: 0, onWriteRecovered: () => recovered++ });
    const unblock = await blockStoreFile(dir);
    store.change((data) => data.tags.push(tag('tag_b')));
    await store.flush();
    await unblock();
    await expect.poll(() => recovered, { timeout: 3000 }).toBe(1);
    // In the journal, where a reader of the notebook finds it.
    const reader = await openStoreReadOnly(dir);
    expect(reader.data.tags.map((t) => t.id)).toEqual(['tag_b']);
    await store.close();
  });

  it('closes when forced, releasing the lock', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { writeDelayMs: 0 });
    await blockStoreFile(dir);
    store.change((data) => data.tags.push(tag('tag_c')));
    await store.close({ force: true });
    expect(existsSync(join(dir, 'notebook.lock'))).toBe(false);
  });
});

describe('store recovery', () => {
  async function notebookWithOneTag(dir: string) {
    const store = await openStore(dir, { writeDelayMs: 0 });
    store.change((data) => {
      data.tags.push({
        id: 'tag_keep',
        name: 'keep',
        color: 'green',
        description: '',
        createdAt: new Date().toISOString(),
      });
    });
    await store.close();
    // A backup that holds the tag (each open backs up the store as it was read).
    const reopened = await openStore(dir);
    await reopened.close();
  }

  it.each([
    ['truncated JSON', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['an empty file', () => ''],
    ['JSON null', () => 'null'],
    ['the wrong shape', () => JSON.stringify({ schemaVersion: 1, documents: 'nope' })],
  ])(
    'recovers from %s: keeps the bad file and restores the newest good backup',
    async (_label, damage) => {
      const dir = await tempDir();
      await notebookWithOneTag(dir);
      const path = join(dir, STORE_FILE);
      const damaged = damage(await readFile(path, 'utf8'));
      await writeFile(path, damaged);

      const store = await openStore(dir);
      expect(store.recovery).not.toBeNull();
      expect(store.recovery!.message).toMatch(/could not be read/);
      expect(store.recovery!.restoredFrom).toContain(BACKUP_DIR);
      expect(store.data.tags.map((t) => t.id)).toEqual(['tag_keep']);
      // The damaged file is kept, byte for byte, for the user to inspect.
      expect(await readFile(store.recovery!.keptAs, 'utf8')).toBe(damaged);
      await store.close();
      expect((await readStoreFile(dir)).tags.map((t) => t.id)).toEqual(['tag_keep']);
    },
  );

  it('starts empty and says so when no backup is readable', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, STORE_FILE), '{"schemaVersion": 1, "documents": [');
    const store = await openStore(dir);
    expect(store.recovery?.restoredFrom).toBeNull();
    expect(store.recovery?.message).toMatch(/no readable backup/);
    expect(store.data.documents).toEqual([]);
    await store.close();
    expect(await listBackups(dir)).toHaveLength(1);
  });

  it('refuses a store written by a newer version and leaves it untouched', async () => {
    const dir = await tempDir();
    const future = JSON.stringify({
      schemaVersion: SCHEMA_VERSION + 1,
      documents: [],
      whatever: true,
    });
    await writeFile(join(dir, STORE_FILE), future);
    await expect(openStore(dir)).rejects.toThrow(/newer Marginalia/);
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe(future);
    // The lock was released: a later open (after an update) is possible.
    await expect(readdir(dir)).resolves.not.toContain('notebook.lock');
  });
});
