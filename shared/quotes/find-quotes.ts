import { type Attribution, createAttributor } from './attribution.ts';
import { confidenceOf, GUESS_CONFIDENCE, UNSURE_BELOW } from './confidence.ts';
import { hasSpeechCue, kindOf } from './kinds.ts';
import { readPeople } from './people.ts';
import { findQuotationSpans, type QuotationSpan } from './quote-marks.ts';
import { findSentences } from './sentences.ts';
import { tokenize } from './tokens.ts';
import type { QuoteCandidate, QuoteKind } from './types.ts';

/** Is `offset` inside a quotation (marks included)? Spans are sorted and disjoint. */
function insideSpans(spans: readonly QuotationSpan[]) {
  return (offset: number) => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = spans[mid] as QuotationSpan;
      if (offset < s.open) hi = mid - 1;
      else if (offset > s.close) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Paragraph index of an offset: paragraphs are lines. */
function paragraphIndex(text: string) {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return (offset: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** What a candidate says of its speaker: kind, confidence, unsure, the next best candidates. */
function rate(
  a: Attribution | null,
  kind: QuoteKind,
  guess: { speaker: string; alternatives: string[] } | null,
) {
  if (a?.speaker) {
    const confidence = confidenceOf(a, kind);
    return {
      speakerKind: a.via === 'organisation' ? ('organisation' as const) : ('person' as const),
      confidence,
      unsure: confidence < UNSURE_BELOW,
      alternatives: [a.rival, ...(guess?.alternatives ?? [])]
        .filter((n): n is string => !!n && n !== a.speaker)
        .filter((n, i, all) => all.indexOf(n) === i)
        .slice(0, 2),
    };
  }
  if (guess)
    return {
      speakerKind: 'person' as const,
      confidence: GUESS_CONFIDENCE,
      unsure: true,
      alternatives: guess.alternatives.filter((n) => n !== guess.speaker).slice(0, 2),
    };
  return { speakerKind: null, confidence: 0, unsure: false, alternatives: [] as string[] };
}

/**
 * The previous quotation's speaker goes on; `across` a paragraph break that is a weaker reading
 * (news often starts a new speaker's paragraph with their words and names them later), and one
 * that goes on from a guessed speaker is a guess.
 */
const continuing = (last: QuoteCandidate, across = false): Attribution => ({
  // Going on from a guess (no attribution read at all) is no surer than it.
  doubt: last.evidence === null || last.unsure ? 1 : across ? 0.6 : 0,
  shape: 'continuation',
  verb: null,
  verbStart: null,
  speaker: last.speaker,
  role: last.role,
  mention: last.evidence?.mention ?? last.speaker ?? '',
  mentionStart: last.evidence?.mentionStart ?? last.open,
  introducedAt: last.evidence?.introducedAt ?? null,
  via: last.speakerKind === 'organisation' ? 'organisation' : 'person',
});

/**
 * The quotations in a document's text, each with the speaker the text credits it to and the
 * evidence. Deterministic, rule-based and linear in the text: quotation marks, sentence
 * boundaries and the document's own names are read once, then each quotation looks only at
 * its own sentence and the ones just before it.
 */
export function findQuotes(text: string): QuoteCandidate[] {
  const spans = findQuotationSpans(text);
  if (spans.length === 0) return [];
  const tokens = tokenize(text, insideSpans(spans));
  const sentences = findSentences(text, spans);
  const people = readPeople(text, tokens);
  const attributor = createAttributor(text, tokens, people, sentences);
  const paragraphOf = paragraphIndex(text);

  const candidates: QuoteCandidate[] = [];
  // Who the last sure quotations were credited to, latest first.
  const recentSpeakers: string[] = [];
  // The last quotation that is somebody's words, where it stands.
  let previous: { candidate: QuoteCandidate; sentence: number; paragraph: number } | null = null;
  spans.forEach((span, k) => {
    const sentence = sentences.indexAt(span.open);
    const paragraph = paragraphOf(span.open);
    const { start: sentenceStart, end: sentenceEnd } = sentences.bounds(sentence);
    const before = spans[k - 1];
    const from = before && before.close >= sentenceStart ? before.close + 1 : sentenceStart;
    // The words inside the marks, without the spaces French sets inside guillemets.
    const raw = text.slice(span.open + 1, span.close);
    const start = span.open + 1 + (raw.length - raw.trimStart().length);
    const end = span.close - (raw.length - raw.trimEnd().length);
    if (start >= end) return; // `« »`: nothing quoted
    const inner = text.slice(start, end);
    const lead = text.slice(from, span.open);
    // Only the words just before the mark matter: slicing from the sentence's start would make a
    // sentence of many quotations quadratic.
    const sentenceLead = text.slice(Math.max(sentenceStart, span.open - 80), span.open);
    const atSentenceStart = span.open - sentenceStart <= 80 && sentenceLead.trim() === '';
    const last = previous?.candidate;
    // The rest of an interrupted statement (`"Those numbers," he said, "are from…"`) is part of it.
    const resumes =
      before !== undefined && from > sentenceStart && last?.kind === 'direct' && lead.length <= 40;

    // `"Does he not understand…?" Biden said.`: a quotation that ends its sentence is
    // followed by its attribution in what reads as the next one.
    const endsSentence = /^[ \t\u00a0]*$/.test(text.slice(span.close + 1, sentenceEnd));
    let attribution =
      // Not cut at the next quotation: `"…," Texas delegate Bill Eastland, wearing "Ted Cruz"
      // pins, said` (the reading stops at a quotation outside a clause between commas).
      attributor.after(span.close, sentenceEnd) ??
      (endsSentence
        ? attributor.after(span.close, sentences.bounds(sentence + 1).end, true)
        : null) ??
      attributor.before(from, span.open) ??
      // `Djokovic told a TV interviewer that he is feeling "…" before the "…"`: the verb
      // may stand before an earlier quotation in the same sentence.
      (from > sentenceStart ? attributor.before(Math.max(sentenceStart, from - 300), from) : null);
    if (!attribution && last?.speaker && previous?.sentence === sentence)
      attribution = continuing(last);
    if (!attribution && atSentenceStart && lead.trim() === '') {
      attribution = attributor.introducedBy(sentence);
      // A quotation with no attribution of its own, in the paragraph after (or the sentence
      // after) one by a named speaker, goes on with their words.
      if (
        !attribution &&
        last?.speaker &&
        previous &&
        (previous.sentence >= sentence - 1 || previous.paragraph >= paragraph - 1) &&
        !attributor.someoneElseBetween(previous.sentence, sentence, last.speaker)
      )
        attribution = continuing(last, previous.paragraph < paragraph);
    }
    // A quotation inside a sentence that reports speech, or after its colon, is its subject's.
    // Bounded, so a sentence of thousands of quotations stays linear.
    const speechCue = () =>
      hasSpeechCue(
        tokens,
        Math.max(sentenceStart, span.open - 300),
        Math.min(sentenceEnd, span.close + 300),
      );
    if (!attribution && !atSentenceStart && (/:\s*$/.test(lead) || speechCue()))
      attribution = attributor.subjectOfSentence(sentenceStart, span.open);

    const kind = resumes
      ? 'direct'
      : kindOf(inner, sentenceLead, {
          credited:
            attribution !== null &&
            attribution.shape !== 'sentence-subject' &&
            (attribution.speaker !== null || attribution.role !== null),
          speechCue,
        });
    // A scare quote keeps a speaker only when an attribution verb names one right there.
    // Nor does the sentence's subject credit anyone when it names no one (`City officials on
    // Monday called…`): that is no attribution, and no role either.
    const credited =
      (kind === 'scare' && (!attribution?.speaker || attribution.shape === 'sentence-subject')) ||
      (attribution?.shape === 'sentence-subject' && !attribution.speaker)
        ? null
        : attribution;
    // Who else it might be: who spoke last, then those named just before. With no attribution
    // in reach, the best of them is offered as an unsure guess rather than nothing.
    const nearby = kind === 'scare' ? [] : attributor.nearbySpeakers(span.open, recentSpeakers);
    // A quotation credited to an unnamed source (`a council spokesman said`) gets no guess.
    const guess =
      !credited && nearby.length > 0
        ? { speaker: nearby[0] as string, alternatives: nearby }
        : credited?.speaker
          ? { speaker: credited.speaker, alternatives: nearby }
          : null;
    const candidate: QuoteCandidate = {
      text: inner,
      start,
      end,
      open: span.open,
      close: span.close,
      kind,
      speaker: credited?.speaker ?? guess?.speaker ?? null,
      role: credited?.role ?? null,
      evidence: credited
        ? {
            shape: credited.shape,
            verb: credited.verb,
            verbStart: credited.verbStart,
            mention: credited.mention,
            mentionStart: credited.mentionStart,
            introducedAt: credited.introducedAt,
          }
        : null,
      ...rate(credited, kind, guess),
    };
    candidates.push(candidate);
    if (kind !== 'scare') previous = { candidate, sentence, paragraph };
    if (candidate.speaker && !candidate.unsure) {
      attributor.noteSpeaker(candidate.speaker);
      if (recentSpeakers[0] !== candidate.speaker) recentSpeakers.unshift(candidate.speaker);
      recentSpeakers.length = Math.min(recentSpeakers.length, 3);
    }
  });
  return candidates;
}
