import '../styles/minimap.css';
import { useMemo } from 'react';
import { HIGHLIGHT_COLORS } from '../../../shared/colors.ts';
import { minimapMarks } from '../../../shared/minimap.ts';
import type { Annotation, NotebookDocument } from '../../../shared/model.ts';

/**
 * A strip beside the reader's scrollbar with a mark per highlight (one per row where many
 * crowd), in its colour, where it stands in the document; a click goes to it. The marks are
 * buttons, so the keyboard reaches them too, each named with its place.
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
  const marks = useMemo(() => minimapMarks(annotations, document), [annotations, document]);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  if (marks.length === 0) return null;
  return (
    <nav className="minimap" aria-label="Highlights in this document, by place">
      {marks.map((m) => (
        <button
          key={m.id}
          type="button"
          className={`minimap-mark ${HIGHLIGHT_COLORS.includes(m.color) ? `mark-${m.color}` : ''}`}
          style={{ top: `${(m.top * 100).toFixed(2)}%` }}
          aria-label={`${m.count === 1 ? 'Highlight' : `${m.count} highlights`} at ${Math.round(m.top * 100)}% of the document`}
          title={
            m.count === 1 ? 'Go to this highlight' : `Go to the first of ${m.count} highlights here`
          }
          onClick={() => {
            const annotation = byId.get(m.id);
            if (annotation) onJump(annotation);
          }}
        />
      ))}
    </nav>
  );
}
