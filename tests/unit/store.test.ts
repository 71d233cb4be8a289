import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR, listBackups } from '../../electron/notebook/backups.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { openStore } from '../../electron/notebook/store.ts';
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

  it('coalesces a burst of changes into one write, and flushes on close', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { writeDelayMs: 10_000 });
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
    // Nothing written yet: the burst waits for the coalescing window.
    expect((await readStoreFile(dir)).tags).toHaveLength(0);
    await store.close();
    expect((await readStoreFile(dir)).tags).toHaveLength(50);
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

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notebook.lock'), '999999999');
    const store = await openStore(dir);
    await store.close();
  });

  it('keeps rolling backups and prunes the oldest', async () => {
    const dir = await tempDir();
    for (let i = 0; i < 12; i++) {
      const store = await openStore(dir);
      await store.close();
      await new Promise((r) => setTimeout(r, 3)); // distinct timestamps
    }
    const backups = await readdir(join(dir, BACKUP_DIR));
    expect(backups).toHaveLength(10);
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
