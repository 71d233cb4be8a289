import type { NotebookEvent, NotebookHandlers } from '../../../shared/contract.ts';
import type { StoreData, Tag } from '../../../shared/model.ts';
import { excerptAround } from '../../../shared/search/excerpt.ts';
import { isEmptyQuery, parseQuery, type SearchQuery } from '../../../shared/search/query.ts';
import { foldText, matchRanges } from '../../../shared/search/text.ts';
import type { SearchHit, SearchKind } from '../../../shared/search/types.ts';
import type { Store } from '../store.ts';
import {
  documentItem,
  type NotebookItem,
  noteItem,
  parts,
  quoteItem,
  sameParts,
  tagItem,
} from './notebook-items.ts';
import { SearchIndex } from './search-index.ts';

type Kind = SearchKind;
const KINDS: Kind[] = ['quote', 'note', 'tag', 'document'];
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
const CHUNK = 2000;

/**
 * Search over the whole notebook, in the core, where the data is. The index follows the store:
 * every change event marks its kinds dirty, and the next search first re-indexes exactly the
 * entities whose signature changed, so a search never answers from stale data. The first index
 * is built in slices after start-up, so opening the notebook is not held up by it.
 */
export function createSearchService(
  store: Store,
  subscribe: (listener: (event: NotebookEvent) => void) => () => void,
) {
  const index = new SearchIndex<NotebookItem['meta']>();
  /** Per kind and entity: the parts it was indexed with, and the pass that last saw it. */
  const seen: Record<Kind, Map<string, { parts: unknown[]; pass: number }>> = {
    quote: new Map(),
    note: new Map(),
    tag: new Map(),
    document: new Map(),
  };
  let pass = 0;
  const dirty = new Set<Kind>(KINDS);
  let building: Generator<void, void> | null = null;
  let built = false;

  const stop = subscribe((event) => {
    if (event.type !== 'changed') return;
    for (const entity of event.entities)
      for (const kind of ENTITY_OF[entity] ?? []) dirty.add(kind);
  });

  function tagMap(data: StoreData) {
    return new Map(data.tags.map((t) => [t.id, t]));
  }

  /** The first index: every entity, loaded in bulk, a slice at a time. */
  function* firstBuild(): Generator<void, void> {
    const data = store.data;
    const tags = tagMap(data);
    const items: NotebookItem[] = [];
    dirty.clear();
    pass++;
    let count = 0;
    function* collect<E extends { id: string }>(
      kind: Kind,
      entities: readonly E[],
      toItem: (e: E) => NotebookItem,
    ): Generator<void, void> {
      for (const e of entities) {
        seen[kind].set(e.id, { parts: parts[kind](e as never), pass });
        items.push(toItem(e));
        if (++count % CHUNK === 0) yield;
      }
    }
    yield* collect('tag', data.tags, tagItem);
    yield* collect('quote', data.annotations, (a) => quoteItem(a, tags));
    yield* collect('note', data.notes, (n) => noteItem(n, tags));
    yield* collect('document', data.documents, documentItem);
    yield* index.load(items, CHUNK);
    built = true;
    // Whatever changed meanwhile was marked dirty and is caught by the next sync.
  }

  /** Re-index what changed in the dirty kinds; yields between slices when run in the background. */
  function* sync(): Generator<void, void> {
    if (!built) yield* firstBuild();
    const data = store.data;
    const tags = tagMap(data);
    const renamed = new Set<string>();
    if (dirty.has('tag')) {
      dirty.delete('tag');
      yield* syncKind('tag', data.tags, tagItem, (id) => renamed.add(id));
    }
    for (const kind of ['quote', 'note', 'document'] as const) {
      if (!dirty.has(kind)) continue;
      dirty.delete(kind);
      if (kind === 'quote') yield* syncKind('quote', data.annotations, (a) => quoteItem(a, tags));
      if (kind === 'note') yield* syncKind('note', data.notes, (n) => noteItem(n, tags));
      if (kind === 'document') yield* syncKind('document', data.documents, documentItem);
    }
    // A renamed or deleted tag changes the words of every quote and note that carries it.
    if (renamed.size > 0) {
      for (const a of data.annotations)
        if (a.tagIds.some((id) => renamed.has(id))) index.set(quoteItem(a, tags));
      for (const n of data.notes)
        if (n.tagIds.some((id) => renamed.has(id))) index.set(noteItem(n, tags));
    }
  }

  /**
   * One kind's entities against what was indexed: changed ones again, gone ones out. An
   * unchanged entity costs a few identity comparisons, so a change to one quote among 100,000
   * costs about a millisecond, not a rebuild.
   */
  function* syncKind<E extends { id: string }>(
    kind: Kind,
    entities: readonly E[],
    toItem: (e: E) => NotebookItem,
    onChange?: (id: string) => void,
  ): Generator<void, void> {
    const known = seen[kind];
    const partsOf = parts[kind] as unknown as (e: E) => unknown[];
    const same = sameParts[kind] as unknown as (p: readonly unknown[], e: E) => boolean;
    const current = ++pass;
    let done = 0;
    for (const entity of entities) {
      const entry = known.get(entity.id);
      if (entry && same(entry.parts, entity)) {
        entry.pass = current;
        continue;
      }
      index.set(toItem(entity));
      known.set(entity.id, { parts: partsOf(entity), pass: current });
      if (entry) onChange?.(entity.id);
      if (++done % CHUNK === 0) yield;
    }
    for (const [id, entry] of known) {
      if (entry.pass === current) continue;
      index.remove(`${kind}:${id}`);
      known.delete(id);
      onChange?.(id);
    }
  }

  /** Bring the index up to date now (finishing a background build first). */
  function ready(): void {
    if (building) {
      for (const _ of building);
      building = null;
    }
    if (dirty.size > 0) for (const _ of sync());
    if (index.needsCompaction && !compacting) {
      // Dead postings from many edits are filtered out between other work, a slice at a time.
      compacting = true;
      const step = () => {
        if (index.compactStep()) compacting = false;
        else setImmediate(step);
      };
      setImmediate(step);
    }
  }
  let compacting = false;

  /** Build the first index in slices, one per turn of the event loop. */
  function buildInBackground(): void {
    building = sync();
    const step = () => {
      if (!building) return;
      const next = building.next();
      if (next.done) building = null;
      else setImmediate(step);
    };
    setImmediate(step);
  }

  const handlers: Pick<NotebookHandlers, 'search'> = {
    search({ query, limit }) {
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
    },
  };

  return { handlers, buildInBackground, ready, close: stop, index };
}

/** The filters of a query as one test on an item; undefined when there are none. */
function itemFilter(
  q: SearchQuery,
  data: StoreData,
): ((item: NotebookItem) => boolean) | undefined {
  const tests: ((item: NotebookItem) => boolean)[] = [];
  const kinds = new Set<Kind>();
  for (const value of q.is) {
    const kind = IS_KIND[value];
    if (kind) kinds.add(kind);
    else tests.push(isTest(value));
  }
  if (kinds.size > 0) tests.push((i) => kinds.has(i.meta.kind));
  for (const value of q.excludedIs) {
    const kind = IS_KIND[value];
    const test = kind ? (i: NotebookItem) => i.meta.kind === kind : isTest(value);
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
  if (tests.length === 0) return undefined;
  return (item) => tests.every((test) => test(item));
}

/** `is:orphan`, `is:commented`; an `is:` we do not know finds nothing rather than everything. */
function isTest(value: string): (item: NotebookItem) => boolean {
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
  item: NotebookItem,
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
