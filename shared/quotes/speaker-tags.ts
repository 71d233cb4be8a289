import type { Annotation, NotebookDocument, Tag } from '../model.ts';
import { normalizeTagName } from '../tags.ts';

/** Accepted quotes carry this tag, and their speaker's tag sits under `SPEAKER_ROOT/`. */
export const QUOTE_TAG = 'quote';
export const SPEAKER_ROOT = 'speaker';

/**
 * The tag for a speaker: `speaker/<Name>`. A `/` in a name (`AC/DC`) would start a new level of
 * the codebook, so it becomes a look-alike division slash.
 */
export function speakerTagName(speaker: string): string {
  return normalizeTagName(`${SPEAKER_ROOT}/${speaker.replace(/\//g, '∕')}`);
}

/**
 * The speaker a tag names, or null when it is not directly under `speaker/`. The division slash
 * `speakerTagName` put in is turned back into `/`, so the name reads as the finder gave it (and
 * goes back through `speakerTagName` to the same tag).
 */
export function speakerOfTag(tag: Pick<Tag, 'name'>): string | null {
  const parts = tag.name.split('/');
  if (parts.length !== 2 || parts[0]?.toLowerCase() !== SPEAKER_ROOT) return null;
  return parts[1]?.replace(/∕/g, '/') ?? null;
}

/**
 * The highlight that accepted a quotation: one tagged as a quote that overlaps it (accepted with
 * a narrower span, it must not be offered again). A plain highlight over the same words does
 * not count: the researcher has not said who spoke them, and accepting adds that.
 */
export function coveringAnnotation(
  annotations: readonly Annotation[],
  start: number,
  end: number,
  quoteTagId: string | null,
): Annotation | undefined {
  if (quoteTagId === null) return undefined;
  return annotations.find((a) => {
    if (a.orphan || !a.tagIds.includes(quoteTagId) || 'area' in a.target) return false;
    const { start: s, end: e } = a.target.position;
    return Math.min(e, end) - Math.max(s, start) > 0;
  });
}

/** Dismissals are remembered by the quotation's words, so they survive a re-import. */
export function dismissedTexts(document: Pick<NotebookDocument, 'dismissedQuotes'>): Set<string> {
  return new Set((document.dismissedQuotes ?? []).map((d) => d.text));
}
