import type { QuoteReference } from '../../../shared/model.ts';
import { LineIcon } from '../ui/LineIcon.tsx';

/**
 * The quotes a note cites, in order of first mention: the quoted text and its document. A click
 * shows the quote in the reader; a quote deleted since is listed as such.
 */
export function CitedQuotes({
  ids,
  refs,
  onOpenQuote,
}: {
  ids: readonly string[];
  refs: ReadonlyMap<string, QuoteReference>;
  onOpenQuote: (annotationId: string) => void;
}) {
  if (ids.length === 0) return null;
  return (
    <section className="cited-quotes" aria-label="Cited quotes">
      <header className="cited-header">
        <h2>Cited quotes</h2>
        <span className="count">{ids.length}</span>
      </header>
      <ul className="cited-list">
        {ids.map((id) => {
          const ref = refs.get(id);
          if (ref && !ref.found) {
            return (
              <li key={id} className="cited-quote cited-missing">
                <span className="cited-text">This quote was deleted.</span>
                <span className="cited-doc">Its citation stays in the note.</span>
              </li>
            );
          }
          return (
            <li key={id}>
              <button
                type="button"
                className={`cited-quote${ref ? ` card-${ref.color}` : ''}`}
                title="Show in the reader"
                onClick={() => onOpenQuote(id)}
              >
                <q className="cited-text">{ref?.exact ?? '…'}</q>
                <span className="cited-doc">
                  <LineIcon d="M4 1.75h5.25L12.5 5v9.25h-8.5zM9 2v3.25h3.25" size={12} />
                  <span>{ref ? ref.documentTitle || 'Untitled document' : ''}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
