import type { ReactNode } from 'react';
import type { HighlightColor } from '../../../shared/colors.ts';
import { ColorPicker } from '../ui/ColorPicker.tsx';
import type { EditorFocus } from './AnnotationEditor.tsx';

/** Appears over a text selection: pick a colour to highlight, or go straight to tag or comment. */
export function SelectionToolbar({
  position,
  onHighlight,
}: {
  position: { top: number; left: number };
  onHighlight: (color: HighlightColor | null, then: EditorFocus) => void;
}) {
  return (
    <SelectionPopover label="Highlight the selection" position={position}>
      <ColorPicker
        value={null}
        onChange={(color) => onHighlight(color, 'dialog')}
        label="Highlight in colour"
      />
      <span className="toolbar-divider" aria-hidden="true" />
      <button type="button" title="Highlight and tag (T)" onClick={() => onHighlight(null, 'tag')}>
        Tag
      </button>
      <button
        type="button"
        title="Highlight and comment (C)"
        onClick={() => onHighlight(null, 'comment')}
      >
        Comment
      </button>
    </SelectionPopover>
  );
}

/** In its place while a highlight is re-attached: attach it to the selected text (Enter). */
export function AttachToolbar({
  position,
  onAttach,
}: {
  position: { top: number; left: number };
  onAttach: () => void;
}) {
  return (
    <SelectionPopover label="Re-attach the highlight" position={position}>
      <button type="button" className="primary" title="Attach here (Enter)" onClick={onAttach}>
        Attach here
      </button>
    </SelectionPopover>
  );
}

/** A toolbar over the text selection, which it keeps while it is clicked. */
function SelectionPopover({
  label,
  position,
  children,
}: {
  label: string;
  position: { top: number; left: number };
  children: ReactNode;
}) {
  return (
    <div
      className="selection-toolbar popover"
      role="toolbar"
      aria-label={label}
      style={{ top: position.top, left: position.left }}
      // Keep the text selection while the toolbar is clicked.
      onMouseDown={(e) => e.preventDefault()}
    >
      {children}
    </div>
  );
}
