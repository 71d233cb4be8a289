import { type KeyboardEvent, useEffect, useRef } from 'react';
import { quoteText } from '../../../shared/annotations.ts';
import type { HighlightColor } from '../../../shared/colors.ts';
import type { Annotation, Tag } from '../../../shared/model.ts';
import { ColorPicker } from '../ui/ColorPicker.tsx';
import { TagInput } from '../ui/TagInput.tsx';
import { describeSaveState, useAutosave } from '../ui/use-autosave.ts';

export type EditorFocus = 'dialog' | 'tag' | 'comment';

export interface AnnotationEditorActions {
  onColor: (color: HighlightColor) => void;
  onAddTag: (tag: Tag) => void;
  onCreateTag: (name: string) => void;
  onRemoveTag: (tagId: string) => void;
  /** Resolves once the comment is stored; rejects with the reason it was not. */
  onComment: (comment: string) => Promise<unknown>;
  onDelete: () => void;
  onClose: () => void;
  onSwitch: (annotationId: string) => void;
}

const COMMENT_SAVE_DELAY_MS = 500;
/** The contract's limit for a comment. */
const COMMENT_MAX_LENGTH = 100_000;

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
  const comment = useAutosave(actions.onComment, annotation.comment, COMMENT_SAVE_DELAY_MS);
  const dialogRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per opened highlight.
  useEffect(() => {
    if (focus === 'comment') commentRef.current?.focus({ preventScroll: true });
    else if (focus === 'dialog') dialogRef.current?.focus({ preventScroll: true });
    dialogRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [annotation.id, focus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      comment.flush();
      actions.onClose();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      comment.flush();
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
      <blockquote className="editor-quote">{quoteText(annotation)}</blockquote>
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
          maxLength={COMMENT_MAX_LENGTH}
          value={comment.value}
          onChange={(e) => comment.change(e.target.value)}
          onBlur={comment.flush}
        />
      </label>
      <div className="editor-footer">
        <span className={`save-state save-${comment.state}`} aria-live="polite">
          {describeSaveState(comment.state, comment.error)}
        </span>
        <button type="button" className="danger" onClick={actions.onDelete}>
          Delete
        </button>
        <button
          type="button"
          onClick={() => {
            comment.flush();
            actions.onClose();
          }}
        >
          Done
        </button>
      </div>
    </div>
  );
}
