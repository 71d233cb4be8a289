import { readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../electron/notebook/search/search-cache.ts';
import { createSearchService } from '../../electron/notebook/search/search-service.ts';
import type { Store } from '../../electron/notebook/store.ts';
import { buildStore } from '../../scripts/crash-test/fixture.ts';
import type { NotebookEvent } from '../../shared/contract.ts';
import type { StoreData } from '../../shared/model.ts';
import type { SearchResults } from '../../shared/search/types.ts';
import { tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();

/**
 * The search service over plain data in a folder: what it needs of a store is its data and its
 * folder, and change events, which `changed` sends as the services do.
 */
function notebook(
  data: StoreData,
  dataDir: string,
  options: { writeCache?: boolean; cacheFrom?: number } = {},
) {
  const listeners = new Set<(event: NotebookEvent) => void>();
  const store = { data, dataDir } as unknown as Store;
  const service = createSearchService(
    store,
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    { cacheFrom: 0, ...options },
  );
  const changed = (...entities: ('documents' | 'annotations' | 'tags' | 'notes')[]) => {
    for (const listener of listeners) listener({ type: 'changed', entities });
  };
  return { service, changed };
}

const QUERIES = [
  'convoy',
  'convoi',
  'treaty ceasefire',
  'minis',
  'kabul',
  'herat',
  '"withdrawal agreement"',
  'envoy -council',
  'tag:category',
  'is:note security',
  'is:commented',
  'color:yellow airfield',
  'doc:fixture delegation',
  'fixture note 17',
  'topic',
];

/**
 * Every query's total and hits, scores included. `exact`: the best 30 in their order, for the
 * same items in the same order as the other side. Otherwise every hit as a set, and for queries
 * of several words (whose best hundred are re-ranked) only the total: an item indexed again goes
 * to the end, so between items of equal score the order, and where the best 30 or 100 stop, may
 * differ from a fresh build of the data as it now is.
 */
async function answers(service: ReturnType<typeof createSearchService>, exact = true) {
  const out: Record<string, { total: number; hits: string[] }> = {};
  for (const query of QUERIES) {
    const limit = exact ? 30 : 100_000;
    const result = (await service.handlers.search({ query, limit })) as SearchResults;
    const hits = result.hits.map((h) => JSON.stringify({ ...h, score: h.score.toFixed(9) }));
    const words = query.split(' ').filter((w) => !w.includes(':') && !w.startsWith('-'));
    out[query] = {
      total: result.total,
      hits: exact ? hits : words.length > 1 && !query.startsWith('"') ? [] : hits.sort(),
    };
  }
  return out;
}

/** What a fresh build (no cache) answers for the same data. */
async function fresh(data: StoreData, dir: string, exact = true) {
  const { service } = notebook(data, dir, { writeCache: false });
  service.ready();
  expect(service.stats.fromCache).toBe(false);
  return answers(service, exact);
}

/** Open, answer, close (writing the cache). */
async function firstSession(data: StoreData, dir: string) {
  const { service } = notebook(data, dir);
  service.buildInBackground();
  const before = await answers(service);
  expect(service.stats.fromCache).toBe(false);
  await service.close();
  return before;
}

describe('the index cache beside the notebook', () => {
  it('written at close and read at the next start, answers exactly as a fresh build', async () => {
    const dir = await tempDir();
    const data = buildStore(1500, 7);
    const before = await firstSession(data, dir);
    expect((await stat(join(dir, CACHE_FILE))).size).toBeGreaterThan(0);
    // Written through a temp file that is gone once the cache is in place.
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const { service } = notebook(data, dir);
    service.buildInBackground();
    const after = await answers(service);
    expect(service.stats).toMatchObject({
      fromCache: true,
      reindexed: 0,
      dropped: 0,
      reused:
        data.tags.length + data.annotations.length + data.notes.length + data.documents.length,
    });
    expect(after).toEqual(before);
    expect(after).toEqual(await fresh(data, await tempDir()));
    expect(after.convoy!.total).toBeGreaterThan(100);
    await service.close();
  });

  it('a search before the cache is read waits for it; ready() reads it at once', async () => {
    const dir = await tempDir();
    const data = buildStore(600, 3);
    const expected = await firstSession(data, dir);
    // No await between starting and searching: the answer waits for the cache, complete.
    const first = notebook(data, dir).service;
    first.buildInBackground();
    const pending = first.handlers.search({ query: 'convoy', limit: 30 });
    expect(pending).toBeInstanceOf(Promise);
    expect(((await pending) as SearchResults).total).toBe(expected.convoy!.total);
    expect(first.stats.fromCache).toBe(true);
    // The command line: ready() brings it all up to date synchronously, from the cache.
    const second = notebook(data, dir).service;
    second.buildInBackground();
    second.ready();
    expect(second.stats.fromCache).toBe(true);
    expect(await answers(second)).toEqual(expected);
  });

  it('edits made while it was not running are found: what changed is indexed again', async () => {
    const dir = await tempDir();
    const data = buildStore(1500, 11);
    await firstSession(data, dir);

    // Edited behind the cache's back, as a restore or another program might: same length and
    // same updatedAt, so only the text tells.
    const quote = data.annotations[5]!;
    const exact = quote.target.quote!.exact;
    quote.target.quote = {
      ...quote.target.quote!,
      exact: `${'zephyrine'.slice(0, exact.length)}${exact.slice(9)}`,
    };
    data.annotations[40]!.comment = 'a comment about the quagmire';
    // A renamed tag changes the words of every quote and note that carries it.
    const tag = data.tags.find((t) => data.annotations.some((a) => a.tagIds.includes(t.id)))!;
    tag.name = 'renamedcategory/flibbertigibbet';
    const holders = [...data.annotations, ...data.notes].filter((e) =>
      e.tagIds.includes(tag.id),
    ).length;
    // A deleted tag: what carried it loses its name.
    const deletedTag = data.tags.find(
      (t) => t !== tag && data.notes.some((n) => n.tagIds.includes(t.id)),
    )!;
    data.tags = data.tags.filter((t) => t !== deletedTag);
    const goneNote = data.notes.splice(3, 1)[0]!;
    data.notes.push({ ...data.notes[0]!, id: 'note_new', title: 'Palimpsest', body: 'A new note' });
    data.documents[0]!.title = 'Retitled gazetteer';

    const { service } = notebook(data, dir);
    service.buildInBackground();
    const after = await answers(service, false);
    expect(service.stats.fromCache).toBe(true);
    // The quote, the comment, the tag and its holders, the new note, the document; the gone
    // tag's holders are indexed again too (they are counted among the re-indexed, not dropped).
    expect(service.stats.reindexed).toBeGreaterThanOrEqual(6 + holders);
    expect(service.stats.dropped).toBe(2);
    expect(after).toEqual(await fresh(data, await tempDir(), false));

    const ids = async (query: string) =>
      ((await service.handlers.search({ query, limit: 50 })) as SearchResults).hits.map(
        (h) => `${h.kind}:${h.id}`,
      );
    expect(await ids('zephyrine')).toContain(`quote:${quote.id}`);
    expect(await ids('quagmire')).toEqual([`quote:${data.annotations[40]!.id}`]);
    expect((await ids('flibbertigibbet')).length).toBe(1 + holders);
    expect(await ids('palimpsest')).toEqual(['note:note_new']);
    expect(await ids('gazetteer')).toEqual([`document:${data.documents[0]!.id}`]);
    expect(await ids(`"${goneNote.title}"`)).not.toContain(`note:${goneNote.id}`);
    expect(await ids(deletedTag.name.split('/').pop()!)).not.toContain(`tag:${deletedTag.id}`);
    await service.close();
  });

  it('edits made while it runs are in the cache it writes at close', async () => {
    const dir = await tempDir();
    const data = buildStore(800, 5);
    await firstSession(data, dir);
    const { service, changed } = notebook(data, dir);
    service.buildInBackground();
    await service.handlers.search({ query: 'convoy', limit: 5 });
    const note = data.notes[2]!;
    note.body = 'Now about the zeppelin';
    note.updatedAt = new Date().toISOString();
    data.annotations.splice(0, 2);
    changed('notes', 'annotations');
    const during = await answers(service, false);
    await service.close();

    const next = notebook(data, dir).service;
    next.buildInBackground();
    expect(await answers(next, false)).toEqual(during);
    expect(await answers(next, false)).toEqual(await fresh(data, await tempDir(), false));
    expect(next.stats).toMatchObject({ fromCache: true, reindexed: 0, dropped: 0 });
    expect(
      ((await next.handlers.search({ query: 'zeppelin', limit: 5 })) as SearchResults).hits[0]?.id,
    ).toBe(note.id);
  });

  it('a truncated, damaged or foreign file is not used, and is replaced', async () => {
    const data = buildStore(600, 9);
    const expected = await fresh(data, await tempDir());
    const damage: Record<string, (path: string) => Promise<void>> = {
      truncated: async (path) => truncate(path, Math.floor((await stat(path)).size / 2)),
      'one byte changed': async (path) => {
        const bytes = await readFile(path);
        const at = Math.floor(bytes.length * 0.6);
        bytes[at] = bytes[at]! ^ 0x5a;
        await writeFile(path, bytes);
      },
      garbage: (path) => writeFile(path, Buffer.from('not an index at all, just some text\n')),
      empty: (path) => writeFile(path, ''),
      // Written by code that indexes otherwise (its fingerprint differs).
      'another version': async (path) => {
        const bytes = await readFile(path);
        bytes[12] = bytes[12]! ^ 1;
        await writeFile(path, bytes);
      },
    };
    for (const [what, spoil] of Object.entries(damage)) {
      const dir = await tempDir();
      await firstSession(data, dir);
      const path = join(dir, CACHE_FILE);
      await spoil(path);
      const { service } = notebook(data, dir);
      service.buildInBackground();
      expect(await answers(service), what).toEqual(expected);
      expect(service.stats.fromCache, what).toBe(false);
      await service.close();
      // Closing wrote a sound one in its place.
      const next = notebook(data, dir).service;
      next.buildInBackground();
      expect(await answers(next), what).toEqual(expected);
      expect(next.stats.fromCache, what).toBe(true);
    }
  });

  it('a small notebook, or one opened read-only, leaves its folder as it was', async () => {
    const dir = await tempDir();
    const data = buildStore(300, 4);
    const small = createSearchService({ data, dataDir: dir } as unknown as Store, () => () => {});
    small.buildInBackground();
    await answers(small);
    await small.saveCache();
    await small.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a temp file an interrupted write left is removed by the next write', async () => {
    const dir = await tempDir();
    const leftover = join(dir, `.${CACHE_FILE}.999999.3.tmp`);
    await writeFile(leftover, 'half a cache');
    await firstSession(buildStore(300, 8), dir);
    expect(await readdir(dir)).toEqual([CACHE_FILE]);
  });

  it('a notebook opened read-only reads the cache and never writes one', async () => {
    const dir = await tempDir();
    const data = buildStore(400, 2);
    const { service } = notebook(data, dir, { writeCache: false });
    service.buildInBackground();
    await answers(service);
    await service.saveCache();
    await service.close();
    expect(await readdir(dir)).toEqual([]);
  });
});
