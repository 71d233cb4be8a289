import '../styles/outline.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { NotebookDocument } from '../../../shared/model.ts';
import { documentOutline, type OutlineEntry } from '../../../shared/outline.ts';
import { IconButton } from '../ui/IconButton.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';

/**
 * The document's outline beside its title: a button that lists its headings (or a PDF's
 * bookmarks) to jump through a long text. Arrow keys move through the list, Enter goes,
 * Escape closes and gives focus back to the button. Hidden when the document has none.
 */
export function OutlineMenu({
  document,
  onGo,
}: {
  document: Pick<NotebookDocument, 'text' | 'blocks' | 'pdf'>;
  onGo: (entry: OutlineEntry) => void;
}) {
  const entries = useMemo(() => documentOutline(document), [document]);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    if (open) list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open]);

  if (entries.length === 0) return null;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const move = (from: HTMLElement, by: 1 | -1) => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.indexOf(from as HTMLButtonElement);
    items[(at + by + items.length) % items.length]?.focus();
  };
  return (
    <div className="outline-menu">
      <IconButton
        ref={button}
        label="Outline"
        aria-expanded={open}
        aria-controls={id}
        title="Outline: jump to a heading"
        onClick={() => setOpen(!open)}
      >
        <LineIcon d="M3 4h10M5 8h8M5 12h8M3 4v0" />
      </IconButton>
      {open && (
        <nav className="outline-popover" id={id} aria-label="Outline">
          <ul ref={list}>
            {entries.map((entry) => (
              <li
                key={`${entry.start}:${entry.title}`}
                style={{ paddingLeft: `${(entry.level - 1) * 12}px` }}
              >
                <button
                  type="button"
                  className="outline-entry"
                  onClick={() => {
                    onGo(entry);
                    setOpen(false);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      move(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                    } else if (e.key === 'Escape') {
                      e.preventDefault();
                      close();
                    }
                  }}
                >
                  {entry.title}
                  {entry.page !== undefined && (
                    <span className="outline-page">p. {entry.page + 1}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
