import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notebook } from '../../electron/notebook/notebook.ts';
import { CACHE_FILE } from '../../electron/notebook/search/search-cache.ts';
import type { NotebookDocument } from '../../shared/model.ts';
import type { SearchResults } from '../../shared/search/types.ts';
import {
  highlight,
  labels,
  marked,
  openTestNotebook,
  search,
  seedDocument,
  tick,
} from './search-fixtures.ts';
import { tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();

const THREAT_QUOTE = 'we are ready to fight you for the next 20 years';
const INCH = 'even an inch';
const BAD_THINGS = 'bad things';

async function open(): Promise<{ notebook: Notebook; doc: NotebookDocument }> {
  const notebook = await openTestNotebook(await tempDir());
  return { notebook, doc: await seedDocument(notebook) };
}

/** kind:id of every hit. */
const ids = (results: SearchResults) => results.hits.map((h) => `${h.kind}:${h.id}`);

describe('the sample article, as the end-to-end test will use it', () => {
  it('fight 20 yers finds the threat first; tag:threat finds the three quotes and the tag', async () => {
    const { notebook, doc } = await open();
    const threat = await notebook.handlers.createTag({ name: 'threat' });
    const tagged = [];
    for (const exact of [THREAT_QUOTE, INCH, BAD_THINGS])
      tagged.push(await highlight(notebook, doc, exact, { tagIds: [threat.id] }));

    const fight = await search(notebook, 'fight 20 yers');
    expect(fight.hits[0]).toMatchObject({
      kind: 'quote',
      id: tagged[0]!.id,
      title: THREAT_QUOTE,
      documentId: doc.id,
      documentTitle: doc.title,
    });
    expect(marked(fight.hits[0]!.title, fight.hits[0]!.titleMatches)).toEqual([
      'fight',
      '20',
      'years',
    ]);
    // While typing: every prefix of the last word on the way there.
    for (const typed of ['fight 20 y', 'fight 20 ye', 'fight 20 yer'])
      expect((await search(notebook, typed)).hits[0]?.id, typed).toBe(tagged[0]!.id);

    const byTag = await search(notebook, 'tag:threat');
    expect(byTag.total).toBe(4);
    expect(labels(byTag.hits).sort()).toEqual(
      [
        'quote:we are ready to fight you for the next 20 years',
        'quote:even an inch',
        'quote:bad things',
        'tag:threat',
      ].sort(),
    );
    const quotes = await search(notebook, 'tag:threat is:quote');
    expect(ids(quotes).sort()).toEqual(tagged.map((a) => `quote:${a.id}`).sort());
    expect(ids(await search(notebook, 'tag:threat is:quote inch'))).toEqual([
      `quote:${tagged[1]!.id}`,
    ]);
    expect(ids(await search(notebook, 'tag:threat -inch is:quote')).sort()).toEqual(
      [tagged[0]!, tagged[2]!].map((a) => `quote:${a.id}`).sort(),
    );
    // The same through the dispatcher, with its default limit.
    const dispatched = await notebook.dispatch('search', { query: 'fight 20 yers' });
    expect(dispatched).toMatchObject({ ok: true });
    expect((dispatched as { value: SearchResults }).value.hits[0]!.id).toBe(tagged[0]!.id);
    await notebook.close();
  });

  it('the sample document itself is found by its title and its source', async () => {
    const { notebook, doc } = await open();
    expect(ids(await search(notebook, 'bgram'))).toEqual([`document:${doc.id}`]);
    expect(ids(await search(notebook, 'marginalia sample'))).toEqual([`document:${doc.id}`]);
    await notebook.close();
  });
});

describe('the first search after opening', () => {
  it('is complete even while the index is still being built in the background', async () => {
    const dataDir = await tempDir();
    const first = await openTestNotebook(dataDir);
    const doc = await seedDocument(first);
    const count = 4500;
    // Many slices of the build (each a few milliseconds). Written in one change: 4,500 changes
    // of one note each take the store longer than this test may.
    const at = new Date().toISOString();
    first.store.change((data) => {
      for (let i = 0; i < count; i++)
        data.notes.push({
          id: `note_marker${i}`,
          title: `Note ${i}`,
          body: `Entry marker${i} about the convoy`,
          tagIds: [],
          annotationIds: [],
          documentId: null,
          createdAt: at,
          updatedAt: at,
        });
    });
    const lastNote = `note_marker${count - 1}`;
    const last = await highlight(first, doc, THREAT_QUOTE, { comment: 'lastcomment' });
    await first.close();

    const check = async (notebook: Notebook, when: string) => {
      const run = async (query: string, limit: number) =>
        (await notebook.handlers.search({ query, limit })) as SearchResults;
      // The note with exactly that word first (near misses such as marker4498 follow).
      expect(ids(await run(`marker${count - 1}`, 10))[0], when).toBe(`note:${lastNote}`);
      expect((await run('is:note', 1)).total, when).toBe(count);
      expect((await run('convoy', 1)).total, when).toBe(count);
      expect(ids(await run('lastcomment', 10)), when).toEqual([`quote:${last.id}`]);
    };
    for (const cache of ['without', 'with']) {
      // Without the index cache the index is built from the data; with it, it is read and
      // checked. Either way a search waits for it rather than answer from half an index.
      if (cache === 'without') await rm(join(dataDir, CACHE_FILE), { force: true });
      // No await between opening and searching: the build has not had a turn yet.
      let notebook = await openTestNotebook(dataDir);
      await check(notebook, `${cache} the cache, at once`);
      await notebook.close();
      // One turn of the event loop: the build has done its first slice and waits for the next.
      notebook = await openTestNotebook(dataDir);
      await new Promise((resolve) => setImmediate(resolve));
      await check(notebook, `${cache} the cache, in the middle of the build`);
      // Later: the same answers, nothing indexed twice.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await check(notebook, `${cache} the cache, after the build`);
      await notebook.close();
    }
  });
});

describe('the index follows every change', () => {
  it('quotes: created, commented, recoloured, retagged, deleted, restored', async () => {
    const { notebook, doc } = await open();
    const h = notebook.handlers;
    expect(ids(await search(notebook, 'inch'))).toEqual([]);
    const quote = await highlight(notebook, doc, INCH);
    const key = `quote:${quote.id}`;
    expect(ids(await search(notebook, 'inch'))).toEqual([key]);
    expect(ids(await search(notebook, 'ominous'))).toEqual([]);

    await tick();
    await h.updateAnnotation({ id: quote.id, comment: 'Ominous vagueness' });
    expect(ids(await search(notebook, 'ominus'))).toEqual([key]);
    expect(ids(await search(notebook, 'is:commented'))).toEqual([key]);
    await tick();
    await h.updateAnnotation({ id: quote.id, comment: 'Defiant' });
    expect(ids(await search(notebook, 'ominous'))).toEqual([]);
    expect(ids(await search(notebook, 'defiant'))).toEqual([key]);

    await tick();
    await h.updateAnnotation({ id: quote.id, color: 'green' });
    expect(ids(await search(notebook, 'color:green'))).toEqual([key]);
    expect(ids(await search(notebook, 'color:yellow'))).toEqual([]);

    const tag = await h.createTag({ name: 'sovereignty' });
    await tick();
    await h.updateAnnotation({ id: quote.id, addTagIds: [tag.id] });
    expect(ids(await search(notebook, 'tag:sovereignty is:quote'))).toEqual([key]);
    expect(ids(await search(notebook, 'sovereignty is:quote'))).toEqual([key]);
    await tick();
    await h.updateAnnotation({ id: quote.id, removeTagIds: [tag.id] });
    expect(ids(await search(notebook, 'tag:sovereignty is:quote'))).toEqual([]);
    expect(ids(await search(notebook, 'sovereignty is:quote'))).toEqual([]);

    const removed = await h.deleteAnnotation({ id: quote.id });
    expect(ids(await search(notebook, 'inch'))).toEqual([]);
    expect(ids(await search(notebook, 'is:quote'))).toEqual([]);
    await h.restoreAnnotation({ annotation: removed });
    expect(ids(await search(notebook, 'inch'))).toEqual([key]);
    expect(ids(await search(notebook, 'defiant'))).toEqual([key]);
    await notebook.close();
  });

  it('notes: created, retitled, rewritten, tagged, attached, deleted, restored', async () => {
    const { notebook, doc } = await open();
    const h = notebook.handlers;
    expect(ids(await search(notebook, 'negotiations'))).toEqual([]);
    const note = await h.createNote({
      title: 'Negotiations',
      body: 'Who talks to whom about the airbase.',
      tagIds: [],
      documentId: null,
    });
    const key = `note:${note.id}`;
    expect(ids(await search(notebook, 'negotiations'))).toEqual([key]);
    expect(ids(await search(notebook, 'whom'))).toEqual([key]);

    await tick();
    await h.updateNote({ id: note.id, title: 'Talks' });
    expect(ids(await search(notebook, 'negotiations'))).toEqual([]);
    expect(ids(await search(notebook, 'talks'))).toEqual([key]);

    await tick();
    await h.updateNote({ id: note.id, body: 'Washington and Kabul, through Doha.' });
    expect(ids(await search(notebook, 'whom'))).toEqual([]);
    expect(ids(await search(notebook, 'doha'))).toEqual([key]);

    const tag = await h.createTag({ name: 'diplomacy' });
    await tick();
    await h.updateNote({ id: note.id, tagIds: [tag.id] });
    expect(ids(await search(notebook, 'tag:diplomacy is:note'))).toEqual([key]);

    expect(ids(await search(notebook, `doc:"${doc.title}" is:note`))).toEqual([]);
    await tick();
    await h.updateNote({ id: note.id, documentId: doc.id });
    expect(ids(await search(notebook, 'doc:bagram is:note'))).toEqual([key]);
    expect((await search(notebook, 'doha')).hits[0]!.documentTitle).toBe(doc.title);

    const removed = await h.deleteNote({ id: note.id });
    expect(ids(await search(notebook, 'doha'))).toEqual([]);
    expect(ids(await search(notebook, 'is:note'))).toEqual([]);
    await h.restoreNote({ note: removed });
    expect(ids(await search(notebook, 'doha'))).toEqual([key]);
    await notebook.close();
  });

  it('tags: created, described, renamed (their quotes follow), moved, deleted, restored', async () => {
    const { notebook, doc } = await open();
    const h = notebook.handlers;
    const threat = await h.createTag({ name: 'threat' });
    const quote = await highlight(notebook, doc, THREAT_QUOTE, { tagIds: [threat.id] });
    const note = await h.createNote({
      title: 'Escalation',
      body: 'Rhetoric.',
      tagIds: [threat.id],
      documentId: null,
    });
    const q = `quote:${quote.id}`;
    const n = `note:${note.id}`;
    const t = `tag:${threat.id}`;
    expect(ids(await search(notebook, 'threat')).sort()).toEqual([q, n, t].sort());

    await h.updateTag({ id: threat.id, description: 'Warnings of force' });
    expect(ids(await search(notebook, 'warnings'))).toEqual([t]);

    await h.updateTag({ id: threat.id, name: 'menace' });
    expect(ids(await search(notebook, 'threat'))).toEqual([]);
    expect(ids(await search(notebook, 'tag:threat'))).toEqual([]);
    expect(ids(await search(notebook, 'menace')).sort()).toEqual([q, n, t].sort());
    expect(ids(await search(notebook, 'tag:menace')).sort()).toEqual([q, n, t].sort());

    // Moving it under a parent renames it and its quotes' words again.
    await h.updateTag({ id: threat.id, name: 'rhetoric/menace' });
    expect(ids(await search(notebook, 'rhetoric is:quote'))).toEqual([q]);
    expect(ids(await search(notebook, 'tag:rhetoric is:quote'))).toEqual([q]);
    const parent = (await h.listTags({})).find((tag) => tag.name === 'rhetoric')!;
    await h.moveTag({ id: threat.id, parentId: null });
    expect(ids(await search(notebook, 'rhetoric is:quote'))).toEqual([]);
    expect(ids(await search(notebook, 'tag:rhetoric'))).toEqual([`tag:${parent.id}`]);

    const { undo } = await h.deleteTag({ id: threat.id });
    expect(ids(await search(notebook, 'menace'))).toEqual([]);
    expect(ids(await search(notebook, 'tag:menace'))).toEqual([]);
    // The quote and note themselves stay, found by their own words.
    expect(ids(await search(notebook, 'fight'))).toEqual([q]);
    expect(ids(await search(notebook, 'escalation'))).toEqual([n]);

    await h.restoreTags({ undo });
    expect(ids(await search(notebook, 'menace')).sort()).toEqual([q, n, t].sort());
    expect(ids(await search(notebook, 'tag:menace is:quote'))).toEqual([q]);
    await notebook.close();
  });

  it('a renamed parent tag renames what carries a tag below it', async () => {
    const { notebook, doc } = await open();
    const h = notebook.handlers;
    const afghan = await h.createTag({ name: 'actors/afghan' });
    const quote = await highlight(notebook, doc, 'Mohammad Yaqoob Mujahid', {
      tagIds: [afghan.id],
    });
    const actors = (await h.listTags({})).find((tag) => tag.name === 'actors')!;
    expect(ids(await search(notebook, 'actors is:quote'))).toEqual([`quote:${quote.id}`]);
    await h.updateTag({ id: actors.id, name: 'people' });
    expect(ids(await search(notebook, 'actors is:quote'))).toEqual([]);
    expect(ids(await search(notebook, 'people is:quote'))).toEqual([`quote:${quote.id}`]);
    expect(ids(await search(notebook, 'tag:people is:quote'))).toEqual([`quote:${quote.id}`]);
    expect(ids(await search(notebook, 'tag:actors'))).toEqual([]);
    await notebook.close();
  });

  it('bulk retag, merge, and their undo', async () => {
    const { notebook, doc } = await open();
    const h = notebook.handlers;
    const quotes = [];
    for (const exact of [THREAT_QUOTE, INCH, BAD_THINGS])
      quotes.push(await highlight(notebook, doc, exact));
    const keys = quotes.map((a) => `quote:${a.id}`).sort();
    const threat = await h.createTag({ name: 'threat' });
    const warning = await h.createTag({ name: 'warning' });
    expect(ids(await search(notebook, 'tag:threat is:quote'))).toEqual([]);

    const retag = await h.retagAnnotations({
      annotationIds: quotes.map((a) => a.id),
      addTagIds: [threat.id],
      removeTagIds: [],
    });
    expect(ids(await search(notebook, 'tag:threat is:quote')).sort()).toEqual(keys);
    expect(ids(await search(notebook, 'threat is:quote')).sort()).toEqual(keys);

    await h.retagAnnotations({
      annotationIds: [quotes[1]!.id],
      addTagIds: [warning.id],
      removeTagIds: [threat.id],
    });
    expect(ids(await search(notebook, 'tag:warning is:quote'))).toEqual([`quote:${quotes[1]!.id}`]);
    expect(ids(await search(notebook, 'tag:threat is:quote'))).toHaveLength(2);

    const merged = await h.mergeTags({ sourceId: threat.id, targetId: warning.id });
    expect(ids(await search(notebook, 'tag:warning is:quote')).sort()).toEqual(keys);
    expect(ids(await search(notebook, 'warning is:quote')).sort()).toEqual(keys);
    expect(ids(await search(notebook, 'threat'))).toEqual([]);
    expect(ids(await search(notebook, 'tag:threat'))).toEqual([]);
    expect(ids(await search(notebook, 'is:tag'))).toEqual([`tag:${warning.id}`]);

    await h.restoreTags({ undo: merged.undo });
    expect(ids(await search(notebook, 'tag:threat is:quote'))).toHaveLength(2);
    expect(ids(await search(notebook, 'tag:warning is:quote'))).toEqual([`quote:${quotes[1]!.id}`]);

    await h.restoreTags({ undo: retag.undo });
    expect(ids(await search(notebook, 'tag:threat is:quote'))).toEqual([]);
    await notebook.close();
  });

  it('documents: renamed, deleted with their quotes, restored with them', async () => {
    const { notebook, doc } = await open();
    const h = notebook.handlers;
    const quote = await highlight(notebook, doc, INCH, { comment: 'Soil' });
    const note = await h.createNote({
      title: 'On the base',
      body: 'Strategic.',
      tagIds: [],
      documentId: doc.id,
    });
    const q = `quote:${quote.id}`;
    const n = `note:${note.id}`;
    const d = `document:${doc.id}`;

    await h.updateDocument({ id: doc.id, title: 'Parwan standoff', author: 'Staff reporter' });
    expect(ids(await search(notebook, 'standoff'))).toEqual([d]);
    expect(ids(await search(notebook, 'bagram'))).toEqual([]);
    expect(ids(await search(notebook, 'reporter'))).toEqual([d]);
    expect(ids(await search(notebook, 'doc:standoff')).sort()).toEqual([q, n, d].sort());
    expect(ids(await search(notebook, 'doc:bagram'))).toEqual([]);
    expect((await search(notebook, 'inch')).hits[0]!.documentTitle).toBe('Parwan standoff');

    const removed = await h.deleteDocument({ id: doc.id });
    expect(ids(await search(notebook, 'inch'))).toEqual([]);
    expect(ids(await search(notebook, 'soil'))).toEqual([]);
    expect(ids(await search(notebook, 'standoff'))).toEqual([]);
    expect(ids(await search(notebook, 'is:quote'))).toEqual([]);
    // Its note stays, no longer attached.
    expect(ids(await search(notebook, 'strategic'))).toEqual([n]);
    expect((await search(notebook, 'strategic')).hits[0]!.documentId).toBeNull();
    expect(ids(await search(notebook, 'doc:standoff'))).toEqual([]);

    await h.restoreDocument(removed);
    expect(ids(await search(notebook, 'inch'))).toEqual([q]);
    expect(ids(await search(notebook, 'soil'))).toEqual([q]);
    expect(ids(await search(notebook, 'doc:standoff')).sort()).toEqual([q, n, d].sort());
    await notebook.close();
  });

  it('a new document is found at once', async () => {
    const { notebook } = await open();
    const report = await notebook.handlers.importText({
      jobId: 'paste',
      text: 'Kandahar airport reopens\nFlights resumed on Monday.',
      html: '',
    });
    const item = report.items[0] as { documentId: string };
    expect(ids(await search(notebook, 'kandahar'))).toEqual([`document:${item.documentId}`]);
    await notebook.close();
  });
});

describe('edits within one millisecond', () => {
  // Close each test's notebook whatever happens.
  let closeLater: Notebook | null = null;
  afterEach(async () => {
    vi.useRealTimers();
    await closeLater?.close();
    closeLater = null;
  });

  // `updatedAt` does not change when two edits fall in the same millisecond (or the clock steps
  // back): what decides re-indexing compares what the item is made of, so the search still sees it.
  it('an edit in the same millisecond as the last indexing is still seen (note)', async () => {
    const { notebook } = await open();
    closeLater = notebook;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
    const note = await notebook.handlers.createNote({
      title: 'Draft',
      body: 'Nothing yet.',
      tagIds: [],
      documentId: null,
    });
    expect(ids(await search(notebook, 'draft'))).toEqual([`note:${note.id}`]);
    await notebook.handlers.updateNote({
      id: note.id,
      title: 'Kandahar',
      body: 'Flights resumed.',
    });
    expect(ids(await search(notebook, 'kandahar'))).toEqual([`note:${note.id}`]);
    expect(ids(await search(notebook, 'draft'))).toEqual([]);
  });

  it('a same-length body edit in the same millisecond is still seen', async () => {
    const { notebook } = await open();
    closeLater = notebook;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
    const note = await notebook.handlers.createNote({
      title: 'Log',
      body: 'alpha',
      tagIds: [],
      documentId: null,
    });
    expect(ids(await search(notebook, 'alpha'))).toEqual([`note:${note.id}`]);
    await notebook.handlers.updateNote({ id: note.id, body: 'bravo' });
    expect(ids(await search(notebook, 'bravo'))).toEqual([`note:${note.id}`]);
    expect(ids(await search(notebook, 'alpha'))).toEqual([]);
  });

  it('an edit in the same millisecond as the last indexing is still seen (comment)', async () => {
    const { notebook, doc } = await open();
    closeLater = notebook;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
    const quote = await highlight(notebook, doc, INCH);
    expect(ids(await search(notebook, 'is:commented'))).toEqual([]);
    await notebook.handlers.updateAnnotation({ id: quote.id, comment: 'Ominous vagueness' });
    expect(ids(await search(notebook, 'ominous'))).toEqual([`quote:${quote.id}`]);
    expect(ids(await search(notebook, 'is:commented'))).toEqual([`quote:${quote.id}`]);
  });
});
