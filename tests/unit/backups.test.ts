import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_DIR,
  backupStore,
  backupsToKeep,
  backupTime,
  describeBackups,
  listBackups,
  stamp,
} from '../../electron/notebook/backups.ts';
import { openStore } from '../../electron/notebook/store.ts';
import { tempDirs } from './temp-dir.ts';

const at = (iso: string) => `/data/backups/notebook-${stamp(new Date(iso))}.json`;

describe('backup retention', () => {
  it('reads the time a backup was taken from its name', () => {
    expect(backupTime(at('2026-11-24T09:15:02.567Z'))?.toISOString()).toBe(
      '2026-11-24T09:15:02.567Z',
    );
    expect(backupTime('/data/backups/notes.json')).toBeNull();
  });

  it('keeps the newest ten and the newest of each of the last seven days', () => {
    const now = new Date('2026-11-24T12:00:00.000Z');
    // Twelve backups this morning, then two a day for the ten days before.
    const today = Array.from({ length: 12 }, (_, i) =>
      at(`2026-11-24T${String(11 - i).padStart(2, '0')}:00:00.000Z`),
    );
    const earlier = Array.from({ length: 10 }, (_, d) => [
      at(`2026-11-${String(23 - d).padStart(2, '0')}T18:00:00.000Z`),
      at(`2026-11-${String(23 - d).padStart(2, '0')}T08:00:00.000Z`),
    ]).flat();
    const all = [...today, ...earlier]; // newest first
    const kept = backupsToKeep(all, now);
    expect([...kept].filter((p) => today.includes(p))).toEqual(today.slice(0, 10));
    // One per day (the evening's) for the days within a week; none older.
    const daily = [...kept].filter((p) => !today.includes(p));
    expect(daily).toEqual(
      ['23', '22', '21', '20', '19', '18', '17'].map((d) => at(`2026-11-${d}T18:00:00.000Z`)),
    );
  });

  it('never drops the newest backups, whatever their names say', () => {
    const odd = ['/b/notebook-x.json', '/b/notebook-y.json'];
    expect([...backupsToKeep(odd, new Date())]).toEqual(odd);
  });
});

describe('backup copies', () => {
  const tempDir = tempDirs();

  it('are made whole under their name, and what an interrupted copy left is removed at open', async () => {
    const dir = await tempDir();
    const store = await openStore(dir);
    store.change((data) => {
      data.meta.seeded = true;
    });
    await store.close();
    // A copy a crash cut short: a hidden temp file in backups/, never a backup's name.
    const backups = join(dir, BACKUP_DIR);
    const torn = `.notebook-${stamp(new Date())}.json.4242.tmp`;
    await writeFile(join(backups, torn), '{"schemaVersion":');
    expect(await listBackups(dir)).not.toContain(join(backups, torn));
    expect((await describeBackups(dir)).map((b) => b.name)).not.toContain(torn);

    const reopened = await openStore(dir);
    const names = await readdir(backups);
    expect(names).not.toContain(torn);
    // Everything left under a backup's name reads whole, and no temp file is left beside them.
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
    for (const path of await listBackups(dir)) {
      expect(JSON.parse(await readFile(path, 'utf8'))).toHaveProperty('schemaVersion');
    }
    await reopened.close();
  });
});

describe('a rolling backup', () => {
  const tempDir = tempDirs();

  it('is not taken again when the notebook is byte for byte the newest backup, and is when one byte differs', async () => {
    const dir = await tempDir();
    const store = join(dir, 'notebook.json');
    // Over two of the chunks the comparison reads, differing only in the last byte.
    const body = 'x'.repeat(2 * (1 << 20) + 17);
    await writeFile(store, `${body}a`);
    const first = await backupStore(store, dir, new Date('2026-12-01T10:00:00.000Z'));
    const again = await backupStore(store, dir, new Date('2026-12-01T10:10:00.000Z'));
    expect(again).toBe(first);
    await writeFile(store, `${body}b`);
    const changed = await backupStore(store, dir, new Date('2026-12-01T10:20:00.000Z'));
    expect(changed).not.toBe(first);
    expect(await listBackups(dir)).toEqual([changed, first]);
  });
});
