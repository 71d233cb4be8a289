import type { MethodInput, QuoteSuggestion } from '../contract.ts';
import type { Annotation, Tag } from '../model.ts';
import { speakerOfTag } from './speaker-tags.ts';
import type { QuoteEvidence } from './types.ts';

/**
 * What the quote finder's list shows and does, as pure functions over `findQuotes` results and
 * the researcher's corrections: which candidates show, in what order, what "Accept all" takes,
 * and how a corrected speaker or span becomes an `acceptQuotes` entry.
 */

/** A suggestion's identity while the list is open: its place in the text. */
export const suggestionKey = (s: Pick<QuoteSuggestion, 'start' | 'end'>) => `${s.start}:${s.end}`;

/** The researcher's correction of a candidate before accepting it. */
export interface QuoteDraft {
  /** Full name, or null for "no speaker". */
  speaker: string | null;
  role: string | null;
  start: number;
  end: number;
}

export type AcceptEntry = MethodInput<'acceptQuotes'>['quotes'][number];

export interface ListOptions {
  /** Scare quotes (nobody's words: irony, terms, titles) are hidden unless asked for. */
  showScare: boolean;
}

export interface SuggestionList {
  /** Open and accepted candidates the options let through, in text order. */
  shown: QuoteSuggestion[];
  /** Set-aside candidates, in text order (shown only on request, to restore them). */
  dismissed: QuoteSuggestion[];
  counts: {
    total: number;
    /** Open and accepted among those shown. */
    open: number;
    accepted: number;
    dismissed: number;
    /** Scare quotes not dismissed, which `showScare: false` hides. */
    scare: number;
    /** What "Accept all" would take. */
    acceptable: number;
    /** Open quotations whose speaker the finder is unsure of (each needs a choice). */
    unsure: number;
  };
}

const byPosition = (a: QuoteSuggestion, b: QuoteSuggestion) => a.start - b.start || a.end - b.end;

export function listSuggestions(
  suggestions: readonly QuoteSuggestion[],
  options: ListOptions,
  drafts: ReadonlyMap<string, QuoteDraft> = new Map(),
): SuggestionList {
  const sorted = [...suggestions].sort(byPosition);
  const dismissed = sorted.filter((s) => s.status === 'dismissed');
  const live = sorted.filter((s) => s.status !== 'dismissed');
  const shown = options.showScare ? live : live.filter((s) => s.kind !== 'scare');
  return {
    shown,
    dismissed,
    counts: {
      total: sorted.length,
      open: shown.filter((s) => s.status === 'open').length,
      accepted: shown.filter((s) => s.status === 'accepted').length,
      dismissed: dismissed.length,
      scare: live.filter((s) => s.kind === 'scare').length,
      acceptable: acceptAllCandidates(sorted, drafts).length,
      unsure: shown.filter(
        (s) =>
          s.status === 'open' && s.kind !== 'scare' && stillUnsure(s, drafts.get(suggestionKey(s))),
      ).length,
    },
  };
}

/**
 * "Accept all" takes every open quotation, statement or partial, whose speaker the finder is
 * sure of (or that names nobody); scare quotes and unsure speakers are always a deliberate choice.
 */
export function acceptAllCandidates(
  suggestions: readonly QuoteSuggestion[],
  drafts: ReadonlyMap<string, QuoteDraft> = new Map(),
): QuoteSuggestion[] {
  return suggestions
    .filter(
      (s) =>
        s.status === 'open' && s.kind !== 'scare' && !stillUnsure(s, drafts.get(suggestionKey(s))),
    )
    .sort(byPosition);
}

/** Quotations to review in the text: every open one that is somebody's words. */
export function openQuotations(suggestions: readonly QuoteSuggestion[]): QuoteSuggestion[] {
  return suggestions.filter((s) => s.status === 'open' && s.kind !== 'scare').sort(byPosition);
}

/** An unsure candidate stays unsure until the researcher names a speaker in its draft. */
export function stillUnsure(s: QuoteSuggestion, draft: QuoteDraft | undefined): boolean {
  return s.unsure && cleanName((draft ?? draftOf(s)).speaker) === null;
}

/**
 * The draft a candidate starts from: the finder's speaker and role, the words inside the marks.
 * An unsure speaker is not asserted: accepted as it is, the quotation credits nobody until the
 * researcher picks one of the candidates (`speakerChoices`).
 */
export function draftOf(s: QuoteSuggestion): QuoteDraft {
  return s.unsure
    ? { speaker: null, role: null, start: s.start, end: s.end }
    : { speaker: s.speaker, role: s.role, start: s.start, end: s.end };
}

/** The two best candidates an unsure card offers, best first; none for a sure one. */
export function speakerChoices(
  s: Pick<QuoteSuggestion, 'unsure' | 'speaker' | 'alternatives'>,
): string[] {
  if (!s.unsure || !s.speaker) return [];
  return [s.speaker, ...s.alternatives.filter((n) => n !== s.speaker)].slice(0, 2);
}

/** A candidate chosen on an unsure card: the finder's role goes with the finder's best guess only. */
export function withChoice(s: QuoteSuggestion, draft: QuoteDraft, speaker: string): QuoteDraft {
  return { ...draft, speaker, role: speaker === s.speaker ? s.role : null };
}

/** What accepting a candidate sends: the correction when there is one, else the finder's reading. */
export function acceptEntry(s: QuoteSuggestion, draft?: QuoteDraft): AcceptEntry {
  const d = draft ?? draftOf(s);
  return { start: d.start, end: d.end, speaker: cleanName(d.speaker), role: cleanName(d.role) };
}

/** Entries for "Accept all", each with its correction applied. */
export function acceptAllEntries(
  suggestions: readonly QuoteSuggestion[],
  drafts: ReadonlyMap<string, QuoteDraft>,
): { suggestions: QuoteSuggestion[]; entries: AcceptEntry[] } {
  const chosen = acceptAllCandidates(suggestions, drafts);
  return {
    suggestions: chosen,
    entries: chosen.map((s) => acceptEntry(s, drafts.get(suggestionKey(s)))),
  };
}

function cleanName(value: string | null): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** Whether the draft differs from what the finder proposed. */
export function isEdited(s: QuoteSuggestion, draft: QuoteDraft | undefined): boolean {
  if (!draft) return false;
  // Against what the card starts from: an unsure card starts with no speaker, so choosing the
  // finder's best guess is a change worth keeping.
  const start = draftOf(s);
  return (
    cleanName(draft.speaker) !== cleanName(start.speaker) ||
    cleanName(draft.role) !== cleanName(start.role) ||
    draft.start !== start.start ||
    draft.end !== start.end
  );
}

/**
 * A new speaker typed into the draft. The role belongs to the speaker the finder saw: it goes
 * with a different name, and comes back when the finder's name is chosen again.
 */
export function withSpeaker(s: QuoteSuggestion, draft: QuoteDraft, speaker: string): QuoteDraft {
  const name = cleanName(speaker);
  const original = cleanName(s.speaker);
  const sameAsFinder = name !== null && original !== null && sameName(name, original);
  const wasFinders = draft.role === s.role;
  return {
    ...draft,
    speaker: speaker === '' ? null : speaker,
    role: sameAsFinder ? (draft.role ?? s.role) : wasFinders ? null : draft.role,
  };
}

const sameName = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** Whether the draft's span is the quotation with its marks (`open`..`close + 1`). */
export const includesMarks = (s: QuoteSuggestion, d: Pick<QuoteDraft, 'start' | 'end'>) =>
  d.start === s.open && d.end === s.close + 1;

/** Switch the span between the words inside the marks and the quotation with its marks. */
export function withMarks(s: QuoteSuggestion, draft: QuoteDraft, include: boolean): QuoteDraft {
  return include
    ? { ...draft, start: s.open, end: s.close + 1 }
    : { ...draft, start: s.start, end: s.end };
}

/** A span chosen in the reader, trimmed of surrounding white space; null when it holds no text. */
export function withSelection(
  draft: QuoteDraft,
  text: string,
  selection: { start: number; end: number },
): QuoteDraft | null {
  let { start, end } = selection;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { ...draft, start, end } : null;
}

/** Whether a span already carries its quotation marks (then it is shown without added ones). */
export const hasOwnMarks = (text: string) =>
  /^\s*["“”«»„‘’'‹›]/.test(text) && /["“”«»‘’'‹›]\s*$/.test(text);

/**
 * A long quotation cut at a word boundary, with an ellipsis: short ones whole, long ones by
 * their opening words (what a reader recognises them by).
 */
export function truncateQuote(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/, '')}…`;
}

const SHAPE_LABELS: Record<QuoteEvidence['shape'], string> = {
  'after-quote': 'after the quote',
  'before-quote': 'before the quote',
  'according-to': 'according to',
  'previous-sentence': 'sentence before',
  continuation: 'continues the previous quote',
  'sentence-subject': 'subject of the sentence',
};

/**
 * How the finder found the speaker, in the text's own words: `“Mujahid said” · after the quote`.
 * Null when there is no evidence.
 */
export function evidenceLabel(evidence: QuoteEvidence | null): {
  words: string | null;
  shape: string;
  introduced: boolean;
} | null {
  if (!evidence) return null;
  const { verb, verbStart, mention, mentionStart, shape } = evidence;
  let words: string | null = mention || null;
  if (verb && mention) {
    words =
      shape === 'according-to' || (verbStart !== null && verbStart < mentionStart)
        ? `${verb} ${mention}`
        : `${mention} ${verb}`;
  } else if (verb) words = verb;
  return {
    words,
    shape: SHAPE_LABELS[shape],
    introduced: evidence.introducedAt !== null,
  };
}

/**
 * Names to offer when correcting a speaker: those found in this document first (in order of
 * appearance), then the codebook's, without repeats (ignoring case).
 */
export function speakerOptions(
  suggestions: readonly QuoteSuggestion[],
  knownSpeakers: readonly string[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string | null) => {
    const clean = cleanName(name);
    if (!clean) return;
    const key = clean.toLocaleLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push(clean);
  };
  for (const s of [...suggestions].sort(byPosition)) add(s.speaker);
  for (const name of [...knownSpeakers].sort((a, b) => a.localeCompare(b))) add(name);
  return out;
}

/**
 * The speakers each accepted highlight is tagged with (`speaker/<Name>`), by highlight id: an
 * accepted candidate shows who the highlight credits, which may be a corrected name.
 */
export function speakersByAnnotation(
  annotations: readonly Pick<Annotation, 'id' | 'tagIds'>[],
  tags: readonly Pick<Tag, 'id' | 'name'>[],
): Map<string, string[]> {
  const speakerOf = new Map<string, string>();
  for (const tag of tags) {
    const name = speakerOfTag(tag);
    if (name !== null) speakerOf.set(tag.id, name);
  }
  const out = new Map<string, string[]>();
  for (const a of annotations) {
    const names = a.tagIds.map((id) => speakerOf.get(id)).filter((n): n is string => Boolean(n));
    out.set(a.id, names);
  }
  return out;
}

/** The span a candidate stands for now: its correction's, else the finder's. */
export function draftSpan(
  s: Pick<QuoteSuggestion, 'start' | 'end'>,
  drafts: ReadonlyMap<string, QuoteDraft>,
): { start: number; end: number } {
  const draft = drafts.get(suggestionKey(s));
  return draft ? { start: draft.start, end: draft.end } : { start: s.start, end: s.end };
}

/**
 * Where review goes on after a card is accepted or dismissed: the card after it, else the one
 * before, else nowhere. Keyboard focus follows it, so a researcher can keep pressing A or D.
 */
export function neighbourKey(shown: readonly QuoteSuggestion[], key: string): string | null {
  const i = shown.findIndex((s) => suggestionKey(s) === key);
  if (i < 0) return null;
  const next = shown[i + 1] ?? shown[i - 1];
  return next ? suggestionKey(next) : null;
}

export interface CardView {
  accepted: boolean;
  /** A correction that differs from the finder's reading (open candidates only). */
  edited: boolean;
  /** The finder is unsure and nobody has been chosen yet: show `choices`, not a name. */
  unsure: boolean;
  choices: string[];
  /** Who the card names: the accepted highlight's speakers, else the correction's or the finder's. */
  speaker: string | null;
  role: string | null;
  /** The corrected span's words, else the finder's. */
  text: string;
}

/** What a candidate's card shows, given its correction and, once accepted, its highlight's tags. */
export function cardView(
  s: QuoteSuggestion,
  draft: QuoteDraft | undefined,
  acceptedSpeakers: ReadonlyMap<string, readonly string[]>,
  documentText: string,
): CardView {
  if (s.status === 'accepted') {
    const credited = s.annotationId ? acceptedSpeakers.get(s.annotationId) : undefined;
    const view = { accepted: true, edited: false, unsure: false, choices: [], text: s.text };
    // Until its highlight's tags are known, the reading it was accepted with (an unsure guess
    // was not asserted, so nobody).
    const finders = draftOf(s);
    if (credited === undefined) return { ...view, speaker: finders.speaker, role: finders.role };
    // The highlight's speaker tags win (they may have been corrected, or removed); the finder's
    // role goes with the finder's speaker only.
    return credited.length > 0
      ? { ...view, speaker: credited.join(', '), role: null }
      : { ...view, speaker: null, role: finders.role };
  }
  const edited = isEdited(s, draft);
  const shown = draft ?? draftOf(s);
  const moved = edited && (shown.start !== s.start || shown.end !== s.end);
  const unsure = s.unsure && cleanName(shown.speaker) === null;
  return {
    accepted: false,
    edited,
    unsure,
    // Still offered once one is chosen, so the other can be chosen instead.
    choices: speakerChoices(s),
    speaker: cleanName(shown.speaker),
    role: shown.role,
    text: moved ? documentText.slice(shown.start, shown.end) : s.text,
  };
}
