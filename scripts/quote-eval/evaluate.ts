import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findQuotes } from '../../shared/quotes/find-quotes.ts';
import type { QuoteCandidate, QuoteKind } from '../../shared/quotes/types.ts';

/**
 * Scoring the quote finder against hand-marked texts in tests/fixtures/quotes: each
 * `NAME.txt` has a `NAME.gold.json` listing every quotation in order with its speaker (null
 * when the text names nobody), its kind, and its role where the text gives one.
 */
export interface GoldQuote {
  text: string;
  speaker: string | null;
  kind: QuoteKind;
  role?: string;
}

export interface Score {
  name: string;
  gold: number;
  found: number;
  /** Found with exactly the gold span. */
  matched: number;
  speakerRight: number;
  kindRight: number;
  rolesGiven: number;
  roleRight: number;
  mistakes: string[];
}

export const FIXTURES = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'quotes');
const SEED = join(import.meta.dirname, '..', '..', 'resources', 'seed-article.txt');

/** The hand-marked texts: `seed` is the sample article; `heldout-*` were not tuned on. */
export function goldTexts(): { name: string; text: string; gold: GoldQuote[] }[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.gold\.json$/, '');
      const text = readFileSync(name === 'seed' ? SEED : join(FIXTURES, `${name}.txt`), 'utf8');
      return {
        name,
        text,
        gold: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as GoldQuote[],
      };
    });
}

/** Where each gold quotation is: its words, found in order through the text. */
export function goldSpans(text: string, gold: readonly GoldQuote[]) {
  let from = 0;
  return gold.map((g) => {
    const start = text.indexOf(g.text, from);
    if (start < 0) throw new Error(`Gold quotation not in the text: ${g.text}`);
    from = start + g.text.length;
    return { ...g, start, end: from };
  });
}

export function score(name: string, text: string, gold: readonly GoldQuote[]): Score {
  const found: QuoteCandidate[] = findQuotes(text);
  const s: Score = {
    name,
    gold: gold.length,
    found: found.length,
    matched: 0,
    speakerRight: 0,
    kindRight: 0,
    rolesGiven: 0,
    roleRight: 0,
    mistakes: [],
  };
  const spans = goldSpans(text, gold);
  for (const g of spans) {
    const c = found.find((q) => q.start === g.start && q.end === g.end);
    if (!c) {
      s.mistakes.push(`missed: ${g.text}`);
      continue;
    }
    s.matched++;
    if (c.speaker === g.speaker) s.speakerRight++;
    else s.mistakes.push(`speaker ${c.speaker} (want ${g.speaker}): ${g.text}`);
    if (c.kind === g.kind) s.kindRight++;
    else s.mistakes.push(`kind ${c.kind} (want ${g.kind}): ${g.text}`);
    if (g.role !== undefined) {
      s.rolesGiven++;
      if (c.role === g.role) s.roleRight++;
      else s.mistakes.push(`role ${c.role} (want ${g.role}): ${g.text}`);
    }
  }
  for (const c of found)
    if (!spans.some((g) => g.start === c.start && g.end === c.end))
      s.mistakes.push(`extra: ${c.text}`);
  return s;
}

export function total(scores: readonly Score[], name = 'all'): Score {
  const sum = (k: keyof Omit<Score, 'name' | 'mistakes'>) => scores.reduce((n, s) => n + s[k], 0);
  return {
    name,
    gold: sum('gold'),
    found: sum('found'),
    matched: sum('matched'),
    speakerRight: sum('speakerRight'),
    kindRight: sum('kindRight'),
    rolesGiven: sum('rolesGiven'),
    roleRight: sum('roleRight'),
    mistakes: scores.flatMap((s) => s.mistakes.map((m) => `${s.name}: ${m}`)),
  };
}

export const precision = (s: Score) => (s.found === 0 ? 1 : s.matched / s.found);
export const recall = (s: Score) => (s.gold === 0 ? 1 : s.matched / s.gold);
/** Of the quotations found with the right span, how many have the right speaker (or rightly none). */
export const speakerAccuracy = (s: Score) => (s.matched === 0 ? 1 : s.speakerRight / s.matched);
