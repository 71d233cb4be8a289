import Fuse from 'fuse.js';
import { type IndexItem, SearchIndex } from '../../electron/notebook/search/search-index.ts';
import { parseQuery } from '../../shared/search/query.ts';
import { tokenize } from '../../shared/search/text.ts';
import {
  buildVocabulary,
  generateNote,
  generateNotes,
  type Note,
  type Vocabulary,
} from './generate.ts';
import { CorpusStats, makePrefixQueries, makeTypoQueries, type TypoQuery } from './queries.ts';
import { mulberry32 } from './random.ts';
import { max, median, p95 } from './stats.ts';

/**
 * The search engine against the issue's targets: keystroke-to-results latency (typo queries and
 * 3-letter prefixes), known-item recall@10, incremental updates and build time, at each size,
 * with exhaustive fuse.js over the same notes as the baseline.
 */

export interface SearchRow {
  items: number;
  medianMs: number;
  p95Ms: number;
  prefixP95Ms: number;
  recallAt10: number;
  fuseP95Ms: number;
  fuseRecallAt10: number;
  updateMs: number;
  buildMs: number;
  // Beyond the issue's fields:
  prefixMedianMs: number;
  fuseMedianMs: number;
  fuseBuildMs: number;
  fuseQueries: number;
  recallAt10SameQueries: number;
  editMs: number;
  addMs: number;
  removeMs: number;
  buildRuns: number;
  typoQueries: number;
  prefixQueries: number;
  /** The typo queries' source words typed correctly: what ranking alone achieves. */
  recallAt10NoTypos: number;
}

export interface SearchBenchOptions {
  sizes: number[];
  /** Skip the exhaustive fuse.js baseline (for profiling the engine alone). */
  fuse: boolean;
  /** Progress, to stderr. */
  log: (line: string) => void;
}

interface Miss {
  query: TypoQuery;
  rank: number;
  total: number;
  matchedTerms: string[];
}

interface SizeResult {
  row: SearchRow;
  misses: Miss[];
  typoQueries: TypoQuery[];
  updateDetail: string;
}

const TYPO_QUERIES = 200;
const PREFIX_QUERIES = 200;
const WARM_UP = 20;
const UPDATES = 200;

/** Exhaustive fuse.js takes seconds per query at 100k: it runs on the first n typo queries. */
export const fuseQueryCount = (size: number) => (size <= 1000 ? 200 : size <= 10_000 ? 40 : 10);
const buildRuns = (size: number) => (size <= 10_000 ? 3 : 1);

type Meta = null;
let fuseWarm = false;

const toItem = (note: Note): IndexItem<Meta> => ({
  id: note.id,
  fields: { title: note.title, quote: note.quote, tags: note.tags.join(' '), body: note.body },
  meta: null,
});

function timeQuery(index: SearchIndex<Meta>, text: string) {
  const start = performance.now();
  const result = index.search(parseQuery(text), { limit: 10 });
  const ms = performance.now() - start;
  return { ms, result };
}

function benchSize(vocab: Vocabulary, size: number, options: SearchBenchOptions): SizeResult {
  const { log } = options;
  log(`search ${size.toLocaleString('en')}: generating notes`);
  const notes = generateNotes(vocab, size);
  const items = notes.map(toItem);

  // Build: a fresh index, bulk-loaded as at start-up.
  const runs = buildRuns(size);
  const buildTimes: number[] = [];
  let index = new SearchIndex<Meta>();
  for (let r = 0; r < runs; r++) {
    log(`search ${size.toLocaleString('en')}: build ${r + 1}/${runs}`);
    const start = performance.now();
    const fresh = new SearchIndex<Meta>();
    // The start-up path: one bulk load (the app runs the same steps spread over event-loop turns).
    for (const _ of fresh.load(items));
    buildTimes.push(performance.now() - start);
    index = fresh;
  }

  log(`search ${size.toLocaleString('en')}: making queries`);
  const stats = new CorpusStats(notes);
  const typoQueries = makeTypoQueries(notes, stats, TYPO_QUERIES, 1000 + size);
  const prefixQueries = makePrefixQueries(notes, stats, PREFIX_QUERIES, 2000 + size);
  const warmUp = [
    ...makeTypoQueries(notes, stats, WARM_UP / 2, 3000 + size).map((q) => q.text),
    ...makePrefixQueries(notes, stats, WARM_UP / 2, 4000 + size).map((q) => q.text),
  ];

  log(`search ${size.toLocaleString('en')}: timing queries`);
  for (const text of warmUp) timeQuery(index, text);
  const typoTimes: number[] = [];
  const found: boolean[] = [];
  const misses: Miss[] = [];
  for (const query of typoQueries) {
    const { ms, result } = timeQuery(index, query.text);
    typoTimes.push(ms);
    const rank = result.hits.findIndex((h) => h.item.id === query.targetId);
    found.push(rank >= 0);
    if (rank < 0) {
      // Where it did rank, if at all, for the report.
      const all = index.search(parseQuery(query.text), { limit: size });
      misses.push({
        query,
        rank: all.hits.findIndex((h) => h.item.id === query.targetId),
        total: all.total,
        matchedTerms: all.matchedTerms,
      });
    }
  }
  // Diagnostic, untimed: the same queries typed without their typos (ranking alone).
  const foundExact = typoQueries.map((query) =>
    index
      .search(parseQuery(query.source), { limit: 10 })
      .hits.some((h) => h.item.id === query.targetId),
  );
  const prefixTimes = prefixQueries.map((q) => timeQuery(index, q.text).ms);

  // Incremental updates: edit (a few body words changed), add, remove.
  log(`search ${size.toLocaleString('en')}: timing updates`);
  const random = mulberry32(5000 + size);
  const editTimes: number[] = [];
  for (let k = 0; k < UPDATES; k++) {
    const note = notes[random.int(0, notes.length - 1)]!;
    const words = note.body.split(' ');
    for (let c = 0; c < 3; c++) words[random.int(0, words.length - 1)] = vocab.sampleWord(random);
    const edited = toItem({ ...note, body: words.join(' ') });
    const start = performance.now();
    index.set(edited);
    editTimes.push(performance.now() - start);
  }
  const addTimes: number[] = [];
  for (let k = 0; k < UPDATES; k++) {
    const item = toItem(generateNote(vocab, random, `new${k}`));
    const start = performance.now();
    index.set(item);
    addTimes.push(performance.now() - start);
  }
  const removeTimes: number[] = [];
  const ids = new Set<string>();
  while (ids.size < UPDATES) ids.add(notes[random.int(0, notes.length - 1)]!.id);
  for (const id of ids) {
    const start = performance.now();
    index.remove(id);
    removeTimes.push(performance.now() - start);
  }
  const edit = median(editTimes);
  const add = median(addTimes);
  const remove = median(removeTimes);
  const updateDetail =
    `edit ${fmt(edit)} (p95 ${fmt(p95(editTimes))}, max ${fmt(max(editTimes))}), ` +
    `add ${fmt(add)} (p95 ${fmt(p95(addTimes))}, max ${fmt(max(addTimes))}), ` +
    `remove ${fmt(remove)} (p95 ${fmt(p95(removeTimes))}, max ${fmt(max(removeTimes))}) ms`;

  // Baseline: exhaustive fuse.js over whole notes.
  const fuseCount = options.fuse ? Math.min(fuseQueryCount(size), typoQueries.length) : 0;
  let fuseBuild = Number.NaN;
  const fuseTimes: number[] = [];
  const fuseFound: boolean[] = [];
  if (options.fuse) {
    const fuseOptions = {
      keys: ['title', 'body', 'quote', 'tags'],
      threshold: 0.35,
      ignoreLocation: true,
      includeScore: true,
    };
    const fuseBuilds: number[] = [];
    let fuse: Fuse<Note> | null = null;
    for (let r = 0; r < runs; r++) {
      log(`search ${size.toLocaleString('en')}: Fuse build ${r + 1}/${runs}`);
      const start = performance.now();
      fuse = new Fuse(notes, fuseOptions);
      fuseBuilds.push(performance.now() - start);
    }
    fuseBuild = median(fuseBuilds);
    // Warm up once per run (a query costs seconds at 100k).
    if (!fuseWarm) fuse!.search(warmUp[0]!, { limit: 10 });
    fuseWarm = true;
    for (let k = 0; k < fuseCount; k++) {
      log(`search ${size.toLocaleString('en')}: Fuse query ${k + 1}/${fuseCount}`);
      const query = typoQueries[k]!;
      const start = performance.now();
      const results = fuse!.search(query.text, { limit: 10 });
      fuseTimes.push(performance.now() - start);
      fuseFound.push(results.some((r) => r.item.id === query.targetId));
    }
  }

  const share = (flags: readonly boolean[]) =>
    flags.length === 0 ? Number.NaN : flags.filter(Boolean).length / flags.length;
  return {
    row: {
      items: size,
      medianMs: median(typoTimes),
      p95Ms: p95(typoTimes),
      prefixP95Ms: p95(prefixTimes),
      recallAt10: share(found),
      fuseP95Ms: p95(fuseTimes),
      fuseRecallAt10: share(fuseFound),
      updateMs: Math.max(edit, add, remove),
      buildMs: median(buildTimes),
      prefixMedianMs: median(prefixTimes),
      fuseMedianMs: median(fuseTimes),
      fuseBuildMs: fuseBuild,
      fuseQueries: fuseCount,
      recallAt10SameQueries: share(found.slice(0, fuseCount)),
      editMs: edit,
      addMs: add,
      removeMs: remove,
      buildRuns: runs,
      typoQueries: typoQueries.length,
      prefixQueries: prefixQueries.length,
      recallAt10NoTypos: share(foundExact),
    },
    misses,
    typoQueries,
    updateDetail,
  };
}

/** Every word of the query's source was among the vocabulary words its typed words matched. */
const resolved = (m: Miss) => tokenize(m.query.source).every((t) => m.matchedTerms.includes(t));

function fmt(ms: number): string {
  if (Number.isNaN(ms)) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

const pct = (share: number) => (Number.isNaN(share) ? '–' : `${(share * 100).toFixed(1)} %`);
const sizeName = (size: number) =>
  size >= 1000 && size % 1000 === 0 ? `${size / 1000}k` : String(size);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join(' │ ');
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function report(results: SizeResult[], options: SearchBenchOptions): string {
  const out: string[] = [];
  out.push('Search: our index vs exhaustive fuse.js (times in ms)');
  out.push('');
  out.push(
    table(
      [
        'items',
        'build',
        'median',
        'p95',
        'prefix p95',
        'recall@10',
        'update',
        'Fuse build',
        'Fuse median',
        'Fuse p95',
        'Fuse recall@10 (n)',
        'ours on same n',
      ],
      results.map(({ row }) => [
        row.items.toLocaleString('en'),
        `${fmt(row.buildMs)}${row.buildRuns === 1 ? '¹' : ''}`,
        fmt(row.medianMs),
        fmt(row.p95Ms),
        fmt(row.prefixP95Ms),
        pct(row.recallAt10),
        fmt(row.updateMs),
        fmt(row.fuseBuildMs),
        fmt(row.fuseMedianMs),
        fmt(row.fuseP95Ms),
        `${pct(row.fuseRecallAt10)} (${row.fuseQueries})`,
        pct(row.recallAt10SameQueries),
      ]),
    ),
  );
  out.push('');
  out.push(
    `Latency: parseQuery + search(limit 10) per query, typed without a trailing space (the last word also matches as a prefix); ${TYPO_QUERIES} known-item queries of 1–3 words with 1–2 typos (median, p95) and ${PREFIX_QUERIES} 3-letter prefixes (prefix p95) per size, after ${WARM_UP} warm-up queries.`,
  );
  out.push(
    `Build: a fresh index bulk-loaded with every item (load(), the start-up path), median of 3 builds at ≤ 10,000 items; ¹ one build only.`,
  );
  out.push(
    `Update: the worst of the medians of ${UPDATES} set() of an edited item, ${UPDATES} set() of a new item and ${UPDATES} remove():`,
  );
  for (const r of results) out.push(`  ${sizeName(r.row.items)}: ${r.updateDetail}`);
  if (options.fuse) {
    out.push(
      `Fuse: new Fuse(notes, { keys: title, body, quote, tags (array), threshold 0.35, ignoreLocation }), search(limit 10) on the first n typo queries only (slow): ${results.map((r) => `${r.row.fuseQueries} at ${sizeName(r.row.items)}`).join(', ')}; "ours on same n" is our recall@10 on those same queries.`,
    );
  } else out.push('Fuse: skipped (--no-fuse).');
  out.push('Query mix (one word / phrase; queries whose exact words are in more than 10 notes):');
  for (const r of results) {
    const words = r.typoQueries.filter((q) => q.kind === 'word').length;
    const vague = r.typoQueries.filter((q) => q.exactMatches > 10).length;
    out.push(
      `  ${sizeName(r.row.items)}: ${words} one-word, ${r.typoQueries.length - words} phrases; ${vague} ambiguous`,
    );
  }
  out.push('');
  out.push('Misses (typo queries whose note is not in our top 10; at most 8 shown per size):');
  for (const r of results) {
    const byKind = (kind: string) => r.misses.filter((m) => m.query.kind === kind).length;
    const unresolved = r.misses.filter((m) => !resolved(m)).length;
    const twoTypos = r.misses.filter((m) => m.query.typos.length === 2).length;
    const twoTyposAll = r.typoQueries.filter((q) => q.typos.length === 2).length;
    out.push(
      `  ${sizeName(r.row.items)}: ${r.misses.length} of ${r.typoQueries.length} (one-word ${byKind('word')}, phrase ${byKind('phrase')}; ` +
        `${twoTypos} of them with 2 typos, of ${twoTyposAll} such queries; ` +
        `${unresolved} with a typo'd word not matched to its true word, ${r.misses.length - unresolved} matched but ranked below 10); ` +
        `without the typos recall@10 is ${pct(r.row.recallAt10NoTypos)}`,
    );
    for (const m of r.misses.slice(0, 8)) {
      const where =
        m.rank < 0 ? `not matched (${m.total} matched)` : `rank ${m.rank + 1} of ${m.total}`;
      out.push(
        `    "${m.query.text}" ← "${m.query.source}" (${m.query.field}; ${m.query.typos.join(', ')}; exact in ${m.query.exactMatches}): ${where}`,
      );
    }
  }
  out.push('');
  out.push(...targetChecks(results));
  return out.join('\n');
}

function targetChecks(results: SizeResult[]): string[] {
  const at = (size: number) => results.find((r) => r.row.items === size)?.row;
  const lines = ['Targets:'];
  const check = (ok: boolean | null, text: string, value: string) =>
    lines.push(
      `  ${ok === null ? '–' : ok ? '✓' : '✗'} ${text}: ${ok === null ? 'not run' : value}`,
    );
  const latency = (size: number, limit: number) => {
    const row = at(size);
    check(
      row ? row.p95Ms <= limit : null,
      `p95 ≤ ${limit} ms at ${size.toLocaleString('en')} items, typo queries`,
      `${fmt(row?.p95Ms ?? Number.NaN)} ms`,
    );
    check(
      row ? row.prefixP95Ms <= limit : null,
      `p95 ≤ ${limit} ms at ${size.toLocaleString('en')} items, 3-letter prefixes`,
      `${fmt(row?.prefixP95Ms ?? Number.NaN)} ms`,
    );
  };
  latency(10_000, 16);
  latency(100_000, 50);
  for (const { row } of results) {
    check(
      row.recallAt10 >= 0.95,
      `recall@10 ≥ 95 % at ${row.items.toLocaleString('en')} items`,
      pct(row.recallAt10),
    );
  }
  for (const { row } of results) {
    const ok = row.fuseQueries === 0 ? null : row.recallAt10SameQueries >= row.fuseRecallAt10;
    check(
      ok,
      `recall@10 ≥ Fuse's at ${row.items.toLocaleString('en')} items (same ${row.fuseQueries} queries)`,
      `${pct(row.recallAt10SameQueries)} vs ${pct(row.fuseRecallAt10)}`,
    );
  }
  const big = at(100_000);
  check(
    big ? big.updateMs <= 5 : null,
    'update ≤ 5 ms at 100,000 items',
    `${fmt(big?.updateMs ?? Number.NaN)} ms`,
  );
  check(
    big ? big.buildMs <= 1000 : null,
    'build ≤ 1 s at 100,000 items',
    `${fmt(big?.buildMs ?? Number.NaN)} ms`,
  );
  return lines;
}

const round = (value: number, digits: number) =>
  Number.isNaN(value) ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** The row as JSON: milliseconds to 2 decimals, recall (a fraction) to 3 so it stays exact. */
export function rowJson(row: SearchRow): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      round(value, key.startsWith('recall') || key.startsWith('fuseRecall') ? 3 : 2),
    ]),
  );
}

export function benchSearch(options: SearchBenchOptions): { text: string; rows: SearchRow[] } {
  const vocab = buildVocabulary();
  const results = options.sizes.map((size) => benchSize(vocab, size, options));
  return { text: report(results, options), rows: results.map((r) => r.row) };
}
