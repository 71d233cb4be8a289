import { describe, expect, it } from 'vitest';
import type { QuoteSuggestion } from '../../shared/contract.ts';
import {
  acceptAllCandidates,
  acceptAllEntries,
  acceptEntry,
  cardView,
  draftOf,
  draftSpan,
  evidenceLabel,
  hasOwnMarks,
  includesMarks,
  isEdited,
  listSuggestions,
  neighbourKey,
  openQuotations,
  type QuoteDraft,
  speakerChoices,
  speakerOptions,
  speakersByAnnotation,
  suggestionKey,
  truncateQuote,
  withChoice,
  withMarks,
  withSelection,
  withSpeaker,
} from '../../shared/quotes/suggestion-list.ts';

const TEXT =
  'Mujahid said: "We are ready to fight." Critics call it "theatre". "Never," said the board chair, Ann Lee. "It is over."';

/** A candidate over `words` in TEXT, the marks around it found in the text. */
function suggestion(words: string, overrides: Partial<QuoteSuggestion> = {}): QuoteSuggestion {
  const start = TEXT.indexOf(words);
  if (start < 0) throw new Error(`${words} is not in the text`);
  return {
    text: words,
    start,
    end: start + words.length,
    open: start - 1,
    close: start + words.length,
    kind: 'direct',
    speaker: null,
    role: null,
    evidence: null,
    speakerKind: overrides.speaker ? 'person' : null,
    confidence: overrides.speaker ? 0.95 : 0,
    unsure: false,
    alternatives: [],
    status: 'open',
    annotationId: null,
    ...overrides,
  };
}

const ready = suggestion('We are ready to fight.', {
  speaker: 'Mohammad Yaqoob Mujahid',
  role: 'Defense Minister',
  evidence: {
    shape: 'before-quote',
    verb: 'said',
    verbStart: 8,
    mention: 'Mujahid',
    mentionStart: 0,
    introducedAt: null,
  },
});
const theatre = suggestion('theatre', { kind: 'scare' });
const never = suggestion('Never,', {
  speaker: 'Ann Lee',
  role: 'board chair',
  status: 'accepted',
  annotationId: 'ann_1',
});
const over = suggestion('It is over.', { speaker: 'Ann Lee', role: 'board chair' });

describe('listSuggestions', () => {
  const all = [over, theatre, never, ready, suggestion('Critics', { status: 'dismissed' })];

  it('shows open and accepted candidates in text order, scare quotes only when asked', () => {
    const hidden = listSuggestions(all, { showScare: false });
    expect(hidden.shown.map((s) => s.text)).toEqual([ready.text, never.text, over.text]);
    expect(hidden.dismissed.map((s) => s.text)).toEqual(['Critics']);
    expect(hidden.counts).toEqual({
      total: 5,
      open: 2,
      accepted: 1,
      dismissed: 1,
      scare: 1,
      acceptable: 2,
      unsure: 0,
    });
    const shown = listSuggestions(all, { showScare: true });
    expect(shown.shown.map((s) => s.text)).toEqual([
      ready.text,
      theatre.text,
      never.text,
      over.text,
    ]);
    expect(shown.counts.open).toBe(3);
    // Accept all never takes a scare quote, shown or not.
    expect(shown.counts.acceptable).toBe(2);
  });

  it('is empty for a document without quotations', () => {
    expect(listSuggestions([], { showScare: false })).toEqual({
      shown: [],
      dismissed: [],
      counts: { total: 0, open: 0, accepted: 0, dismissed: 0, scare: 0, acceptable: 0, unsure: 0 },
    });
  });
});

describe('accepting', () => {
  it('sends the finder reading, or the correction when there is one', () => {
    expect(acceptEntry(ready)).toEqual({
      start: ready.start,
      end: ready.end,
      speaker: 'Mohammad Yaqoob Mujahid',
      role: 'Defense Minister',
    });
    const draft: QuoteDraft = { speaker: '  Zakir   Jalali ', role: '', start: 1, end: 9 };
    expect(acceptEntry(ready, draft)).toEqual({
      start: 1,
      end: 9,
      speaker: 'Zakir Jalali',
      role: null,
    });
  });

  it('accept all takes every open direct quotation with its correction, in text order', () => {
    const drafts = new Map([[suggestionKey(over), { ...draftOf(over), speaker: 'Someone Else' }]]);
    const { suggestions, entries } = acceptAllEntries([over, theatre, never, ready], drafts);
    expect(suggestions).toEqual([ready, over]);
    expect(entries.map((e) => e.speaker)).toEqual(['Mohammad Yaqoob Mujahid', 'Someone Else']);
  });
});

describe('correcting a candidate', () => {
  it('knows when a draft differs from the finder', () => {
    expect(isEdited(ready, undefined)).toBe(false);
    expect(isEdited(ready, draftOf(ready))).toBe(false);
    expect(isEdited(ready, { ...draftOf(ready), speaker: ' Mohammad Yaqoob Mujahid ' })).toBe(
      false,
    );
    expect(isEdited(ready, { ...draftOf(ready), speaker: 'Someone' })).toBe(true);
    expect(isEdited(ready, { ...draftOf(ready), end: ready.end - 1 })).toBe(true);
  });

  it('drops the finder role with another speaker and brings it back with the finder name', () => {
    const other = withSpeaker(ready, draftOf(ready), 'Zakir Jalali');
    expect(other).toMatchObject({ speaker: 'Zakir Jalali', role: null });
    expect(withSpeaker(ready, other, 'mohammad yaqoob mujahid').role).toBe('Defense Minister');
    // A role typed by the researcher stays whatever the name.
    const typed = { ...other, role: 'spokesman' };
    expect(withSpeaker(ready, typed, 'Z. Jalali').role).toBe('spokesman');
    expect(withSpeaker(ready, typed, '').speaker).toBeNull();
  });

  it('switches between the words inside the marks and the quotation with its marks', () => {
    const marked = withMarks(ready, draftOf(ready), true);
    expect(TEXT.slice(marked.start, marked.end)).toBe('"We are ready to fight."');
    expect(includesMarks(ready, marked)).toBe(true);
    const inside = withMarks(ready, marked, false);
    expect(inside).toEqual(draftOf(ready));
    expect(includesMarks(ready, inside)).toBe(false);
  });

  it('takes a selection in the text, trimmed of white space, and refuses an empty one', () => {
    const from = TEXT.indexOf(' ready');
    const taken = withSelection(draftOf(ready), TEXT, { start: from, end: from + 10 });
    expect(taken && TEXT.slice(taken.start, taken.end)).toBe('ready to');
    expect(withSelection(draftOf(ready), TEXT, { start: from, end: from + 1 })).toBeNull();
  });
});

describe('display', () => {
  it('cuts long quotations at a word, keeps short ones whole', () => {
    expect(truncateQuote('  short\n quote ')).toBe('short quote');
    const long = 'word '.repeat(60);
    const cut = truncateQuote(long, 40);
    expect(cut.endsWith('word…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(41);
    expect(truncateQuote('x'.repeat(50), 20)).toBe(`${'x'.repeat(20)}…`);
  });

  it('words the evidence as the text has it', () => {
    expect(evidenceLabel(null)).toBeNull();
    expect(evidenceLabel(ready.evidence)).toEqual({
      words: 'Mujahid said',
      shape: 'before the quote',
      introduced: false,
    });
    expect(
      evidenceLabel({
        shape: 'after-quote',
        verb: 'said',
        verbStart: 10,
        mention: 'the board chair',
        mentionStart: 15,
        introducedAt: 3,
      }),
    ).toEqual({ words: 'said the board chair', shape: 'after the quote', introduced: true });
    expect(
      evidenceLabel({
        shape: 'according-to',
        verb: 'according to',
        verbStart: 10,
        mention: 'officials',
        mentionStart: 23,
        introducedAt: null,
      })?.words,
    ).toBe('according to officials');
    expect(
      evidenceLabel({
        shape: 'continuation',
        verb: null,
        verbStart: null,
        mention: 'Lee',
        mentionStart: 0,
        introducedAt: 0,
      }),
    ).toEqual({ words: 'Lee', shape: 'continues the previous quote', introduced: true });
  });

  it('offers the document speakers first, then the codebook, once each', () => {
    expect(
      speakerOptions([over, ready, theatre], ['Zakir Jalali', 'ann lee', 'Adam Boehler']),
    ).toEqual(['Mohammad Yaqoob Mujahid', 'Ann Lee', 'Adam Boehler', 'Zakir Jalali']);
  });

  it('knows a span that carries its own quotation marks', () => {
    expect(hasOwnMarks('"We are ready."')).toBe(true);
    expect(hasOwnMarks('“Never,”')).toBe(true);
    expect(hasOwnMarks('We are ready.')).toBe(false);
  });

  it('names the speakers each accepted highlight is tagged with', () => {
    const tags = [
      { id: 't1', name: 'quote' },
      { id: 't2', name: 'speaker/Ann Lee' },
      { id: 't3', name: 'speaker/Ann Lee/aside' },
    ];
    const map = speakersByAnnotation(
      [
        { id: 'a1', tagIds: ['t1', 't2'] },
        { id: 'a2', tagIds: ['t1', 't3'] },
      ],
      tags,
    );
    expect(map.get('a1')).toEqual(['Ann Lee']);
    expect(map.get('a2')).toEqual([]);
  });
});

describe('review', () => {
  const ready = suggestion('We are ready to fight.', { speaker: 'Mohammad Yaqoob Mujahid' });
  const never = suggestion('Never,', { speaker: 'Ann Lee', role: 'board chair' });
  const over = suggestion('It is over.');

  it('moves on to the next card, else the one before, else nowhere', () => {
    const shown = [ready, never, over];
    expect(neighbourKey(shown, suggestionKey(ready))).toBe(suggestionKey(never));
    expect(neighbourKey(shown, suggestionKey(over))).toBe(suggestionKey(never));
    expect(neighbourKey([over], suggestionKey(over))).toBeNull();
    expect(neighbourKey(shown, '0:1')).toBeNull();
  });

  it('marks a candidate where its correction puts it', () => {
    const draft: QuoteDraft = { ...draftOf(ready), start: ready.start + 7, end: ready.end - 1 };
    const drafts = new Map([[suggestionKey(ready), draft]]);
    expect(draftSpan(ready, drafts)).toEqual({ start: ready.start + 7, end: ready.end - 1 });
    expect(draftSpan(never, drafts)).toEqual({ start: never.start, end: never.end });
  });

  it('shows a card as corrected, or once accepted as its highlight credits it', () => {
    const draft: QuoteDraft = {
      speaker: ' Zakir  Jalali ',
      role: null,
      start: ready.start + 7,
      end: ready.end,
    };
    expect(cardView(ready, draft, new Map(), TEXT)).toEqual({
      accepted: false,
      edited: true,
      unsure: false,
      choices: [],
      speaker: 'Zakir Jalali',
      role: null,
      text: 'ready to fight.',
    });
    expect(cardView(never, undefined, new Map(), TEXT)).toMatchObject({
      edited: false,
      speaker: 'Ann Lee',
      role: 'board chair',
      text: 'Never,',
    });
    const accepted = { ...never, status: 'accepted' as const, annotationId: 'a1' };
    // Retagged to someone else: their name, not the finder's role.
    expect(cardView(accepted, undefined, new Map([['a1', ['Ann Li']]]), TEXT)).toMatchObject({
      accepted: true,
      speaker: 'Ann Li',
      role: null,
    });
    // Accepted with no speaker: none shown, not the finder's.
    expect(cardView(accepted, undefined, new Map([['a1', []]]), TEXT).speaker).toBeNull();
    // Its highlight not loaded yet: the finder's reading.
    expect(cardView(accepted, undefined, new Map(), TEXT).speaker).toBe('Ann Lee');
  });
});

describe('unsure speakers and partial quotations', () => {
  const unsure = suggestion('It is over.', {
    speaker: 'Ann Lee',
    role: 'board chair',
    unsure: true,
    confidence: 0.4,
    alternatives: ['Mohammad Yaqoob Mujahid', 'Ann Lee', 'Someone Else'],
  });
  const partial = suggestion('theatre', { kind: 'partial', speaker: 'Ann Lee' });

  it('asserts no name on an unsure card: it offers the two best candidates instead', () => {
    expect(draftOf(unsure)).toMatchObject({ speaker: null, role: null });
    expect(speakerChoices(unsure)).toEqual(['Ann Lee', 'Mohammad Yaqoob Mujahid']);
    expect(speakerChoices(ready)).toEqual([]);
    expect(cardView(unsure, undefined, new Map(), TEXT)).toMatchObject({
      unsure: true,
      choices: ['Ann Lee', 'Mohammad Yaqoob Mujahid'],
      speaker: null,
    });
    // Accepted as it is, it credits nobody.
    expect(acceptEntry(unsure)).toMatchObject({ speaker: null, role: null });
  });

  it('credits the candidate chosen, with the finder role only for its own guess', () => {
    const first = withChoice(unsure, draftOf(unsure), 'Ann Lee');
    expect(first).toMatchObject({ speaker: 'Ann Lee', role: 'board chair' });
    const second = withChoice(unsure, draftOf(unsure), 'Mohammad Yaqoob Mujahid');
    expect(second).toMatchObject({ speaker: 'Mohammad Yaqoob Mujahid', role: null });
    expect(cardView(unsure, second, new Map(), TEXT)).toMatchObject({
      unsure: false,
      edited: true,
      // Still offered, so the other can be chosen instead.
      choices: ['Ann Lee', 'Mohammad Yaqoob Mujahid'],
      speaker: 'Mohammad Yaqoob Mujahid',
    });
    // Choosing the finder's own guess is a change too (the card started with nobody)…
    expect(isEdited(unsure, first)).toBe(true);
    // …and leaving it with nobody is none.
    expect(isEdited(unsure, draftOf(unsure))).toBe(false);
  });

  it('counts a chosen speaker as sure: Accept all takes it, with the choice', () => {
    const all = [ready, unsure];
    const drafts = new Map([
      [suggestionKey(unsure), withChoice(unsure, draftOf(unsure), 'Ann Lee')],
    ]);
    expect(listSuggestions(all, { showScare: false }).counts).toMatchObject({
      unsure: 1,
      acceptable: 1,
    });
    expect(listSuggestions(all, { showScare: false }, drafts).counts).toMatchObject({
      unsure: 0,
      acceptable: 2,
    });
    expect(acceptAllEntries(all, drafts).entries.map((e) => e.speaker)).toEqual([
      'Mohammad Yaqoob Mujahid',
      'Ann Lee',
    ]);
    // Every open quotation is still one to review in the text, unsure or not.
    expect(openQuotations([ready, unsure, theatre]).map((s) => s.text)).toEqual([
      ready.text,
      unsure.text,
    ]);
  });

  it('shows an unsure card accepted as it was as crediting nobody until its tags are known', () => {
    const accepted = { ...unsure, status: 'accepted' as const, annotationId: 'a9' };
    expect(cardView(accepted, undefined, new Map(), TEXT)).toMatchObject({
      speaker: null,
      role: null,
    });
    expect(cardView(accepted, undefined, new Map([['a9', []]]), TEXT)).toMatchObject({
      speaker: null,
      role: null,
    });
  });

  it('lists partial quotations with the others; Accept all leaves scare quotes and unsure speakers', () => {
    const all = [ready, theatre, partial, unsure];
    expect(listSuggestions(all, { showScare: false }).shown.map((s) => s.text)).toEqual([
      ready.text,
      'theatre',
      'It is over.',
    ]);
    expect(listSuggestions(all, { showScare: false }).counts).toMatchObject({
      scare: 1,
      unsure: 1,
      acceptable: 2,
    });
    expect(acceptAllCandidates(all).map((s) => s.kind)).toEqual(['direct', 'partial']);
  });
});
