import { join } from 'node:path';
import type { NotebookEvent, NotebookHandlers } from '../../../shared/contract.ts';
import type { StoreData, Tag } from '../../../shared/model.ts';
import { excerptAround } from '../../../shared/search/excerpt.ts';
import { isEmptyQuery, parseQuery, type SearchQuery } from '../../../shared/search/query.ts';
import { foldText, matchRanges } from '../../../shared/search/text.ts';
import type { SearchHit, SearchKind, SearchResults } from '../../../shared/search/types.ts';
import type { Store } from '../store.ts';
import { buildKeyLists } from './key-lists.ts';
import {
  digestEntities,
  type EntityOf,
  type ItemContext,
  type ItemMeta,
  makeItem,
  type NotebookItem,
} from './notebook-items.ts';
import {
  CACHE_FILE,
  type CacheContents,
  decodeCache,
  encodeCache,
  readCacheFile,
  readCacheFileSync,
  writeCacheFile,
} from './search-cache.ts';
import { type IndexItem, SearchIndex } from './search-index.ts';

type Kind = SearchKind;
type Item = IndexItem<ItemMeta>;
type Entity = EntityOf[Kind];

const entitiesOf = (data: StoreData, kind: Kind): readonly Entity[] =>
  kind === 'tag'
    ? data.tags
    : kind === 'quote'
      ? data.annotations
      : kind === 'note'
        ? data.notes
        : data.documents;
/** Background work: yields between steps, or a promise to wait for before the next. */
type Job = Generator<unknown, void, void>;
/** What an item's key starts with, by kind (`itemKey`). */
const KEY_HEAD: Record<Kind, string> = {
  quote: 'quote:',
  note: 'note:',
  tag: 'tag:',
  document: 'document:',
};
const KINDS: Kind[] = ['tag', 'quote', 'note', 'document'];
const ENTITY_OF: Record<string, Kind[]> = {
  annotations: ['quote'],
  notes: ['note'],
  tags: ['tag'],
  documents: ['document'],
};
const IS_KIND: Record<string, Kind> = {
  quote: 'quote',
  quotes: 'quote',
  highlight: 'quote',
  highlights: 'quote',
  note: 'note',
  notes: 'note',
  tag: 'tag',
  tags: 'tag',
  doc: 'document',
  docs: 'document',
  document: 'document',
  documents: 'document',
};
/** Entities between checks of the clock while building. */
const STEP = 250;
/** How long a slice of background work may hold the event loop, in milliseconds. */
const SLICE_MS = 12;
/** Documents digested per step of the first index (each is a pass over its whole text). */
const DOCUMENTS_PER_STEP = 4;
/** How long after a build the cache is written (out of the way of the first searches). */
const SAVE_DELAY_MS = 10_000;

export interface SearchServiceOptions {
  /**
   * The index cache: read when the service starts, written after a build and at `close`.
   * Default `<dataDir>/search-index.cache`; null for none.
   */
  cacheFile?: string | null;
  /** Write the cache (false for a notebook opened read-only: it is read, never written). */
  writeCache?: boolean;
  /**
   * The fewest items worth a cache file (default 2,000): below, the index is built from the
   * data in a few tens of milliseconds, and the folder is left as it was.
   */
  cacheFrom?: number;
}

/**
 * Search over the whole notebook, in the core, where the data is. The index follows the store:
 * every change event marks its kinds dirty, and the next search first re-indexes exactly the
 * entities whose parts changed, so a search never answers from stale data.
 *
 * The first index comes from the cache file beside the notebook when there is a usable one
 * (every entity checked against the digest recorded for it; what differs is indexed again), and
 * is built from the data otherwise, in both cases in slices of a few milliseconds after start-up,
 * so opening the notebook is not held up by it; a search that comes first waits for it. The
 * cache is written after a build and at `close`, never inside the notebook's own file.
 */
export function createSearchService(
  store: Store,
  subscribe: (listener: (event: NotebookEvent) => void) => () => void,
  options: SearchServiceOptions = {},
) {
  const cacheFile =
    options.cacheFile === undefined ? join(store.dataDir, CACHE_FILE) : options.cacheFile;
  const writable = cacheFile !== null && options.writeCache !== false;
  const cacheFrom = options.cacheFrom ?? 2000;
  let index = new SearchIndex<ItemMeta>();
  /** Where items read the tags from; replaced whenever the tags may have changed. */
  const context: ItemContext = { tags: new Map() };
  /** Per kind and entity id: its item as indexed (with the parts it was made from). */
  const seen: Record<Kind, Map<string, NotebookItem>> = {
    quote: new Map(),
    note: new Map(),
    tag: new Map(),
    document: new Map(),
  };
  /**
   * The first index's items in the data's order, not yet in `seen` (which only syncs and saves
   * need): the one at i (a restored slot's, made when needed, or one indexed at opening).
   */
  let unseen: { count: number; at: (i: number) => NotebookItem } | null = null;
  let pass = 0;
  const dirty = new Set<Kind>();
  /** Kinds a change event has come for since the first index began. */
  const changedSinceOpen = new Set<Kind>();
  /**
   * idle: nothing started; building: the first index is being made, a slice at a time (`job`);
   * built: searches are answered at once.
   */
  let state: 'idle' | 'building' | 'built' | 'closed' = 'idle';
  let job: Job | null = null;
  /** The cache file's bytes once read (null: none, or not usable); undefined while reading. */
  let file: Buffer | null | undefined;
  /** An index from the cache failed: the next build does not read it. */
  let distrustCache = false;
  /** After the first index: `seen` and the index's id lookup, filled in the background. */
  let settling: Job | null = null;
  let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** The index holds something the cache file does not. */
  let unsaved = false;
  let saving: Promise<void> = Promise.resolve();
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let compacting = false;
  /** What the first index was made from, for tests and measurements. */
  const stats = { fromCache: false, reused: 0, reindexed: 0, dropped: 0 };

  const stop = subscribe((event) => {
    if (event.type !== 'changed') return;
    for (const entity of event.entities) {
      for (const kind of ENTITY_OF[entity] ?? []) {
        dirty.add(kind);
        changedSinceOpen.add(kind);
      }
    }
  });

  function refreshTags(data: StoreData) {
    context.tags = new Map(data.tags.map((t) => [t.id, t]));
  }

  const item = <K extends Kind>(kind: K, entity: EntityOf[K]) => makeItem(kind, entity, context);

  function reset() {
    index = new SearchIndex<ItemMeta>();
    for (const map of Object.values(seen)) map.clear();
    unseen = null;
  }

  /**
   * The first index. Every entity's digest first (while the cache file is read); then the index
   * comes from the cache where it can be trusted, else from the data.
   */
  function* open(reading: Promise<unknown> | null): Job {
    dirty.clear();
    changedSinceOpen.clear();
    const data = store.data;
    refreshTags(data);
    // Every entity, kind by kind in the data's order (`kinds[k]` from `starts[k]`).
    const entities: Entity[] = [];
    const starts: number[] = [];
    for (const kind of KINDS) {
      starts.push(entities.length);
      for (const entity of entitiesOf(data, kind)) entities.push(entity);
    }
    starts.push(entities.length);
    const digests = new Int32Array(entities.length * 2);
    for (let k = 0; k < KINDS.length; k++) {
      const list = entitiesOf(data, KINDS[k]!);
      // A step each few entities (the runner fits steps into its slices): a document's digest
      // reads its whole text, and 500 documents of 60 KB in one step stalled the open ~200 ms.
      const step = KINDS[k] === 'document' ? DOCUMENTS_PER_STEP : 500;
      for (let from = 0; from < list.length; from += step) {
        const to = Math.min(list.length, from + step);
        digestEntities(KINDS[k]!, list, from, to, digests, (starts[k]! + from) * 2);
        yield;
      }
    }
    const kindOf = (i: number) => {
      let k = 0;
      while (i >= starts[k + 1]!) k++;
      return KINDS[k]!;
    };
    // An item's digest is the one computed above unless its entity may have changed since.
    const itemAt = (i: number) => {
      const kind = kindOf(i);
      return changedSinceOpen.has(kind)
        ? makeItem(kind, entities[i]!, context)
        : makeItem(kind, entities[i]!, context, digests, i * 2);
    };
    if (reading && file === undefined) yield reading;
    if (file) {
      let restored = false;
      try {
        const cache = yield* decodeCache(file);
        if (cache) {
          yield* fromCache(cache, entities, starts, digests, itemAt);
          restored = true;
        }
      } catch (error) {
        console.warn('[search] the index cache could not be used; building the index', error);
      }
      file = null;
      if (restored) return;
      reset();
    }
    file = null;
    const items: NotebookItem[] = [];
    for (let i = 0; i < entities.length; i++) {
      items.push(itemAt(i));
      if (i % 2000 === 1999) yield;
    }
    yield* index.load(items, STEP);
    unseen = { count: items.length, at: (i) => items[i]! };
    Object.assign(stats, { fromCache: false, reused: 0, reindexed: items.length, dropped: 0 });
    unsaved = true;
    // Whatever changed meanwhile was marked dirty and is caught by the next sync.
  }

  /**
   * The cached index, checked against the data: an entity whose parts have the digest the cache
   * recorded keeps its cached words (and its item is made only when needed); one that differs,
   * is new, or carries a tag that changed is indexed again; what the cache holds and the data no
   * longer does is dropped. The cache lists its items in the data's order, so each entity is
   * found at the next slot, without a lookup.
   */
  function* fromCache(
    cache: CacheContents,
    entities: readonly Entity[],
    starts: readonly number[],
    digests: Int32Array,
    itemAt: (i: number) => NotebookItem,
  ): Job {
    yield* index.restore(cache);
    const cached = cache.digests;
    const ids = index.restoredIdList;
    /** Per entity, its restored slot, or -1 if it is indexed again. */
    const slots = new Int32Array(entities.length).fill(-1);
    const pending = new Map<number, NotebookItem>();
    const changedTags = new Set<string>();
    let stale = 0;
    let cursor = 0;
    /** Every cached id's slot, made (in steps) the first time an entity is not at the next. */
    let lookup: Map<string, number> | null = null;
    function* lookupOfIds(): Generator<void, Map<string, number>> {
      const made = new Map<string, number>();
      for (let slot = 0; slot < ids.length; slot++) {
        made.set(ids.get(slot)!, slot);
        if (slot % 10_000 === 9999) yield;
      }
      return made;
    }
    /** Per cached slot: an entity has been checked against it. */
    const decided = new Uint8Array(ids.length);
    // A restored slot's item, made from its entity when first needed.
    const slotKind = new Uint8Array(ids.length);
    index.resolveWith((slot, entity) => {
      const kind = KINDS[slotKind[slot]!]!;
      if (!changedSinceOpen.has(kind))
        return makeItem(kind, entity as never, context, cached, slot * 2);
      // Its entity may have changed in place since it was checked: if so, the next sync
      // indexes it again.
      const made = makeItem(kind, entity as never, context);
      made.stale = made.digest0 !== cached[slot * 2] || made.digest1 !== cached[slot * 2 + 1];
      return made;
    });
    for (let k = 0; k < KINDS.length; k++) {
      const kind = KINDS[k]!;
      const head = KEY_HEAD[kind];
      const holds = kind === 'quote' || kind === 'note';
      if (k === 1) {
        // A tag the cache knew and the data does not: its holders' words change too. (Only tag
        // keys start with a t.)
        for (let slot = 0; slot < ids.length; slot++) {
          const start = slot > 0 ? ids.ends[slot - 1]! : 0;
          if (ids.text.charCodeAt(start) !== 116 || !index.isWaiting(slot)) continue;
          if (ids.text.startsWith(KEY_HEAD.tag, start))
            changedTags.add(ids.get(slot)!.slice(KEY_HEAD.tag.length));
        }
      }
      for (let i = starts[k]!; i < starts[k + 1]!; i++) {
        const entity = entities[i]!;
        let slot = -1;
        if (ids.is(cursor, head, entity.id)) slot = cursor++;
        else {
          // Not where the data's order says: it moved, is new, or others went.
          lookup ??= yield* lookupOfIds();
          slot = lookup.get(head + entity.id) ?? -1;
          if (slot >= 0) cursor = slot + 1;
        }
        const restored = slot >= 0 && decided[slot] === 0 && index.isWaiting(slot);
        if (restored) decided[slot] = 1;
        if (
          restored &&
          cached[slot * 2] === digests[i * 2] &&
          cached[slot * 2 + 1] === digests[i * 2 + 1] &&
          !(
            holds &&
            changedTags.size > 0 &&
            (entity as { tagIds: string[] }).tagIds.some((id) => changedTags.has(id))
          )
        ) {
          slotKind[slot] = k;
          index.attachLazily(slot, entity);
          slots[i] = slot;
        } else {
          if (restored) stale++;
          pending.set(i, itemAt(i));
          if (kind === 'tag') changedTags.add(entity.id);
        }
        if (i % 1000 === 999) yield;
      }
    }
    // What the cache holds that changed or went: out.
    const out = yield* index.dropWaiting();
    const added = new Set<string>();
    let done = 0;
    for (const next of pending.values()) {
      // Only an entity listed twice in the data (never in a sound store) needs the id lookup.
      if (added.has(next.id)) index.set(next);
      else index.add(next);
      added.add(next.id);
      if (++done % 20 === 0) yield;
    }
    unseen = {
      count: entities.length,
      at: (i) => (slots[i]! >= 0 ? (index.itemAt(slots[i]!) as NotebookItem) : pending.get(i)!),
    };
    Object.assign(stats, {
      fromCache: true,
      reused: entities.length - pending.size,
      reindexed: pending.size,
      dropped: out - stale,
    });
    unsaved = pending.size > 0 || out > 0;
  }

  /**
   * What only syncs and saves need: every item made and in `seen`, the index's id lookup, the
   * words of each restored item.
   */
  function* settle(): Job {
    const first = unseen;
    unseen = null;
    for (let i = 0; first && i < first.count; i++) {
      const next = first.at(i);
      next.pass = pass;
      seen[next.kind].set(next.entity.id, next);
      if (i % 1000 === 999) yield;
    }
    yield* index.indexIds();
    yield* index.buildForward();
  }

  function settleNow(): void {
    if (!settling) return;
    const work = settling;
    settling = null;
    for (const _ of work);
  }

  /** Re-index what changed in the dirty kinds. */
  function* sync(): Generator<void, void> {
    const data = store.data;
    const renamed = new Set<string>();
    if (dirty.has('tag')) {
      dirty.delete('tag');
      refreshTags(data);
      yield* syncKind('tag', data.tags, (id) => renamed.add(id));
    }
    for (const kind of ['quote', 'note', 'document'] as const) {
      if (!dirty.has(kind)) continue;
      dirty.delete(kind);
      if (kind === 'quote') yield* syncKind('quote', data.annotations);
      if (kind === 'note') yield* syncKind('note', data.notes);
      if (kind === 'document') yield* syncKind('document', data.documents);
    }
    // A renamed or deleted tag changes the words of every quote and note that carries it.
    if (renamed.size > 0) {
      const again = <K extends 'quote' | 'note'>(kind: K, entities: readonly EntityOf[K][]) => {
        for (const entity of entities) {
          if (!entity.tagIds.some((id) => renamed.has(id))) continue;
          const next = item(kind, entity);
          next.pass = pass;
          seen[kind].set(entity.id, next);
          index.set(next);
        }
      };
      again('quote', data.annotations);
      again('note', data.notes);
      unsaved = true;
    }
  }

  /**
   * One kind's entities against what was indexed: changed ones again, gone ones out. An
   * unchanged entity costs a few identity comparisons, so a change to one quote among 100,000
   * costs about a millisecond, not a rebuild.
   */
  function* syncKind<K extends Kind>(
    kind: K,
    entities: readonly EntityOf[K][],
    onChange?: (id: string) => void,
  ): Generator<void, void> {
    const known = seen[kind];
    const current = ++pass;
    let done = 0;
    for (const entity of entities) {
      const entry = known.get(entity.id);
      if (entry?.matches(entity)) {
        entry.pass = current;
        continue;
      }
      const next = item(kind, entity);
      next.pass = current;
      index.set(next);
      known.set(entity.id, next);
      unsaved = true;
      if (entry) onChange?.(entity.id);
      if (++done % 2000 === 0) yield;
    }
    for (const [id, entry] of known) {
      if (entry.pass === current) continue;
      index.remove(entry.id);
      known.delete(id);
      unsaved = true;
      onChange?.(id);
    }
  }

  /**
   * Run work a slice at a time, one slice per turn of the event loop, while it is `current`. Work
   * that yields a promise (a file being read) resumes when it settles.
   */
  function inSlices(
    work: Job,
    current: () => Job | null,
    done: () => void,
    fail: (error: unknown) => void,
  ): void {
    const step = () => {
      if (current() !== work) return;
      const until = performance.now() + SLICE_MS;
      try {
        while (performance.now() < until) {
          const next = work.next();
          if (next.done) {
            done();
            return;
          }
          if (next.value instanceof Promise) {
            void next.value.then(step, step);
            return;
          }
        }
      } catch (error) {
        fail(error);
        return;
      }
      setImmediate(step);
    };
    setImmediate(step);
  }

  function startJob(work: Job): void {
    job = work;
    state = 'building';
    inSlices(work, () => job, finished, failed);
  }

  function finished(): void {
    job = null;
    state = 'built';
    const work = settle();
    settling = work;
    inSlices(
      work,
      () => settling,
      () => {
        settling = null;
      },
      failed,
    );
    const waiters = waiting;
    waiting = [];
    for (const w of waiters) w.resolve();
    if (unsaved && writable && index.size >= cacheFrom) {
      saveTimer = setTimeout(() => {
        saveTimer = null;
        void saveCache();
      }, SAVE_DELAY_MS);
      saveTimer.unref?.();
    }
  }

  function failed(error: unknown): void {
    console.error('[search] building the index failed', error);
    // If it came from the cache, the next build does without it (and replaces it).
    distrustCache = stats.fromCache;
    job = null;
    settling = null;
    state = 'idle';
    reset();
    const waiters = waiting;
    waiting = [];
    for (const w of waiters) w.reject(error);
  }

  /** Start the first index in the background: read the cache file, build in slices. */
  function buildInBackground(): void {
    if (state !== 'idle') return;
    let reading: Promise<unknown> | null = null;
    file = undefined;
    if (cacheFile !== null && !distrustCache) {
      reading = readCacheFile(cacheFile).then((bytes) => {
        if (file === undefined) file = bytes;
      });
    } else file = null;
    startJob(open(reading));
  }

  /** Bring the index up to date now, synchronously (finishing the first index first). */
  function ready(): void {
    if (state === 'idle') {
      file = undefined;
      job = open(null);
      state = 'building';
    }
    if (job) {
      // The file, if it is still being read, is read here instead.
      if (file === undefined)
        file = cacheFile === null || distrustCache ? null : readCacheFileSync(cacheFile);
      const work = job;
      job = null;
      try {
        for (const _ of work);
      } catch (error) {
        failed(error);
        throw error;
      }
      finished();
    }
    if (dirty.size > 0) {
      settleNow();
      for (const _ of sync());
    }
    if (index.needsCompaction && !compacting) {
      // Dead postings from many edits are filtered out between other work, a slice at a time.
      compacting = true;
      const compacted = index;
      const step = () => {
        if (compacted !== index || compacted.compactStep()) compacting = false;
        else setImmediate(step);
      };
      setImmediate(step);
    }
  }

  /**
   * Write the index to the cache file if it holds anything the file does not (durably, the file
   * replaced whole): copied and encoded a slice at a time, written off the event loop. A failure
   * is reported and forgotten: it is only a cache.
   */
  function saveCache(): Promise<void> {
    const run = async () => {
      if (!writable || cacheFile === null || state !== 'built' || index.size < cacheFrom) return;
      try {
        // The index is copied in steps; if a change comes between two, the copy starts again
        // (and the last try is made in one go).
        let file: Buffer | null = null;
        for (let attempt = 0; attempt < 4 && file === null; attempt++) {
          ready();
          if (!unsaved) return;
          settleNow();
          const work = encoding();
          file = attempt < 3 ? await inTurns(work) : drain(work);
        }
        await writeCacheFile(cacheFile, file!);
      } catch (error) {
        unsaved = true;
        if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT')
          console.warn('[search] the index cache could not be written', error);
      }
    };
    saving = saving.then(run, run);
    return saving;
  }

  /** The cache file's bytes for the index as it is, or null if it changed meanwhile. */
  function* encoding(): Generator<void, Buffer | null> {
    // In the data's order (each kind's entities as they were first seen): the next start finds
    // each entity at the next slot.
    const order = KINDS.flatMap((kind) => [...seen[kind].values()]);
    const snapshot = yield* index.snapshot(order);
    if (!snapshot) return null;
    // What changes from here on is not in this file.
    unsaved = false;
    const digests = new Int32Array(order.length * 2);
    for (let i = 0; i < order.length; i++) {
      digests[i * 2] = order[i]!.digest0;
      digests[i * 2 + 1] = order[i]!.digest1;
    }
    // The snapshot is a copy: from here on, changes to the index do not matter.
    const lists = yield* buildKeyLists(snapshot.words);
    yield;
    return yield* encodeCache({ ...snapshot, digests, lists });
  }

  /** Stop following the store; write the cache if the index holds anything it does not. */
  async function close(): Promise<void> {
    stop();
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (state === 'built') await saveCache();
    else {
      job = null;
      const waiters = waiting;
      waiting = [];
      for (const w of waiters) w.reject(new Error('The notebook was closed.'));
    }
    await saving;
    settling = null;
    state = 'closed';
  }

  function answer({ query, limit }: { query: string; limit: number }): SearchResults {
    const started = performance.now();
    ready();
    const parsed = parseQuery(query);
    if (isEmptyQuery(parsed)) return { hits: [], total: 0, tookMs: 0 };
    const data = store.data;
    const result = index.search(parsed, { limit, filter: itemFilter(parsed, data) });
    const words = [...result.matchedTerms, ...parsed.phrases.flat(), ...parsed.words];
    const documents = new Map(data.documents.map((d) => [d.id, d]));
    const hits = result.hits.map(({ item, score }) => present(item, score, words, documents));
    return { hits, total: result.total, tookMs: performance.now() - started };
  }

  const handlers: Pick<NotebookHandlers, 'search'> = {
    /** At once once the index is built; before that, when it is (a slice at a time). */
    search(input) {
      if (state === 'built' || state === 'closed') return answer(input);
      if (state === 'idle') buildInBackground();
      return new Promise<void>((resolve, reject) => waiting.push({ resolve, reject })).then(() =>
        answer(input),
      );
    },
  };

  return {
    handlers,
    buildInBackground,
    ready,
    saveCache,
    close,
    stats,
    get index() {
      return index;
    },
  };
}

/** The filters of a query as one test on an item; undefined when there are none. */
function itemFilter(q: SearchQuery, data: StoreData): ((item: Item) => boolean) | undefined {
  const tests: ((item: Item) => boolean)[] = [];
  const kinds = new Set<Kind>();
  for (const value of q.is) {
    const kind = IS_KIND[value];
    if (kind) kinds.add(kind);
    else tests.push(isTest(value));
  }
  if (kinds.size > 0) tests.push((i) => kinds.has(i.meta.kind));
  for (const value of q.excludedIs) {
    const kind = IS_KIND[value];
    const test = kind ? (i: Item) => i.meta.kind === kind : isTest(value);
    tests.push((i) => !test(i));
  }
  if (q.colors.length > 0) {
    const colors = new Set(q.colors);
    tests.push((i) => i.meta.kind === 'quote' && i.meta.color !== null && colors.has(i.meta.color));
  }
  if (q.excludedColors.length > 0) {
    const colors = new Set(q.excludedColors);
    tests.push(
      (i) => i.meta.color === null || i.meta.kind !== 'quote' || !colors.has(i.meta.color),
    );
  }
  for (const name of q.tags) {
    const ids = matchingTags(data.tags, name);
    tests.push((i) => i.meta.tagIds.some((id) => ids.has(id)));
  }
  for (const name of q.excludedTags) {
    const ids = matchingTags(data.tags, name);
    tests.push((i) => !i.meta.tagIds.some((id) => ids.has(id)));
  }
  const documentsTitled = (title: string) =>
    new Set(data.documents.filter((d) => foldText(d.title).includes(title)).map((d) => d.id));
  for (const title of q.docs) {
    const ids = documentsTitled(title);
    tests.push((i) => i.meta.documentId !== null && ids.has(i.meta.documentId));
  }
  for (const title of q.excludedDocs) {
    const ids = documentsTitled(title);
    tests.push((i) => i.meta.documentId === null || !ids.has(i.meta.documentId));
  }
  for (const name of q.collections) {
    const ids = documentsIn(data, name);
    tests.push((i) => i.meta.documentId !== null && ids.has(i.meta.documentId));
  }
  for (const name of q.excludedCollections) {
    const ids = documentsIn(data, name);
    tests.push((i) => i.meta.documentId === null || !ids.has(i.meta.documentId));
  }
  if (tests.length === 0) return undefined;
  return (item) => tests.every((test) => test(item));
}

/**
 * Documents an `in:` filter means: those of the collection with that name (folded), or, when none
 * has it exactly, of every collection whose name contains it (`in:chapter` for "Chapter 2").
 */
function documentsIn(data: StoreData, value: string): Set<string> {
  const named = data.collections.map((c) => ({ c, name: foldText(c.name) }));
  let chosen = named.filter((n) => n.name === value);
  if (chosen.length === 0) chosen = named.filter((n) => n.name.includes(value));
  return new Set(chosen.flatMap((n) => n.c.documentIds));
}

/** `is:orphan`, `is:commented`; an `is:` we do not know finds nothing rather than everything. */
function isTest(value: string): (item: Item) => boolean {
  if (['orphan', 'orphans', 'orphaned', 'unplaced'].includes(value)) return (i) => i.meta.orphan;
  if (['commented', 'comment'].includes(value)) return (i) => i.meta.hasComment;
  return () => false;
}

/**
 * Tags a `tag:` filter means: the tag with that path or name segment (`tag:afghan` finds
 * `actors/afghan`), or whose path starts with it, and every tag below those.
 */
function matchingTags(tags: readonly Tag[], value: string): Set<string> {
  const folded = tags.map((t) => ({ id: t.id, path: foldText(t.name) }));
  let roots = folded.filter(
    (t) => t.path === value || t.path.split('/').includes(value) || t.path.startsWith(`${value}/`),
  );
  if (roots.length === 0) roots = folded.filter((t) => t.path.startsWith(value));
  const ids = new Set<string>();
  for (const root of roots)
    for (const t of folded)
      if (t.path === root.path || t.path.startsWith(`${root.path}/`)) ids.add(t.id);
  return ids;
}

function present(
  item: Item,
  score: number,
  words: readonly string[],
  documents: ReadonlyMap<string, StoreData['documents'][number]>,
): SearchHit {
  const { meta } = item;
  const documentTitle = meta.documentId ? (documents.get(meta.documentId)?.title ?? '') : '';
  const base = {
    kind: meta.kind,
    id: meta.entityId,
    documentId: meta.documentId,
    documentTitle,
    color: meta.color,
    tagIds: meta.tagIds,
    orphan: meta.orphan,
    score,
  };
  const line = (text: string) => ({ text, matches: matchRanges(text, words) });
  const { fields } = item;
  // The item's own fields are what was searched and what is shown: no lookups per hit.
  let title: { text: string; matches: [number, number][] };
  let detail: { text: string; matches: [number, number][] };
  switch (meta.kind) {
    case 'quote':
      title = excerptAround(fields.quote ?? '', words, 320);
      detail = excerptAround(fields.body ?? '', words, 200);
      break;
    case 'note':
      title = line(fields.title || 'Untitled note');
      detail = excerptAround(fields.body ?? '', words, 200);
      break;
    case 'tag':
      title = line(fields.title ?? '');
      detail = excerptAround(fields.body ?? '', words, 200);
      break;
    default:
      title = line(fields.title ?? '');
      detail = line(meta.byline);
  }
  return {
    ...base,
    title: title.text,
    titleMatches: title.matches,
    detail: detail.text,
    detailMatches: detail.matches,
  };
}

/** Run work to its end a slice at a time, one slice per turn of the event loop. */
function inTurns<T>(work: Generator<void, T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const step = () => {
      const until = performance.now() + SLICE_MS;
      try {
        while (performance.now() < until) {
          const next = work.next();
          if (next.done) {
            resolve(next.value);
            return;
          }
        }
      } catch (error) {
        reject(error);
        return;
      }
      setImmediate(step);
    };
    setImmediate(step);
  });
}

function drain<T>(work: Generator<unknown, T>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}
