import type { SpeakerSummary } from '../contract.ts';
import { plural } from '../format.ts';
import { foldText } from '../search/text.ts';

export type SpeakerQuote = SpeakerSummary['quotes'][number];

export interface DocumentGroup {
  documentId: string;
  documentTitle: string;
  quotes: SpeakerQuote[];
}

/** A speaker's quotes by document, documents by title, quotes in text order within each. */
export function groupByDocument(quotes: readonly SpeakerQuote[]): DocumentGroup[] {
  const groups = new Map<string, DocumentGroup>();
  for (const quote of quotes) {
    let group = groups.get(quote.documentId);
    if (!group) {
      group = { documentId: quote.documentId, documentTitle: quote.documentTitle, quotes: [] };
      groups.set(quote.documentId, group);
    }
    group.quotes.push(quote);
  }
  const out = [...groups.values()];
  for (const group of out) group.quotes.sort((a, b) => a.start - b.start);
  return out.sort(
    (a, b) =>
      a.documentTitle.localeCompare(b.documentTitle) || a.documentId.localeCompare(b.documentId),
  );
}

/** Up to two initials for an avatar: `Mohammad Yaqoob Mujahid` → `MM`, `Madonna` → `M`. */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w));
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = [first, last].filter(Boolean).map((w) => [...(w as string)][0]!.toUpperCase());
  return letters.join('') || '?';
}

/** Hues far enough apart to tell avatars side by side. */
const HUES = [212, 152, 28, 276, 346, 188, 92, 248, 4, 52];

/** A stable hue per name (FNV-1a), so a speaker keeps their colour from one visit to the next. */
export function avatarHue(name: string): number {
  let hash = 0x811c9dc5;
  for (const ch of name.toLowerCase()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return HUES[hash % HUES.length]!;
}

/** Speakers whose name or role holds every typed word (ignoring case, accents and the kind of apostrophe). */
export function filterSpeakers(
  speakers: readonly SpeakerSummary[],
  query: string,
): SpeakerSummary[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...speakers];
  return speakers.filter((s) => {
    const hay = foldText(`${s.name} ${s.role}`);
    return words.every((w) => hay.includes(w));
  });
}

/** `3 quotes · 2 documents` */
export function speakerStats(s: Pick<SpeakerSummary, 'quotes' | 'documentCount'>): string {
  return `${plural(s.quotes.length, 'quote')} · ${plural(s.documentCount, 'document')}`;
}
