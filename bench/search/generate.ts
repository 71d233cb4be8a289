import { readFileSync } from 'node:fs';
import { tokenize } from '../../shared/search/text.ts';
import { mulberry32, type Random, shuffle } from './random.ts';

/**
 * Deterministic note-like data, shaped as the search issue describes: a title of 4–10 words, a
 * body of 40–120 words, a quote of 15–40 words and 1–4 tag paths (`actors/afghan`) from a pool
 * of 200. Words come from a vocabulary of 30,000 (the seed article's words, proper names with
 * diacritics, numbers and pronounceable pseudo-words) sampled with Zipf skew: a few words are
 * very common, most are rare — like real prose.
 */

export interface Note {
  id: string;
  title: string;
  body: string;
  quote: string;
  tags: string[];
}

export interface Vocabulary {
  /** By rank: the most frequent first. */
  words: string[];
  tags: string[];
  sampleWord(random: Random): string;
  sampleTag(random: Random): string;
}

export const VOCABULARY_SIZE = 30_000;
const ZIPF_EXPONENT = 1.0;
const TAG_ZIPF_EXPONENT = 0.8;

const REAL_NAMES = [
  ...'Hérat Fitrat Kābul Kandahār Jalālābād Mazār Bāmiyān Panjshīr Ghaznī'.split(' '),
  ...'Nangarhār Zabīhullah Mujāhid Haqqānī Karzaī Ghanī Müller Çelik Zürich'.split(' '),
  ...'Dvořák Łódź Gdańsk Québec Ségolène Søren Ángel José Nuñez Göteborg'.split(' '),
  ...'Kraków Brontë Zoë Façade Émile Ötzi Tromsø Reykjavík Malmö Dubrovnik'.split(' '),
  ...'Timișoara Şanlıurfa'.split(' '),
];

// Two empty onsets: some syllables start with their vowel.
const ONSETS = [
  ...'b c d f g h j k l m n p r s t v w z br ch cl cr dr fl gr kh pl pr sh st th tr'.split(' '),
  '',
  '',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ou', 'ia', 'y'];
const CODAS = ['', '', '', '', 'n', 'r', 's', 'l', 'm', 't', 'nd', 'rk', 'st', 'ng', 'sh'];
const ACCENTED: Record<string, string[]> = {
  a: ['á', 'ā', 'à', 'ä'],
  e: ['é', 'è', 'ē', 'ë'],
  i: ['í', 'ī', 'ï'],
  o: ['ó', 'ō', 'ö', 'ø'],
  u: ['ú', 'ū', 'ü'],
};

function pseudoWord(random: Random): string {
  // Whole syllables up to a length of 3–12 letters, most 5–9.
  const length = 3 + Math.floor(((random.next() + random.next() + random.next()) / 3) * 8);
  let word = '';
  while (word.length < length) {
    word += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
  }
  return word.slice(0, 12);
}

function properName(random: Random): string {
  let word = pseudoWord(random);
  if (random.chance(0.4)) {
    const chars = [...word];
    const vowels = chars.flatMap((c, i) => (ACCENTED[c] ? [i] : []));
    if (vowels.length > 0) {
      const at = random.pick(vowels);
      chars[at] = random.pick(ACCENTED[chars[at]!]!);
      word = chars.join('');
    }
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

/** The seed article's words with their counts; all-capitals shouted words lower-cased. */
function articleWords(): Map<string, number> {
  const text = readFileSync(new URL('../../resources/seed-article.txt', import.meta.url), 'utf8');
  const counts = new Map<string, { count: number; capitalized: number; surface: string }>();
  for (const [raw] of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (raw.length < 2 && raw.toLowerCase() !== 'a') continue;
    const word = raw.length > 1 && raw === raw.toUpperCase() ? raw.toLowerCase() : raw;
    const key = word.toLowerCase();
    const entry = counts.get(key) ?? { count: 0, capitalized: 0, surface: key };
    entry.count++;
    if (word[0] !== word[0]!.toLowerCase()) {
      entry.capitalized++;
      entry.surface = word;
    }
    counts.set(key, entry);
  }
  // A word is written capitalized only if it always is (names); others in lower case.
  return new Map(
    [...counts].map(([key, e]) => [e.capitalized === e.count ? e.surface : key, e.count]),
  );
}

function zipfSampler<T>(items: readonly T[], exponent: number): (random: Random) => T {
  const cdf = new Float64Array(items.length);
  let total = 0;
  for (let r = 0; r < items.length; r++) {
    total += 1 / (r + 1) ** exponent;
    cdf[r] = total;
  }
  return (random) => {
    const u = random.next() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
}

export function buildVocabulary(seed = 20_251_001): Vocabulary {
  const random = mulberry32(seed);
  const seen = new Set<string>();
  const add = (list: string[], word: string) => {
    const key = tokenize(word).join('');
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    list.push(word);
  };
  // The article's repeated words (the, of, afghan, …) take the top ranks in their order of
  // frequency; its one-off words join the long tail.
  const article = [...articleWords()].sort((a, b) => b[1] - a[1]);
  const top: string[] = [];
  for (const [word, count] of article) if (count >= 2) add(top, word);
  const tail: string[] = [];
  for (const [word, count] of article) if (count < 2) add(tail, word);
  for (const name of REAL_NAMES) add(tail, name);
  for (let i = 0; i < 400; i++) add(tail, properName(random));
  for (let n = 0; n <= 100; n++) add(tail, String(n));
  for (let year = 1950; year <= 2030; year++) add(tail, String(year));
  while (top.length + tail.length < VOCABULARY_SIZE) add(tail, pseudoWord(random));
  const words = [...top, ...shuffle(tail, random)];

  // 200 tag paths: 10 categories × 20 names taken from mid-frequency words.
  const categories = [
    'actors',
    'places',
    'themes',
    'sources',
    'events',
    'status',
    'people',
    'orgs',
    'methods',
    'questions',
  ];
  const tagNames = new Set<string>();
  const tags: string[] = [];
  for (const category of categories) {
    for (let k = 0; k < 20; ) {
      const name = words[random.int(150, 8000)]!.toLowerCase();
      if (/^\d+$/.test(name) || tagNames.has(name)) continue;
      tagNames.add(name);
      tags.push(`${category}/${name}`);
      k++;
    }
  }
  shuffle(tags, random);

  return {
    words,
    tags,
    sampleWord: zipfSampler(words, ZIPF_EXPONENT),
    sampleTag: zipfSampler(tags, TAG_ZIPF_EXPONENT),
  };
}

const capitalize = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function sentences(vocab: Vocabulary, random: Random, wordCount: number): string {
  const parts: string[] = [];
  let left = wordCount;
  while (left > 0) {
    const n = Math.min(left, random.int(8, 20));
    left -= n;
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      let word = vocab.sampleWord(random);
      if (i === 0) word = capitalize(word);
      if (i < n - 1 && random.chance(0.07)) word += random.chance(0.8) ? ',' : ';';
      words.push(word);
    }
    parts.push(`${words.join(' ')}.`);
  }
  return parts.join(' ');
}

export function generateNote(vocab: Vocabulary, random: Random, id: string): Note {
  const titleWords: string[] = [];
  const titleLength = random.int(4, 10);
  for (let i = 0; i < titleLength; i++) titleWords.push(vocab.sampleWord(random));
  titleWords[0] = capitalize(titleWords[0]!);
  const tags = new Set<string>();
  const tagCount = random.int(1, 4);
  while (tags.size < tagCount) tags.add(vocab.sampleTag(random));
  return {
    id,
    title: titleWords.join(' '),
    body: sentences(vocab, random, random.int(40, 120)),
    quote: sentences(vocab, random, random.int(15, 40)),
    tags: [...tags],
  };
}

/** `count` notes; the same seed gives the same notes, and a smaller set is a prefix of a larger. */
export function generateNotes(vocab: Vocabulary, count: number, seed = 7): Note[] {
  const random = mulberry32(seed);
  const notes: Note[] = [];
  for (let i = 0; i < count; i++) notes.push(generateNote(vocab, random, `n${i}`));
  return notes;
}
