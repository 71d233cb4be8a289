import type { QuoteSuggestion } from '../../../shared/contract.ts';
import type { CardView } from '../../../shared/quotes/suggestion-list.ts';

type Badge = { label: string; kind: 'partial' | 'scare' | 'edited' };

/**
 * Who a card credits: the speaker (a person or an organisation, each with its own icon) and
 * role, "Speaker unsure" when the finder will not assert one, or "No speaker found"; then the
 * card's badges.
 */
export function SpeakerLine({
  id,
  view,
  speakerKind,
  badges,
}: {
  id: string;
  view: CardView;
  speakerKind: QuoteSuggestion['speakerKind'];
  badges: (Badge | false)[];
}) {
  const shown = badges.filter((b): b is Badge => b !== false);
  return (
    <span className="quote-byline" id={id}>
      {speakerKind === 'organisation' && view.speaker && !view.unsure ? (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path
            d="M2.5 14V5.5L8 2.5l5.5 3V14M2 14h12M5.5 8v3.5M8 8v3.5M10.5 8v3.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      ) : (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <circle cx="8" cy="5.5" r="2.7" fill="none" stroke="currentColor" strokeWidth="1.3" />
          <path
            d="M3 14c.6-2.8 2.6-4.2 5-4.2s4.4 1.4 5 4.2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeLinecap="round"
          />
        </svg>
      )}
      <span className="quote-who">
        {view.unsure ? (
          <span className="quote-speaker unsure">Speaker unsure</span>
        ) : view.speaker ? (
          <span className="quote-speaker">{view.speaker}</span>
        ) : (
          <span className="quote-speaker none">No speaker found</span>
        )}
        {view.role && !view.unsure && <span className="quote-role">{view.role}</span>}
      </span>
      {shown.length > 0 && (
        <span className="quote-badges">
          {shown.map((b) => (
            <span key={b.label} className={`quote-badge ${b.kind}`}>
              {b.label}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
