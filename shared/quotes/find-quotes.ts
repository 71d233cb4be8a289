import type { QuoteCandidate } from './types.ts';

/** STUB while the finder is written: straight double quotes only, no speakers. */
export function findQuotes(text: string): QuoteCandidate[] {
  const out: QuoteCandidate[] = [];
  const re = /"([^"\n]+)"/g;
  for (const m of text.matchAll(re)) {
    const open = m.index;
    const close = open + m[0].length - 1;
    out.push({
      text: m[1] ?? '',
      start: open + 1,
      end: close,
      open,
      close,
      kind: (m[1] ?? '').split(/\s+/).length <= 4 ? 'scare' : 'direct',
      speaker: null,
      role: null,
      evidence: null,
    });
  }
  return out;
}
