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
 * A highlight covers a quotation when it overlaps at least half of it, or overlaps it at all
 * and is tagged as a quote (accepted with a narrower span, it must not be offered again).
 */
export function coveringAnnotation(
  annotations: readonly Annotation[],
  start: number,
  end: number,
  quoteTagId: string | null = null,
): Annotation | undefined {
  const length = end - start;
  return annotations.find((a) => {
    if (a.orphan) return false;
    const { start: s, end: e } = a.target.position;
    const overlap = Math.min(e, end) - Math.max(s, start);
    return (
      overlap >= length / 2 || (overlap > 0 && quoteTagId !== null && a.tagIds.includes(quoteTagId))
    );
  });
}

/** Dismissals are remembered by the quotation's words, so they survive a re-import. */
export function isDismissed(document: Pick<NotebookDocument, 'dismissedQuotes'>, text: string) {
  return (document.dismissedQuotes ?? []).some((d) => d.text === text);
}
