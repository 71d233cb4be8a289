import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR } from '../../electron/notebook/backups.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { openStore } from '../../electron/notebook/store.ts';
import { codebookProblems } from '../../shared/codebook.ts';
import { SCHEMA_VERSION, type StoreData } from '../../shared/model.ts';
import { quarantineNotice } from '../../shared/quarantine.ts';
import { exportFixture } from '../fixtures/export/notebook.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
const V1_FILE = resolve('tests/fixtures/store/notebook-v1.json');

describe('schema migrations', () => {
  it('opens a version 1 file: backed up as it was, then lifted to the current version', async () => {
    const dir = await tempDir();
    await copyFile(V1_FILE, join(dir, STORE_FILE));
    const original = await readFile(V1_FILE, 'utf8');
    const store = await openStore(dir, { writeDelayMs: 0 });
    expect(store.data.schemaVersion).toBe(SCHEMA_VERSION);
    for (const d of store.data.documents) expect(d.updatedAt).toBe(d.importedAt);
    for (const t of store.data.tags) expect(t.updatedAt).toBe(t.createdAt);
    // Everything else is as it was.
    const v1 = JSON.parse(original) as StoreData;
    expect(store.data.annotations).toEqual(v1.annotations);
    expect(store.data.notes).toEqual(v1.notes);
    await store.close();

    const backups = await readdir(join(dir, BACKUP_DIR));
    const before = backups.find((n) => n.startsWith('pre-migration-v1-'));
    expect(before).toBeDefined();
    expect(await readFile(join(dir, BACKUP_DIR, before!), 'utf8')).toBe(original);
    const onDisk = JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')) as StoreData;
    expect(onDisk.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('refuses a file from a newer version and leaves it untouched', async () => {
    const dir = await tempDir();
    const newer = JSON.stringify({ ...exportFixture(), schemaVersion: SCHEMA_VERSION + 1 });
    await writeFile(join(dir, STORE_FILE), newer);
    await expect(openStore(dir)).rejects.toThrow(/newer Marginalia/);
    expect(await readFile(join(dir, STORE_FILE), 'utf8')).toBe(newer);
    expect(await readdir(dir)).toEqual([STORE_FILE]);
  });
});

describe('one bad record does not take the notebook down', () => {
  async function damaged(): Promise<{ dir: string; raw: string }> {
    const dir = await tempDir();
    const data = exportFixture() as unknown as Record<string, unknown[]>;
    const annotations = data.annotations as Record<string, unknown>[];
    const tags = data.tags as Record<string, unknown>[];
    // A highlight with a broken range, one whose document is gone, a repeated note id, a tag
    // with a bad colour that a quote still carries, and something that is not a record at all.
    (annotations[0]!.target as { position: { start: unknown } }).position.start = 'x';
    annotations[1]!.documentId = 'doc-gone';
    (annotations[1]!.target as { documentId: string }).documentId = 'doc-gone';
    data.notes!.push({ ...(data.notes![0] as object), title: 'A copy with the same id' });
    const dari = tags.find((t) => t.id === 'tag-dari')!;
    dari.color = 'ultraviolet';
    data.documents!.push(42);
    const raw = JSON.stringify(data);
    await writeFile(join(dir, STORE_FILE), raw);
    return { dir, raw };
  }

  it('sets bad records aside with the reason, keeps the rest, and keeps the file from before', async () => {
    const { dir, raw } = await damaged();
    const store = await openStore(dir, { writeDelayMs: 0 });
    const { data } = store;
    expect(data.documents.map((d) => d.id)).toEqual(['doc-bagram', 'doc-field']);
    expect(data.annotations.map((a) => a.id)).toEqual(['q-trump-talks', 'q-dari', 'q-emoji']);
    expect(data.notes.map((n) => n.title)).toEqual([
      'Defiance, in their own words',
      'Open questions, 🙂 & “others”',
    ]);
    expect(data.quarantine.map((q) => [q.collection, q.id])).toEqual([
      ['documents', null],
      ['annotations', 'q-mujahid'],
      ['annotations', 'q-fitrat'],
      ['tags', 'tag-dari'],
      ['notes', 'note-defiance'],
    ]);
    expect(data.quarantine[1]!.reason).toContain('target.position.start');
    expect(data.quarantine[2]!.reason).toContain('doc-gone is missing');
    // The set-aside records are kept exactly as they were.
    const original = JSON.parse(raw) as Record<string, unknown[]>;
    expect(data.quarantine[3]!.record).toEqual(
      (original.tags as { id: string }[]).find((t) => t.id === 'tag-dari'),
    );
    // Nothing points at a record that was set aside, and the codebook is sound.
    expect(data.annotations.find((a) => a.id === 'q-dari')!.tagIds).toEqual(['tag-afghan']);
    expect(codebookProblems(data)).toEqual([]);
    await store.close();

    const backups = await readdir(join(dir, BACKUP_DIR));
    const before = backups.find((n) => n.startsWith('pre-quarantine-'));
    expect(await readFile(join(dir, BACKUP_DIR, before!), 'utf8')).toBe(raw);
  });

  it('keeps the quarantine across restarts without adding to it, and tells the user', async () => {
    const { dir } = await damaged();
    const first = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR, seed: false });
    await first.close();
    const again = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR, seed: false });
    const info = await again.handlers.getInfo({});
    expect(info.quarantine).toHaveLength(5);
    expect(quarantineNotice(info.quarantine)).toMatch(
      /^1 document, 2 highlights, 1 tag, 1 note could not be read and were set aside/,
    );
    expect(await readdir(join(dir, BACKUP_DIR))).toHaveLength(
      (await readdir(join(dir, BACKUP_DIR))).filter((n) => !n.startsWith('pre-quarantine-'))
        .length + 1,
    );
    await again.close();
  });

  it('still recovers from a backup when the file is not a notebook at all', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, STORE_FILE), JSON.stringify({ documents: 'nope' }));
    const store = await openStore(dir);
    expect(store.recovery?.message).toMatch(/does not match the notebook format/);
    await store.close();
  });

  it('records what pointed at a set-aside tag, so it can be linked again', async () => {
    const { dir } = await damaged();
    const store = await openStore(dir);
    const tag = store.data.quarantine.find((q) => q.id === 'tag-dari')!;
    expect(tag.detached).toEqual({ annotations: ['q-dari'], notes: [] });
    await store.close();
  });

  it('keeps a record nested too deeply to write back without blocking later saves', async () => {
    const dir = await tempDir();
    const data = exportFixture();
    data.notes[0]!.body = '__DEEP__';
    // JSON.parse reads this nesting; JSON.stringify cannot write it back.
    const depth = 20_000;
    const raw = JSON.stringify(data).replace(
      '"__DEEP__"',
      `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`,
    );
    await writeFile(join(dir, STORE_FILE), raw);
    const store = await openStore(dir, { writeDelayMs: 0 });
    const entry = store.data.quarantine.find((q) => q.id === null || q.collection === 'notes')!;
    expect(entry.record).toMatch(/too deeply nested/);
    store.change((d) => {
      d.meta.seeded = true;
    });
    await store.close(); // the saves still work
    const copy = (await readdir(join(dir, BACKUP_DIR))).find((n) =>
      n.startsWith('pre-quarantine-'),
    )!;
    expect(await readFile(join(dir, BACKUP_DIR, copy), 'utf8')).toBe(raw);
  });

  it('keeps an earlier quarantine entry that no longer reads inside a new one', async () => {
    const dir = await tempDir();
    const data = { ...exportFixture(), quarantine: [{ collection: 'notes', record: 1 }] };
    await writeFile(join(dir, STORE_FILE), JSON.stringify(data));
    const store = await openStore(dir, { writeDelayMs: 0 });
    expect(store.data.quarantine).toEqual([
      expect.objectContaining({
        collection: 'quarantine',
        record: { collection: 'notes', record: 1 },
      }),
    ]);
    await store.close();
  });

  it('restores the newest backup, and says so, when the notebook file has gone missing', async () => {
    const dir = await tempDir();
    const first = await openStore(dir, { writeDelayMs: 0 });
    first.change((d) => {
      d.documents = exportFixture().documents;
    });
    await first.close();
    await rm(join(dir, STORE_FILE));
    const again = await openStore(dir);
    expect(again.data.documents.map((d) => d.id)).toEqual(['doc-bagram', 'doc-field']);
    expect(again.recovery?.message).toMatch(
      /^The notebook file was missing; the notebook was restored from the backup notebook-/,
    );
    await again.close();
  });
});
