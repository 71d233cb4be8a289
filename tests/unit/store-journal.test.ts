import { appendFile, copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKUP_DIR } from '../../electron/notebook/backups.ts';
import { STORE_FILE } from '../../electron/notebook/data-dir.ts';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { compactNotebook } from '../../electron/notebook/store/compaction.ts';
import { journalPath, listJournals } from '../../electron/notebook/store/journal.ts';
import { loadSnapshot } from '../../electron/notebook/store/load.ts';
import { readSnapshotHeader } from '../../electron/notebook/store/snapshot.ts';
import { openStore, openStoreReadOnly } from '../../electron/notebook/store.ts';
import { SCHEMA_VERSION, type Tag } from '../../shared/model.ts';
import { RESOURCES_DIR, tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();
const at = '2026-12-01T10:00:00.000Z';
const tag = (id: string, description = ''): Tag => ({
  id,
  name: id,
  color: 'blue',
  description,
  createdAt: at,
  updatedAt: at,
});

describe('the journal', () => {
  it('keeps every acknowledged edit across a crash: a reopened notebook replays its journal', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    store.change((data) => data.tags.push(tag('tag_a'), tag('tag_b')));
    store.change((data, touch) => {
      data.tags[0]!.description = 'edited in place';
      touch('tags', data.tags[0]!);
    });
    store.change((data) => {
      data.tags = data.tags.filter((t) => t.id !== 'tag_b');
    });
    await store.flush();
    // A crash: the process ends without closing. The snapshot never saw these changes.
    expect((await loadSnapshot(join(dir, STORE_FILE))).kind).toBe('read');
    const snapshot = JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8'));
    expect(snapshot.tags).toEqual([]);
    await rmLock(dir);
    const reopened = await openStore(dir);
    expect(reopened.data.tags).toEqual([{ ...tag('tag_a'), description: 'edited in place' }]);
    expect(reopened.recovery).toBeNull();
    await reopened.close();
    // Closing folds the journal into the snapshot.
    expect(await listJournals(dir)).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, STORE_FILE), 'utf8')).tags).toHaveLength(1);
  });

  it('after a crash, closes only once its start-up backup is whole: nothing half-copied is left', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    store.change((data) => data.tags.push(tag('tag_a')));
    await store.flush();
    await rmLock(dir);
    // Reopened with a journal to fold, then closed at once: the backup of the start is made
    // after the fold, in the background, and the close must wait for it.
    const reopened = await openStore(dir);
    await reopened.close();
    const backups = await readdir(join(dir, BACKUP_DIR));
    expect(backups.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const newest = backups
      .filter((n) => n.startsWith('notebook-'))
      .sort()
      .at(-1)!;
    expect(JSON.parse(await readFile(join(dir, BACKUP_DIR, newest), 'utf8')).tags).toHaveLength(1);
  });

  it('sets a torn end aside, says so, and keeps every whole entry', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    store.change((data) => data.tags.push(tag('tag_saved')));
    await store.flush();
    const [journal] = await listJournals(dir);
    // A crash in the middle of the next append: half a line, never acknowledged.
    await appendFile(journal!.path, '{"seq":99,"ops":[{"put":"tags","record":{"id":"tag_ha');
    await rmLock(dir);

    const reopened = await openStore(dir);
    expect(reopened.data.tags.map((t) => t.id)).toEqual(['tag_saved']);
    expect(reopened.recovery?.message).toMatch(/half written/);
    const keptAs = reopened.recovery!.keptAs;
    expect(await readFile(keptAs, 'utf8')).toContain('"tag_ha');
    // Editing goes on after the whole lines, and everything survives another reopening.
    reopened.change((data) => data.tags.push(tag('tag_after')));
    await reopened.close();
    const again = await openStore(dir);
    expect(again.data.tags.map((t) => t.id)).toEqual(['tag_saved', 'tag_after']);
    expect(again.recovery).toBeNull();
    await again.close();
  });

  it('sets a damaged line aside and validates what the journal brings in', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    store.change((data) => data.tags.push(tag('tag_one')));
    await store.flush();
    const [journal] = await listJournals(dir);
    await appendFile(
      journal!.path,
      'not json at all\n' +
        `${JSON.stringify({ seq: 50, ops: [{ put: 'tags', record: { id: 'tag_bad', color: 'ultraviolet' } }] })}\n` +
        `${JSON.stringify({ seq: 51, ops: [{ put: 'tags', record: tag('tag_two') }] })}\n`,
    );
    await rmLock(dir);
    const reopened = await openStore(dir);
    expect(reopened.data.tags.map((t) => t.id)).toEqual(['tag_one', 'tag_two']);
    expect(reopened.data.quarantine.map((q) => q.id)).toEqual(['tag_bad']);
    expect(reopened.recovery?.message).toMatch(/damaged lines/);
    expect(await readFile(reopened.recovery!.keptAs, 'utf8')).toContain('not json at all');
    await reopened.close();
  });

  it('lets a reader see every acknowledged edit while the app holds the notebook', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    for (let i = 0; i < 20; i++) store.change((data) => data.tags.push(tag(`tag_${i}`)));
    await store.flush();
    await store.compact();
    store.change((data) => data.tags.push(tag('tag_after_compaction')));
    await store.flush();
    const reader = await openStoreReadOnly(dir);
    expect(reader.data.tags).toHaveLength(21);
    expect(() => reader.change(() => {})).toThrow(/read-only/);
    await store.close();
  });

  it.each([2, 3, 4, 5, 6])(
    'opens a schema %i notebook: kept in backups/ as it was, then rewritten as a snapshot',
    async (version) => {
      const dir = await tempDir();
      const v2 = resolve(`tests/fixtures/store/notebook-v${version}.json`);
      await copyFile(v2, join(dir, STORE_FILE));
      const original = await readFile(v2, 'utf8');
      const store = await openStore(dir);
      expect(store.data.schemaVersion).toBe(SCHEMA_VERSION);
      const before = JSON.parse(original);
      expect(store.data.annotations).toEqual(before.annotations);
      expect(store.data.documents.map((d) => d.id)).toEqual(before.documents.map((d: Tag) => d.id));
      await store.close();
      const kept = (await readdir(join(dir, BACKUP_DIR))).find((n) =>
        n.startsWith(`pre-migration-v${version}-`),
      );
      expect(await readFile(join(dir, BACKUP_DIR, kept!), 'utf8')).toBe(original);
      const load = await loadSnapshot(join(dir, STORE_FILE));
      expect(load).toMatchObject({ kind: 'read', sealed: true });
    },
  );

  it('reads a snapshot someone edited by hand the slow way, validating each record', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    store.change((data) => data.tags.push(tag('tag_x'), tag('tag_y')));
    await store.close();
    const path = join(dir, STORE_FILE);
    const text = await readFile(path, 'utf8');
    // Valid JSON still, but the seal no longer matches, and one record is now wrong.
    await writeFile(
      path,
      text.replace(
        '"id":"tag_y","name":"tag_y","color":"blue"',
        '"id":"tag_y","name":"tag_y","color":"puce"',
      ),
    );
    const reopened = await openStore(dir);
    expect(reopened.data.tags.map((t) => t.id)).toEqual(['tag_x']);
    expect(reopened.quarantined.map((q) => q.id)).toEqual(['tag_y']);
    await reopened.close();
    expect(await loadSnapshot(path)).toMatchObject({ kind: 'read', sealed: true });
  });

  it('reads back records longer than a read or a decoding piece, and multi-byte text at every cut', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    // Lines are read a megabyte at a time and decoded in pieces of about 48 KB cut at line ends:
    // a 2.4 MB record (over three reads), and many short ones full of two-, three- and four-byte
    // characters, cross the cuts at every offset.
    const long = tag('tag_long', 'Kābul “quoted” 東京 😀 '.repeat(60_000));
    const short = Array.from({ length: 3000 }, (_, i) =>
      tag(`tag_${i}`, `${'Łódź—Zürich ’ 東 😀'.repeat(i % 17)}${i}`),
    );
    store.change((data) => data.tags.push(...short.slice(0, 1500), long, ...short.slice(1500)));
    await store.close();
    const load = await loadSnapshot(join(dir, STORE_FILE));
    expect(load).toMatchObject({ kind: 'read', sealed: true });
    if (load.kind !== 'read') return;
    expect(load.data.tags).toEqual([...short.slice(0, 1500), long, ...short.slice(1500)]);
  });

  it('never loses a change made while a compaction runs, and the notebook keeps working', async () => {
    const dir = await tempDir();
    const notebook = await openNotebook({
      dataDir: dir,
      resourcesDir: RESOURCES_DIR,
      store: {
        compactAfterBytes: 1,
        compactionWorker: resolve('electron/notebook/store/compact-worker.ts'),
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const tag = await notebook.handlers.createTag({ name: `topic ${i}`, color: 'green' });
      ids.push(tag.id);
    }
    await notebook.close();
    const header = await readSnapshotHeader(join(dir, STORE_FILE));
    expect(header!.generation).toBeGreaterThan(2); // compacted several times on the way
    const reader = await openStoreReadOnly(dir);
    expect(reader.data.tags.map((t) => t.id).sort()).toEqual(ids.sort());
    expect(await readdir(join(dir, 'journal'))).toEqual([]);
  });
});

describe('copies of the notebook', () => {
  it('a restore keeps a safety copy holding every change, also those still in the journal', async () => {
    const dir = await tempDir();
    const notebook = await openNotebook({ dataDir: dir, resourcesDir: RESOURCES_DIR });
    const made = await notebook.handlers.createTag({ name: 'made just now', color: 'pink' });
    await notebook.store.flush();
    await notebook.restores.apply(structuredClone(notebook.store.data), 'replace');
    const copy = (await readdir(join(dir, BACKUP_DIR))).find((n) => n.startsWith('pre-restore-'));
    const kept = await loadSnapshot(join(dir, BACKUP_DIR, copy!));
    expect(kept.kind === 'read' && kept.data.tags.map((t) => t.id)).toContain(made.id);
    await notebook.close();
  });

  it('every rolling backup is a whole notebook on its own', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, { backupIntervalMs: 0 });
    store.change((data) => data.tags.push(tag('tag_in_backup')));
    await store.flush();
    await store.compact();
    await store.close();
    for (const name of await readdir(join(dir, BACKUP_DIR))) {
      const load = await loadSnapshot(join(dir, BACKUP_DIR, name));
      expect(load).toMatchObject({ kind: 'read', sealed: true });
    }
    const [newest] = (await readdir(join(dir, BACKUP_DIR))).sort().reverse();
    const load = await loadSnapshot(join(dir, BACKUP_DIR, newest!));
    expect(load.kind === 'read' && load.data.tags.map((t) => t.id)).toEqual(['tag_in_backup']);
  });
});

/** Random changes through the store; compaction and a reopening both give memory exactly. */
describe('compaction equals replay', () => {
  type Step =
    | { kind: 'add'; id: number }
    | { kind: 'edit'; id: number; text: string }
    | { kind: 'delete'; id: number }
    | { kind: 'reverse' }
    | { kind: 'compact' };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), id: fc.integer({ min: 0, max: 15 }) }),
    fc.record({
      kind: fc.constant('edit' as const),
      id: fc.integer({ min: 0, max: 15 }),
      text: fc.string({ maxLength: 12 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 15 }) }),
    fc.constant({ kind: 'reverse' as const }),
    fc.constant({ kind: 'compact' as const }),
  );

  it('gives the notebook in memory, in order, after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const dir = await tempDir();
        const store = await openStore(dir, { verifyJournal: true });
        for (const s of steps) {
          if (s.kind === 'compact') {
            await store.compact();
            continue;
          }
          store.change((data, touch) => {
            const id = `tag_${'id' in s ? s.id : 0}`;
            const existing = data.tags.find((t) => t.id === id);
            if (s.kind === 'add' && !existing) data.tags.push(tag(id));
            if (s.kind === 'edit' && existing) {
              existing.description = s.text;
              touch('tags', existing);
            }
            if (s.kind === 'delete') data.tags = data.tags.filter((t) => t.id !== id);
            if (s.kind === 'reverse') data.tags.reverse();
          });
        }
        await store.flush();
        const expected = structuredClone(store.data.tags);
        const header = await readSnapshotHeader(join(dir, STORE_FILE));
        // Fold whatever is in the journal now, as the worker would, and compare.
        const journals = await listJournals(dir);
        const upTo = (journals.at(-1)?.generation ?? header!.generation) + 1;
        await compactNotebook(dir, upTo);
        const folded = await loadSnapshot(join(dir, STORE_FILE));
        expect(folded.kind === 'read' && folded.data.tags).toEqual(expected);
        expect(folded).toMatchObject({ sealed: true });
        await store.close({ force: true });
      }),
      { numRuns: 40 },
    );
  });
});

async function rmLock(dir: string) {
  // What a crashed process leaves: its lock, which the next open takes over (a dead holder).
  const { rm } = await import('node:fs/promises');
  await rm(join(dir, 'notebook.lock'), { force: true });
}

void journalPath;
