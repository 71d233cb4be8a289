import { foldText, tokenize } from './text.ts';

/**
 * A search box's text, understood: fuzzy words, "exact phrases", -excluded words, and filters
 * (`tag:threat`, `doc:bagram`, `in:chapter-2` (a collection), `color:yellow`, `is:orphan`, `is:quote` / `note` / `tag` /
 * `document`). Filters and words combine; a filter's value may be quoted (`tag:"open questions"`).
 */
export interface SearchQuery {
  /** Folded words matched fuzzily (typos, prefixes of the last one while typing). */
  words: string[];
  /** Each phrase's folded words, to be found next to each other. */
  phrases: string[][];
  /** Folded words an item must not contain. */
  excluded: string[];
  /** Phrases an item must not contain. */
  excludedPhrases: string[][];
  tags: string[];
  excludedTags: string[];
  docs: string[];
  excludedDocs: string[];
  /** Collections (`in:`): items of documents in a collection with that name. */
  collections: string[];
  excludedCollections: string[];
  colors: string[];
  excludedColors: string[];
  is: string[];
  excludedIs: string[];
  /** The last word is still being typed: it also matches as a prefix. */
  lastIsPrefix: boolean;
}

const TOKEN = /(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))/g;
const FILTERS = new Set(['tag', 'doc', 'in', 'color', 'colour', 'is']);

export function parseQuery(input: string): SearchQuery {
  const query: SearchQuery = {
    words: [],
    phrases: [],
    excluded: [],
    excludedPhrases: [],
    tags: [],
    excludedTags: [],
    docs: [],
    excludedDocs: [],
    collections: [],
    excludedCollections: [],
    colors: [],
    excludedColors: [],
    is: [],
    excludedIs: [],
    lastIsPrefix: false,
  };
  // Curly quotes typed by a smart keyboard work as phrase quotes too.
  const text = input.replace(/[“”„]/g, '"');
  let lastWasWord = false;
  for (const match of text.matchAll(TOKEN)) {
    const [, minus, key, quoted, bare] = match;
    const value = (quoted ?? bare ?? '').trim();
    lastWasWord = false;
    const filter = key?.toLowerCase();
    if (filter && FILTERS.has(filter)) {
      if (value === '') continue;
      const folded = foldText(value);
      if (filter === 'tag') (minus ? query.excludedTags : query.tags).push(folded);
      else if (filter === 'doc') (minus ? query.excludedDocs : query.docs).push(folded);
      else if (filter === 'in')
        (minus ? query.excludedCollections : query.collections).push(folded);
      else if (filter === 'color' || filter === 'colour')
        (minus ? query.excludedColors : query.colors).push(folded);
      else (minus ? query.excludedIs : query.is).push(folded);
      continue;
    }
    // A filter still being typed ("tag:") is not a word to search for.
    if (
      !key &&
      quoted === undefined &&
      /^\w+:$/.test(value) &&
      FILTERS.has(value.slice(0, -1).toLowerCase())
    )
      continue;
    // `key:` that is no filter (a time like 10:30, a URL) is searched as text.
    const raw = key ? `${key}:${value}` : value;
    const words = tokenize(raw);
    if (words.length === 0) continue;
    if (quoted !== undefined && !key) {
      // Quoted means exactly these words, in this order (one word too: no typo tolerance).
      (minus ? query.excludedPhrases : query.phrases).push(words);
      continue;
    }
    if (minus) {
      query.excluded.push(...words);
      continue;
    }
    query.words.push(...words);
    lastWasWord = true;
  }
  // Typing "fight 20 ye" searches "ye" as the start of a word; after a space it is whole.
  query.lastIsPrefix = lastWasWord && !/\s$/.test(input) && query.words.length > 0;
  return query;
}

export function isEmptyQuery(q: SearchQuery): boolean {
  return (
    q.words.length === 0 &&
    q.phrases.length === 0 &&
    q.tags.length === 0 &&
    q.excludedTags.length === 0 &&
    q.excludedPhrases.length === 0 &&
    q.docs.length === 0 &&
    q.excludedDocs.length === 0 &&
    q.collections.length === 0 &&
    q.excludedCollections.length === 0 &&
    q.colors.length === 0 &&
    q.excludedColors.length === 0 &&
    q.is.length === 0 &&
    q.excludedIs.length === 0
  );
}
