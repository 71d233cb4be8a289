import { useEffect, useRef } from 'react';
import type { CellQuotes } from '../../../shared/analysis/types.ts';
import { plural } from '../../../shared/format.ts';
import { truncateQuote } from '../../../shared/quotes/suggestion-list.ts';
import { IconButton } from '../ui/IconButton.tsx';

/** The quotes behind the chosen cell; each opens in the reader. */
export function CellQuoteList({
  cell,
  unit,
  onOpen,
  onClose,
}: {
  cell: CellQuotes;
  unit: string;
  onOpen: (annotationId: string) => void;
  onClose: () => void;
}) {
  // The list opens beside the chart: focus goes to its heading, so the keyboard is there next
  // (Tab reaches the quotes) instead of behind every cell of the table.
  const heading = useRef<HTMLHeadingElement>(null);
  // Only when another cell is chosen: the same cell listed again (the notebook changed) leaves
  // the focus where it is.
  const which = `${cell.row.id}\u0000${cell.column.id}`;
  useEffect(() => {
    if (which) heading.current?.focus();
  }, [which]);
  return (
    <section className="analysis-cell-quotes" aria-labelledby="analysis-cell-title">
      <header>
        <h3 id="analysis-cell-title" ref={heading} tabIndex={-1}>
          {cell.row.label} × {cell.column.label}
        </h3>
        <span className="analysis-count">
          {plural(cell.total, 'quote')}
          {unit === 'passages' && ' in the passages counted'}
        </span>
        <IconButton label="Close the quote list" onClick={onClose}>
          ×
        </IconButton>
      </header>
      <ol>
        {cell.quotes.map((q) => (
          <li key={q.id}>
            <button type="button" onClick={() => onOpen(q.id)} title="Open in the reader">
              <q>{truncateQuote(q.exact, 280)}</q>
              <span className="cell-quote-meta">
                {q.documentTitle || 'Untitled document'}
                {q.tags.length > 0 && ` · ${q.tags.join(', ')}`}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {cell.total > cell.quotes.length && (
        <p className="analysis-note">
          and {plural(cell.total - cell.quotes.length, 'more quote')} (narrow the filters to see
          them).
        </p>
      )}
    </section>
  );
}
