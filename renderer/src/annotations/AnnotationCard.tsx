import { type KeyboardEvent, memo } from 'react';
import { quoteText } from '../../../shared/annotations.ts';
import type { Annotation, NotebookDocument, NoteSummary, Tag } from '../../../shared/model.ts';
import { QUOTE_DRAG_TYPE, quoteBlock } from '../../../shared/note-links.ts';
import { colorTitle, useColorLabels } from '../preferences/color-labels.ts';
import type { PanelNotesActions } from './AnnotationPanel.tsx';
import { InsertIntoNote } from './InsertIntoNote.tsx';
import { QuoteSummary } from './QuoteSummary.tsx';

/**
 * One highlight in the panel: a button that jumps to it and opens it, the notes that cite it,
 * and "Start a note" / "Insert into note"; dragged, it carries its quote into a note. Drawn in
 * the normal flow of the panel's virtual list (which pads the list for the cards not drawn) and
 * measured by it whenever its size changes (`data-index`), so a card that grows pushes the next
 * one down rather than covering it. Memoised: a change to one highlight redraws its card only.
 */
export const AnnotationCard = memo(function AnnotationCard({
  annotation,
  index,
  measure,
  active,
  tagById,
  document,
  citedBy,
  notesActions,
  onOpen,
  onKeyDown,
}: {
  annotation: Annotation;
  index: number;
  measure: (element: Element | null) => void;
  active: boolean;
  tagById: ReadonlyMap<string, Tag>;
  document?: NotebookDocument;
  citedBy: readonly NoteSummary[];
  notesActions?: PanelNotesActions;
  onOpen: (annotation: Annotation) => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>, annotation: Annotation) => void;
}) {
  const labels = useColorLabels();
  return (
    <li
      ref={measure}
      data-index={index}
      className="annotation-row"
      draggable={Boolean(document)}
      onDragStart={(e) => {
        if (!document) return;
        e.dataTransfer.setData(QUOTE_DRAG_TYPE, annotation.id);
        e.dataTransfer.setData('text/plain', `\n${quoteBlock(annotation, document)}\n`);
        e.dataTransfer.effectAllowed = 'copy';
      }}
    >
      <button
        type="button"
        className={`annotation-card card-${annotation.color}${active ? ' active' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={() => onOpen(annotation)}
        onKeyDown={(e) => onKeyDown(e, annotation)}
      >
        {/* Named by what it shows, after the colour a sighted reader sees (WCAG 2.5.3). */}
        <span className="visually-hidden">{colorTitle(labels, annotation.color)} highlight: </span>
        <QuoteSummary
          annotation={annotation}
          tagById={tagById}
          remark={
            annotation.orphan && <span className="card-orphan">Not found in the current text</span>
          }
        />
      </button>
      {notesActions && (
        <div className="card-actions">
          {citedBy.length > 0 && (
            <span className="backlinks">
              <span className="backlinks-label">Cited in</span>
              {citedBy.map((note) => (
                <button
                  key={note.id}
                  type="button"
                  className="link-button"
                  onClick={() => notesActions.onOpenNote(note.id)}
                >
                  {note.title || 'Untitled note'}
                </button>
              ))}
            </span>
          )}
          <span className="card-buttons">
            <button
              type="button"
              className="link-button"
              aria-label={`Start a note from this quote: ${quoteText(annotation).slice(0, 40)}`}
              onClick={() => notesActions.onStartNote(annotation)}
            >
              Start a note
            </button>
            {notesActions.notes.length > 0 && (
              <InsertIntoNote
                notes={notesActions.notes}
                onPick={(noteId) => notesActions.onInsertIntoNote(annotation, noteId)}
              />
            )}
          </span>
        </div>
      )}
    </li>
  );
});
