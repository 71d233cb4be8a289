import { useState } from 'react';
import type { NoteSummary } from '../../../shared/model.ts';

/**
 * "Insert into note…": a small list of notes to cite the quote in. A button per note, so neither
 * an arrow key nor type-ahead can insert anything by accident (a closed select would).
 */
export function InsertIntoNote({
  notes,
  onPick,
}: {
  notes: readonly NoteSummary[];
  onPick: (noteId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <span className="insert-into">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Insert into note…
      </button>
      {open && (
        <fieldset
          className="note-picker popover"
          aria-label="Insert into note"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setOpen(false);
          }}
        >
          {notes.map((note, i) => (
            <button
              key={note.id}
              type="button"
              // biome-ignore lint/a11y/noAutofocus: the list opens to be chosen from.
              autoFocus={i === 0}
              onClick={() => {
                setOpen(false);
                onPick(note.id);
              }}
            >
              {note.title || 'Untitled note'}
            </button>
          ))}
        </fieldset>
      )}
    </span>
  );
}
