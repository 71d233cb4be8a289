import '../styles/minimap.css';
import { memo, useCallback, useDeferredValue, useMemo, useRef } from 'react';
import { HIGHLIGHT_COLORS } from '../../../shared/colors.ts';
import { type MinimapMark, minimapMarks } from '../../../shared/minimap.ts';
import type { Annotation, NotebookDocument } from '../../../shared/model.ts';

/**
 * A strip beside the reader's scrollbar with a mark per highlight (one per row where many
 * crowd), in its colour, where it stands in the document; a click goes to it. The marks are
 * buttons, so the keyboard reaches them too, each named with its place.
 *
 * It follows the highlights a moment behind (a deferred value): a new highlight is painted in
 * the text and listed first, and the strip's 5,000-highlight pass comes after; each mark is
 * its own memoised button, so only the rows that changed are drawn again.
 */
export function HighlightMinimap({
  document,
  annotations,
  onJump,
}: {
  document: Pick<NotebookDocument, 'text' | 'pdf'>;
  annotations: readonly Annotation[];
  onJump: (annotation: Annotation) => void;
}) {
  const shown = useDeferredValue(annotations);
  const marks = useMemo(() => minimapMarks(shown, document), [shown, document]);
  const byId = useRef(new Map<string, Annotation>());
  byId.current = useMemo(() => new Map(shown.map((a) => [a.id, a])), [shown]);
  const jumpTo = useRef(onJump);
  jumpTo.current = onJump;
  const jump = useCallback((id: string) => {
    const annotation = byId.current.get(id);
    if (annotation) jumpTo.current(annotation);
  }, []);
  if (marks.length === 0) return null;
  return (
    <nav className="minimap" aria-label="Highlights in this document, by place">
      {marks.map((m) => (
        <MarkButton key={m.id} {...m} onJump={jump} />
      ))}
    </nav>
  );
}

const MarkButton = memo(function MarkButton({
  id,
  count,
  color,
  top,
  onJump,
}: MinimapMark & { onJump: (id: string) => void }) {
  return (
    <button
      type="button"
      className={`minimap-mark ${HIGHLIGHT_COLORS.includes(color) ? `mark-${color}` : ''}`}
      style={{ top: `${(top * 100).toFixed(2)}%` }}
      aria-label={`${count === 1 ? 'Highlight' : `${count} highlights`} at ${Math.round(top * 100)}% of the document`}
      title={count === 1 ? 'Go to this highlight' : `Go to the first of ${count} highlights here`}
      onClick={() => onJump(id)}
    />
  );
});
