import { createAttributor } from './attribution.ts';
import { readPeople } from './people.ts';
import { findQuotationSpans, type QuotationSpan } from './quote-marks.ts';
import { findSentences } from './sentences.ts';
import { tokenize } from './tokens.ts';
import type { QuoteCandidate, QuoteKind } from './types.ts';

/** Up to this many words inside a sentence, a quotation is a scare quote, not a statement. */
const SCARE_MAX_WORDS = 4;

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

function kindOf(inner: string, lead: string): QuoteKind {
  const words = inner.trim().split(/\s+/).length;
  const midSentence = /[\p{L}\p{N},]/u.test(lead) && !/:\s*$/.test(lead);
  return words <= SCARE_MAX_WORDS && midSentence && !/[,!?]$/.test(inner.trim())
    ? 'scare'
    : 'direct';
}

/**
 * The quotations in a document's text, each with the speaker the text credits it to and the
 * evidence. Deterministic, rule-based and linear in the text: quotation marks, sentence
 * boundaries and the document's own names are read once, then each quotation looks only at
 * its own sentence and the one before.
 */
export function findQuotes(text: string): QuoteCandidate[] {
  const spans = findQuotationSpans(text);
  if (spans.length === 0) return [];
  const tokens = tokenize(text, insideSpans(spans));
  const sentences = findSentences(text, spans);
  const people = readPeople(text, tokens);
  const attributor = createAttributor(text, tokens, people, sentences);

  const candidates: QuoteCandidate[] = [];
  let previous: { candidate: QuoteCandidate; sentence: number } | null = null;
  spans.forEach((span, k) => {
    const sentence = sentences.indexAt(span.open);
    const { start: sentenceStart, end: sentenceEnd } = sentences.bounds(sentence);
    const before = spans[k - 1];
    const from = before && before.close >= sentenceStart ? before.close + 1 : sentenceStart;
    const nextOpen = spans[k + 1]?.open ?? text.length;
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
    // The rest of an interrupted statement (`"Those numbers," he said, "are from…"`) is part of it.
    const resumes =
      before !== undefined &&
      from > sentenceStart &&
      candidates.at(-1)?.kind === 'direct' &&
      lead.length <= 40;
    const kind = resumes ? 'direct' : kindOf(inner, sentenceLead);

    let attribution =
      attributor.after(span.close, Math.min(sentenceEnd, nextOpen)) ??
      attributor.before(from, span.open);
    if (!attribution && kind === 'direct' && atSentenceStart && lead.trim() === '') {
      attribution = attributor.introducedBy(sentence);
      const last = previous?.candidate;
      if (
        !attribution &&
        last?.speaker &&
        last.kind === 'direct' &&
        previous &&
        previous.sentence >= sentence - 1
      ) {
        attribution = {
          shape: 'continuation',
          verb: null,
          verbStart: null,
          speaker: last.speaker,
          role: last.role,
          mention: last.evidence?.mention ?? last.speaker,
          mentionStart: last.evidence?.mentionStart ?? last.open,
          introducedAt: last.evidence?.introducedAt ?? null,
        };
      }
    }
    const candidate: QuoteCandidate = {
      text: inner,
      start,
      end,
      open: span.open,
      close: span.close,
      kind,
      speaker: attribution?.speaker ?? null,
      role: attribution?.role ?? null,
      evidence: attribution
        ? {
            shape: attribution.shape,
            verb: attribution.verb,
            verbStart: attribution.verbStart,
            mention: attribution.mention,
            mentionStart: attribution.mentionStart,
            introducedAt: attribution.introducedAt,
          }
        : null,
    };
    candidates.push(candidate);
    if (kind === 'direct') previous = { candidate, sentence };
  });
  return candidates;
}
