import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import type { QuoteCandidate, QuoteKind } from '../../shared/quotes/types.ts';

/**
 * Scoring the quote finder against hand-checked texts. Two formats:
 * - our own texts in tests/fixtures/quotes: `NAME.txt` with `NAME.gold.json`, every quotation in
 *   order with its speaker (null when the text names nobody), its kind and, where the text gives
 *   one, its role;
 * - real news in the handbook's folders (`../shared/quotes-news-dev/`, and any folder of the same
 *   shape named on the command line): `NAME.txt` with `NAME-truth.json`
 *   (`{"quotes":[{"text","speaker","start","end"}]}`), and the spans in quotation marks that are
 *   nobody's words (titles, terms, scare quotes) listed per article in the folder's SOURCES.md.
 *   Those texts are read from where they are, never copied into the project.
 */
export interface GoldQuote {
  text: string;
  speaker: string | null;
  /** Own texts say direct, partial or scare; the news sets only say "a quotation". */
  kind?: QuoteKind;
  role?: string;
  start: number;
  end: number;
}

export interface GoldText {
  name: string;
  text: string;
  gold: GoldQuote[];
  /** Spans in quotation marks that are nobody's words: right when reported as scare quotes. */
  notQuotes: { text: string; start: number; end: number }[];
}

export interface GoldSet {
  name: string;
  texts: GoldText[];
  /** Our own texts, whose mistakes are always listed; real news is listed only on request. */
  own?: boolean;
}

export interface Score {
  name: string;
  /** Gold quotations. */
  gold: number;
  /** Candidates the finder reported (every kind). */
  found: number;
  /** Gold quotations found with exactly their span. */
  matched: number;
  /** Reports that are neither a gold quotation nor a not-quote rightly called a scare quote. */
  extra: number;
  /** Matched quotations whose gold speaker is named, and how many of those the finder got right. */
  named: number;
  speakerRight: number;
  /** Matched quotations whose text names nobody, and how many the finder left without a speaker. */
  unnamed: number;
  noneRight: number;
  kindGiven: number;
  kindRight: number;
  rolesGiven: number;
  roleRight: number;
  /** Speakers named (gold named, finder named someone) that were right or wrong, and how many of each were flagged unsure. */
  right: number;
  rightUnsure: number;
  wrong: number;
  wrongUnsure: number;
  mistakes: string[];
}

const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'quotes');
const SEED = join(ROOT, 'resources', 'seed-article.txt');
/** The handbook's development set of real news, beside the repository (CI has it there too). */
export const NEWS_DEV = join(ROOT, '..', 'shared', 'quotes-news-dev');

/** Where each gold quotation is: its words, found in order through the text. */
export function goldSpans(
  text: string,
  gold: readonly Omit<GoldQuote, 'start' | 'end'>[],
): GoldQuote[] {
  let from = 0;
  return gold.map((g) => {
    const start = text.indexOf(g.text, from);
    if (start < 0) throw new Error(`Gold quotation not in the text: ${g.text}`);
    from = start + g.text.length;
    return { ...g, start, end: from };
  });
}

/** The hand-marked texts of our own: `seed` is the sample article; `heldout-*` were not tuned on. */
export function goldTexts(): GoldText[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.gold\.json$/, '');
      const text = readFileSync(name === 'seed' ? SEED : join(FIXTURES, `${name}.txt`), 'utf8');
      const gold = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Omit<
        GoldQuote,
        'start' | 'end'
      >[];
      return { name, text, gold: goldSpans(text, gold), notQuotes: [] };
    });
}

const QUOTE_MARK = /["“”'‘’«»]/;

/**
 * The not-quotes SOURCES.md lists for each article: the last cell of its table row, a list of
 * `"words"` (each with a gloss in brackets), or `-`.
 */
function notQuotesListed(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const sources = join(dir, 'SOURCES.md');
  if (!existsSync(sources)) return out;
  for (const line of readFileSync(sources, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = cells[1];
    const last = cells.at(-2);
    if (!name || last === undefined || !existsSync(join(dir, `${name}.txt`))) continue;
    out.set(
      name,
      [...last.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string),
    );
  }
  return out;
}

/** Each listed not-quote where it stands in quotation marks in the text (first place not a gold quotation). */
function placeNotQuotes(text: string, listed: readonly string[], gold: readonly GoldQuote[]) {
  const out: GoldText['notQuotes'] = [];
  for (const words of listed) {
    for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
      const marked =
        QUOTE_MARK.test(text[at - 1] ?? '') && QUOTE_MARK.test(text[at + words.length] ?? '');
      const taken = gold.some((g) => g.start === at) || out.some((n) => n.start === at);
      if (marked && !taken) {
        out.push({ text: words, start: at, end: at + words.length });
        break;
      }
    }
  }
  return out;
}

/** A folder of real news in the handbook's format; null when it is not there. */
export function newsSet(dir: string, name = basename(dir)): GoldSet | null {
  if (!existsSync(dir)) return null;
  const listed = notQuotesListed(dir);
  const texts = readdirSync(dir)
    .filter((f) => f.endsWith('-truth.json'))
    .sort()
    .map((f) => {
      const article = f.replace(/-truth\.json$/, '');
      const text = readFileSync(join(dir, `${article}.txt`), 'utf8');
      const { quotes } = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        quotes: { text: string; speaker: string | null; start: number; end: number }[];
      };
      const gold = quotes.map((q) => ({
        text: q.text,
        speaker: q.speaker,
        start: q.start,
        end: q.end,
      }));
      return {
        name: article,
        text,
        gold,
        notQuotes: placeNotQuotes(text, listed.get(article) ?? [], gold),
      };
    });
  return { name, texts };
}

/** Names compare as the gold writes them: straight apostrophes, single spaces. */
const sameName = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : norm(a) === norm(b);
const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

export function score(
  name: string,
  text: string,
  gold: readonly GoldQuote[],
  notQuotes: GoldText['notQuotes'] = [],
): Score {
  const found: QuoteCandidate[] = findQuotes(text);
  const s: Score = {
    name,
    gold: gold.length,
    found: found.length,
    matched: 0,
    extra: 0,
    named: 0,
    speakerRight: 0,
    unnamed: 0,
    noneRight: 0,
    kindGiven: 0,
    kindRight: 0,
    rolesGiven: 0,
    roleRight: 0,
    right: 0,
    rightUnsure: 0,
    wrong: 0,
    wrongUnsure: 0,
    mistakes: [],
  };
  const at = (start: number, end: number) => found.find((q) => q.start === start && q.end === end);
  for (const g of gold) {
    const c = at(g.start, g.end);
    if (!c) {
      s.mistakes.push(`missed: ${g.text}`);
      continue;
    }
    s.matched++;
    const right = sameName(c.speaker, g.speaker);
    if (g.speaker !== null) {
      s.named++;
      if (right) s.speakerRight++;
    } else {
      s.unnamed++;
      if (right) s.noneRight++;
    }
    if (g.speaker !== null && c.speaker !== null) {
      if (right) {
        s.right++;
        if (c.unsure) s.rightUnsure++;
      } else {
        s.wrong++;
        if (c.unsure) s.wrongUnsure++;
      }
    }
    if (!right)
      s.mistakes.push(
        `speaker ${c.speaker}${c.unsure ? ' (unsure)' : ''} (want ${g.speaker}): ${g.text.slice(0, 70)}`,
      );
    s.kindGiven++;
    const kindRight = g.kind ? c.kind === g.kind : c.kind !== 'scare';
    if (kindRight) s.kindRight++;
    else
      s.mistakes.push(`kind ${c.kind} (want ${g.kind ?? 'a quotation'}): ${g.text.slice(0, 70)}`);
    if (g.role !== undefined) {
      s.rolesGiven++;
      if (c.role === g.role) s.roleRight++;
      else s.mistakes.push(`role ${c.role} (want ${g.role}): ${g.text.slice(0, 70)}`);
    }
  }
  for (const n of notQuotes) {
    const c = at(n.start, n.end);
    if (!c) continue;
    s.kindGiven++;
    if (c.kind === 'scare') s.kindRight++;
    else s.mistakes.push(`kind ${c.kind} (want scare: nobody's words): ${n.text}`);
  }
  for (const c of found) {
    if (gold.some((g) => g.start === c.start && g.end === c.end)) continue;
    const notQuote = notQuotes.some((n) => n.start === c.start && n.end === c.end);
    if (notQuote && c.kind === 'scare') continue;
    s.extra++;
    if (!notQuote) s.mistakes.push(`extra: ${c.text.slice(0, 70)}`);
  }
  return s;
}

const COUNTS = [
  'gold',
  'found',
  'matched',
  'extra',
  'named',
  'speakerRight',
  'unnamed',
  'noneRight',
  'kindGiven',
  'kindRight',
  'rolesGiven',
  'roleRight',
  'right',
  'rightUnsure',
  'wrong',
  'wrongUnsure',
] as const;

export function total(scores: readonly Score[], name = 'all'): Score {
  const out = {
    name,
    mistakes: scores.flatMap((s) => s.mistakes.map((m) => `${s.name}: ${m}`)),
  } as Score;
  for (const k of COUNTS) out[k] = scores.reduce((n, s) => n + s[k], 0);
  return out;
}

export const scoreSet = (set: GoldSet) =>
  set.texts.map((t) => score(t.name, t.text, t.gold, t.notQuotes));

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
/** Reports that are quotations, or not-quotes rightly called scare quotes. */
export const precision = (s: Score) => ratio(s.found - s.extra, s.found);
export const recall = (s: Score) => ratio(s.matched, s.gold);
/** Of the quotations found that have a speaker, how many the finder credits to them. */
export const speakerAccuracy = (s: Score) => ratio(s.speakerRight, s.named);
export const kindAccuracy = (s: Score) => ratio(s.kindRight, s.kindGiven);
