import type { AgreementInput } from '../agreement/types.ts';
import type { LayerHighlight } from '../model.ts';

/**
 * A round's layers as the agreement module's input: each document its own continuum (its text's
 * length), each coder's highlight one segment per code it carries, codes by tag id.
 */
export function agreementInput(
  documents: readonly { id: string; length: number }[],
  layers: readonly { coder: string; highlights: readonly LayerHighlight[] }[],
): AgreementInput {
  const lengths = new Map(documents.map((d) => [d.id, d.length]));
  return {
    documents: documents.map((d) => ({ id: d.id, length: d.length })),
    coders: layers.map((l) => l.coder),
    segments: layers.flatMap((l) =>
      l.highlights.flatMap((h) =>
        lengths.has(h.documentId)
          ? h.tagIds.map((code) => ({
              coder: l.coder,
              document: h.documentId,
              code,
              start: h.start,
              end: h.end,
            }))
          : [],
      ),
    ),
  };
}
