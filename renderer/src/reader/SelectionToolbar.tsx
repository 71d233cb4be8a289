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
    <div
      className="selection-toolbar popover"
      role="toolbar"
      aria-label="Highlight the selection"
      style={{ top: position.top, left: position.left }}
      // Keep the text selection while the toolbar is clicked.
      onMouseDown={(e) => e.preventDefault()}
    >
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
    </div>
  );
}
