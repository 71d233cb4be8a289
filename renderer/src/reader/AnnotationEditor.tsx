import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { HighlightColor } from '../../../shared/colors.ts';
import type { Annotation, Tag } from '../../../shared/model.ts';
import { ColorPicker } from '../ui/ColorPicker.tsx';
import { TagInput } from '../ui/TagInput.tsx';

export type EditorFocus = 'dialog' | 'tag' | 'comment';

export interface AnnotationEditorActions {
  onColor: (color: HighlightColor) => void;
  onAddTag: (tag: Tag) => void;
  onCreateTag: (name: string) => void;
  onRemoveTag: (tagId: string) => void;
  onComment: (comment: string) => void;
  onDelete: () => void;
  onClose: () => void;
  onSwitch: (annotationId: string) => void;
}

const COMMENT_SAVE_DELAY_MS = 500;

/**
 * Edit one highlight: colour, tags, comment, delete. The comment saves itself shortly after
 * typing stops and on leaving the box; Ctrl/Cmd+Enter saves and closes; Escape closes.
 */
export function AnnotationEditor({
  annotation,
  overlapping,
  tags,
  focus,
  position,
  actions,
}: {
  annotation: Annotation;
  /** Every highlight under the clicked point, this one included, innermost first. */
  overlapping: readonly Annotation[];
  tags: readonly Tag[];
  focus: EditorFocus;
  position: { top: number; left: number };
  actions: AnnotationEditorActions;
}) {
  const [comment, setComment] = useState(annotation.comment);
  const [saved, setSaved] = useState<'saved' | 'editing'>('saved');
  const dialogRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ comment, stored: annotation.comment, save: actions.onComment });
  latest.current = { comment, stored: annotation.comment, save: actions.onComment };

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per opened highlight.
  useEffect(() => {
    if (focus === 'comment') commentRef.current?.focus({ preventScroll: true });
    else if (focus === 'dialog') dialogRef.current?.focus({ preventScroll: true });
    dialogRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [annotation.id, focus]);

  const saveNow = () => {
    window.clearTimeout(timer.current);
    const { comment: text, stored, save } = latest.current;
    if (text !== stored) {
      save(text);
      // The saved text comes back as a prop later; until then, do not save it again.
      latest.current.stored = text;
    }
    setSaved('saved');
  };
  // Whatever is typed is saved when the editor goes away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: saveNow reads the latest values from a ref.
  useEffect(() => () => saveNow(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      saveNow();
      actions.onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      saveNow();
      actions.onClose();
    }
  };

  const index = overlapping.findIndex((a) => a.id === annotation.id);
  return (
    <div
      ref={dialogRef}
      className="annotation-editor popover"
      role="dialog"
      aria-label="Edit highlight"
      tabIndex={-1}
      style={{ top: position.top, left: position.left }}
      onKeyDown={onKeyDown}
    >
      <div className="editor-row">
        <ColorPicker value={annotation.color} onChange={actions.onColor} />
        {overlapping.length > 1 && (
          <div className="overlap-switch">
            <button
              type="button"
              aria-label="Previous overlapping highlight"
              onClick={() =>
                actions.onSwitch(
                  overlapping[(index - 1 + overlapping.length) % overlapping.length]!.id,
                )
              }
            >
              ‹
            </button>
            <span aria-live="polite">
              {index + 1} of {overlapping.length}
            </span>
            <button
              type="button"
              aria-label="Next overlapping highlight"
              onClick={() => actions.onSwitch(overlapping[(index + 1) % overlapping.length]!.id)}
            >
              ›
            </button>
          </div>
        )}
      </div>
      <blockquote className="editor-quote">{annotation.target.quote.exact}</blockquote>
      <TagInput
        allTags={tags}
        selectedIds={annotation.tagIds}
        onAdd={actions.onAddTag}
        onCreate={actions.onCreateTag}
        onRemove={actions.onRemoveTag}
        autoFocus={focus === 'tag'}
      />
      <label className="comment-field">
        <span className="visually-hidden">Comment</span>
        <textarea
          ref={commentRef}
          rows={3}
          placeholder="Comment (Markdown)…"
          value={comment}
          onChange={(e) => {
            setComment(e.target.value);
            setSaved('editing');
            window.clearTimeout(timer.current);
            timer.current = window.setTimeout(saveNow, COMMENT_SAVE_DELAY_MS);
          }}
          onBlur={saveNow}
        />
      </label>
      <div className="editor-footer">
        <span className="save-state" aria-live="polite">
          {saved === 'saved' ? 'Saved' : 'Editing…'}
        </span>
        <button type="button" className="danger" onClick={actions.onDelete}>
          Delete
        </button>
        <button
          type="button"
          onClick={() => {
            saveNow();
            actions.onClose();
          }}
        >
          Done
        </button>
      </div>
    </div>
  );
}
