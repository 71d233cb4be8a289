import { readFileSync } from 'node:fs';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import { countWords, paragraphsFromPlainText } from '../../shared/text/plain-text.ts';
import { mulberry32, type Random, shuffle } from '../search/random.ts';
import { median, p95 } from '../search/stats.ts';

/** Runs timed per size (after warm-up runs): the median of these is what is reported. */
const RUNS = 25;
const WARM_UP = 3;
/** The finder's budget: a 5,000-word article within 20 ms (median), so the reader never waits. */
export const BUDGET = { words: 5000, ms: 20 } as const;

export interface QuotesRow {
  words: number;
  characters: number;
  runs: number;
  medianMs: number;
  p95Ms: number;
  quotes: number;
  speakers: number;
}

const SEED_ARTICLE = readFileSync(
  new URL('../../resources/seed-article.txt', import.meta.url),
  'utf8',
);

// biome-ignore format: a table
const FIRST = [
  'Amina', 'Hamid', 'Farida', 'Karim', 'Laila', 'Omar', 'Nadia', 'Yusuf', 'Sara', 'Javed',
  'Maria', 'Tomas', 'Elena', 'Pieter', 'Grace', 'Kwame', 'Ingrid', 'Rahul', 'Mei', 'Diego',
];
// biome-ignore format: a table
const LAST = [
  'Rahimi', 'Noorzai', 'Sadat', 'Wardak', 'Haqqani', 'Popal', 'Stanekzai', 'Karimi', 'Ahmadzai',
  'Santos', 'Ekdahl', 'Okafor', 'Lindqvist', 'Mensah', 'Varga', 'Iyer', 'Chen', 'Morales',
  'Baumann', 'Costa', 'Novak', 'Haddad', 'Moreau', 'Petrov',
];
// biome-ignore format: a table
const ROLES = [
  'the deputy governor of Parwan', 'a spokesman for the Ministry of Defense', 'the border police chief',
  'a member of parliament', 'the director of the airport authority', 'a former army general',
  'an analyst at the Kabul Policy Institute', 'the head of the provincial council',
];
const VERBS = ['said', 'told reporters', 'added', 'warned', 'insisted', 'stated'];
const WORDS = (
  'we will not accept any foreign base on our soil and the people of this country have ' +
  'decided long ago that their land is not for sale to anyone who comes with threats or ' +
  'promises the agreement was signed in good faith and nobody can change that now our ' +
  'forces are ready to defend every district the negotiations must continue without ' +
  'preconditions'
).split(' ');

/** Every first name with every surname, in a fixed shuffled order; then with middle initials. */
const PAIRS = shuffle(
  FIRST.flatMap((first) => LAST.map((last) => [first, last] as const)),
  mulberry32(24),
);
function nameOf(index: number): string {
  const [first, last] = PAIRS[index % PAIRS.length]!;
  const round = Math.floor(index / PAIRS.length);
  return round === 0
    ? `${first} ${last}`
    : `${first} ${String.fromCharCode(64 + (round % 26))}. ${last}`;
}

interface Person {
  name: string;
  surname: string;
  role: string;
  pronoun: 'he' | 'she';
}

/** A sentence of quoted words, capitalised, without its final stop. */
function words(random: Random, min: number, max: number): string {
  const n = random.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(random.pick(WORDS));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A paragraph in one of the shapes the finder reads (after or before the quote, `according
 * to`, a statement introduced in the sentence before, a continuation, a pronoun, a scare
 * quote), in straight or curly quotation marks, by someone new or someone met before.
 */
function paragraph(random: Random, people: Person[]): string {
  const [open, close] = random.chance(0.5) ? ['"', '"'] : ['\u201c', '\u201d'];
  const q = (min: number, max: number) => `${open}${words(random, min, max)}`;
  const newcomer = people.length < 3 || random.chance(0.35);
  let person: Person;
  if (newcomer) {
    const index = people.length;
    person = {
      name: nameOf(index),
      surname: '',
      role: random.pick(ROLES),
      pronoun: index % 2 === 0 ? 'she' : 'he',
    };
    person.surname = person.name.split(' ').at(-1)!;
    people.push(person);
  } else person = random.pick(people);
  const intro = newcomer ? `${person.name}, ${person.role},` : person.surname;
  const verb = random.pick(VERBS);
  switch (random.int(0, 6)) {
    case 0:
      return `${q(8, 25)},${close} ${intro} ${verb}.`;
    case 1:
      return `${q(8, 25)},${close} said ${newcomer ? `${person.name}, ${person.role}` : person.surname}. ${q(5, 15)}.${close}`;
    case 2:
      return `${intro} ${verb}: ${q(8, 25)}.${close}`;
    case 3:
      return `The talks would ${open}${words(random, 4, 12).toLowerCase()}${close}, according to ${newcomer ? person.name : person.surname}.`;
    case 4:
      return `${intro} wrote in a statement on Monday. ${q(10, 30)}.${close}`;
    case 5:
      return `${intro} spoke after the meeting. ${q(8, 20)},${close} ${person.pronoun} said. Officials did not comment on the ${open}${random.pick(WORDS)} ${random.pick(WORDS)}${close} plan.`;
    default:
      return `Delegates met again in the capital on ${random.pick(['Sunday', 'Tuesday', 'Friday'])}, and the mood was described as ${open}${random.pick(['tense', 'cordial', 'frank'])}${close} by several people in the room.`;
  }
}

/**
 * A deterministic article of at least `target` words: the sample article, then paragraphs of
 * quotations by a growing cast (a new person every few paragraphs, so the finder's register of
 * speakers grows as in a long feature), in the canonical form the store keeps.
 */
export function articleOf(target: number, seed = 5000): string {
  const random = mulberry32(seed);
  const people: Person[] = [];
  const paragraphs = [SEED_ARTICLE.trim()];
  let words = countWords(SEED_ARTICLE);
  while (words < target) {
    const next = paragraph(random, people);
    paragraphs.push(next);
    words += countWords(next);
  }
  return paragraphsFromPlainText(paragraphs.join('\n\n')).text;
}

/** The finder on articles of each size: median and p95 of RUNS runs after warming up. */
export function benchQuotes(options: { sizes: number[]; log: (line: string) => void }) {
  const rows: QuotesRow[] = [];
  for (const size of options.sizes) {
    const text = articleOf(size);
    options.log(`quotes: ${size} words`);
    let found = findQuotes(text);
    for (let i = 0; i < WARM_UP; i++) found = findQuotes(text);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      found = findQuotes(text);
      times.push(performance.now() - started);
    }
    rows.push({
      words: countWords(text),
      characters: text.length,
      runs: RUNS,
      medianMs: Number(median(times).toFixed(2)),
      p95Ms: Number(p95(times).toFixed(2)),
      quotes: found.length,
      speakers: new Set(found.map((c) => c.speaker).filter((s) => s !== null)).size,
    });
  }
  const hostile = benchHostile(options.log);
  const atBudget = rows[options.sizes.indexOf(BUDGET.words)];
  const withinBudget = atBudget ? atBudget.medianMs <= BUDGET.ms : null;
  const lines = [
    ' words │ median ms │ p95 ms │ quotes │ speakers',
    ...rows.map(
      (r) =>
        `${String(r.words).padStart(6)} │ ${r.medianMs.toFixed(2).padStart(9)} │ ${r.p95Ms.toFixed(2).padStart(6)} │ ${String(r.quotes).padStart(6)} │ ${String(r.speakers).padStart(8)}`,
    ),
    atBudget
      ? `budget: ${BUDGET.ms} ms for ${BUDGET.words.toLocaleString('en')} words: ${withinBudget ? 'PASS' : 'FAIL'} (median ${atBudget.medianMs.toFixed(2)} ms)`
      : `budget: ${BUDGET.ms} ms for ${BUDGET.words.toLocaleString('en')} words: not measured (add ${BUDGET.words} to --sizes)`,
    '',
    ' hostile text                            │ ×1 ms    │ ×4 ms    │ growth (4 = linear)',
    ...hostile.map(
      (h) =>
        `${h.name.padEnd(40)} │ ${h.smallMs.toFixed(1).padStart(8)} │ ${h.largeMs.toFixed(1).padStart(8)} │ ${h.growth.toFixed(1)}`,
    ),
  ];
  return {
    text: lines.join('\n'),
    json: { budget: { ...BUDGET, pass: withinBudget }, rows, hostile },
  };
}

/**
 * Texts built to make a careless finder quadratic, at n and 4n: growth near 4 is linear. One
 * sentence of thousands of quotations with roles, or with pronouns; a paragraph of unclosed marks.
 */
const HOSTILE: { name: string; text: (n: number) => string }[] = [
  {
    name: 'one sentence of n quotations, roles',
    text: (n) => 'the committee "yes we can do it," the spokesperson said and '.repeat(n),
  },
  {
    name: 'one sentence of n quotations, pronouns',
    text: (n) => 'Foo "yes we can," he said and '.repeat(n),
  },
  {
    name: 'n quotations by n people, one paragraph',
    text: (n) =>
      Array.from(
        { length: n },
        (_, i) => `"Yes ${i}," said ${nameOf(i)} and ${nameOf(i + 1)}.`,
      ).join(' '),
  },
  { name: 'n unclosed marks in one paragraph', text: (n) => `${'“word and '.repeat(n)}end.` },
  {
    name: 'n pronouns after a long sentence',
    text: (n) => `${'blah '.repeat(3 * n)}. ${'"w," he said, '.repeat(n)}`,
  },
  {
    name: 'n institutions, each speaking',
    text: (n) =>
      Array.from({ length: n }, (_, i) => `The Zork${i} Committee said "x y z w v."`).join(' '),
  },
  {
    name: 'n spokesmen, each by role',
    text: (n) =>
      Array.from(
        { length: n },
        (_, i) => `spokesman Bob Zed${i} spoke. "a b c," the spokesman said.`,
      ).join(' '),
  },
];

function benchHostile(log: (line: string) => void) {
  const n = 5000;
  const time = (text: string) => {
    findQuotes(text);
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      findQuotes(text);
      times.push(performance.now() - started);
    }
    return median(times);
  };
  return HOSTILE.map((h) => {
    log(`quotes: hostile, ${h.name}`);
    const smallMs = time(h.text(n));
    const largeMs = time(h.text(4 * n));
    return {
      name: h.name,
      n,
      smallMs: Number(smallMs.toFixed(2)),
      largeMs: Number(largeMs.toFixed(2)),
      growth: Number((largeMs / smallMs).toFixed(2)),
    };
  });
}
