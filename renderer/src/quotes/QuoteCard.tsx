import { type KeyboardEvent, useId } from 'react';
import type { QuoteSuggestion } from '../../../shared/contract.ts';
import {
  cardView,
  draftOf,
  evidenceLabel,
  hasOwnMarks,
  isEdited,
  type QuoteDraft,
  speakerChoices,
  suggestionKey,
  truncateQuote,
  withChoice,
} from '../../../shared/quotes/suggestion-list.ts';
import { LineIcon } from '../ui/LineIcon.tsx';
import { QuoteEditForm } from './QuoteEditForm.tsx';
import type { QuotePanelProps } from './QuotePanel.tsx';
import { SpeakerLine } from './SpeakerLine.tsx';

/**
 * One quotation in the finder's list: its words, who said them (or, when the finder is unsure,
 * its two best candidates to choose from), how the text credits them, and accept, edit, dismiss.
 * Keys on the focused card: A accept, E edit, D dismiss, 1 or 2 choose a candidate.
 */
export function QuoteCard({
  suggestion: s,
  draft,
  active,
  editing,
  speakers,
  panel,
  onEdit,
}: {
  suggestion: QuoteSuggestion;
  draft: QuoteDraft | undefined;
  active: boolean;
  editing: boolean;
  speakers: readonly string[];
  panel: QuotePanelProps;
  onEdit: (on: boolean) => void;
}) {
  const view = cardView(s, draft, panel.acceptedSpeakers, panel.text);
  const { accepted, edited, speaker, text: shownText } = view;
  const shownDraft = draft ?? draftOf(s);
  const choose = (name: string) => panel.onSaveDraft(s, withChoice(s, shownDraft, name));
  // A candidate picked on an unsure card is a choice, not a correction.
  const chosen =
    edited &&
    shownDraft.start === s.start &&
    shownDraft.end === s.end &&
    speakerChoices(s).includes(shownDraft.speaker ?? '');
  const evidence = evidenceLabel(s.evidence);
  // An unsure card offers its candidates until it is accepted, the chosen one pressed; keys 1
  // and 2 (as many as there are) choose on the focused card.
  const offered = !accepted && s.unsure ? view.choices : [];
  const keys = offered.map((_, i) => String(i + 1));
  // The label names the quote and speaker; the role, badges and evidence are read after it.
  const details = useId();

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // A held key repeats: one accept or dismiss per press.
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const key = event.key.toLowerCase();
    if (key === 'arrowdown' || key === 'arrowup') {
      event.preventDefault();
      const item = event.currentTarget.closest('li');
      const next = key === 'arrowdown' ? item?.nextElementSibling : item?.previousElementSibling;
      next?.querySelector<HTMLButtonElement>('.quote-card-main')?.focus();
    } else if (accepted) {
      return;
    } else if (keys.includes(key)) {
      event.preventDefault();
      choose(offered[Number(key) - 1] as string);
    } else if (key === 'a') {
      event.preventDefault();
      panel.onAccept(s);
    } else if (key === 'e') {
      event.preventDefault();
      onEdit(true);
    } else if (key === 'd' || key === 'delete' || key === 'backspace') {
      event.preventDefault();
      panel.onDismiss(s);
    }
  };

  return (
    <li data-key={suggestionKey(s)}>
      <div
        className={`quote-card${accepted ? ' accepted' : ''}${active ? ' active' : ''}${s.kind === 'scare' ? ' scare' : ''}`}
      >
        <button
          type="button"
          className="quote-card-main"
          aria-current={active ? 'true' : undefined}
          aria-label={`${accepted ? 'Accepted quote' : 'Quote'}: ${truncateQuote(shownText, 60)} — ${
            view.unsure
              ? `speaker unsure: ${view.choices.join(' or ')}`
              : speaker || 'no speaker found'
          }`}
          aria-describedby={evidence ? `${details}-who ${details}-evidence` : `${details}-who`}
          aria-keyshortcuts={accepted ? undefined : ['A', 'E', 'D', ...keys].join(' ')}
          title={
            accepted
              ? 'Show in the text'
              : `Show in the text · A accept · E edit · D dismiss${keys.length > 0 ? ` · ${keys.join(' or ')} choose the speaker` : ''}`
          }
          onClick={() => panel.onSelect(s)}
          onKeyDown={onKeyDown}
        >
          <q className={hasOwnMarks(shownText) ? 'card-quote own-marks' : 'card-quote'}>
            {truncateQuote(shownText)}
          </q>
          <SpeakerLine
            id={`${details}-who`}
            view={view}
            // The finder's kind belongs to the finder's name only.
            speakerKind={speaker === s.speaker ? s.speakerKind : null}
            badges={[
              s.kind === 'partial' && { label: 'Partial quote', kind: 'partial' },
              s.kind === 'scare' && { label: 'Scare quote', kind: 'scare' },
              chosen && { label: 'Speaker chosen', kind: 'edited' },
              edited && !chosen && { label: 'Edited', kind: 'edited' },
            ]}
          />
          {evidence && (
            <span
              id={`${details}-evidence`}
              className="quote-evidence"
              title={
                evidence.introduced
                  ? 'How the text credits the speaker; the full name is given earlier in the text'
                  : 'How the text credits the speaker'
              }
            >
              {evidence.words && <span className="quote-evidence-words">“{evidence.words}”</span>}
              <span>{evidence.shape}</span>
            </span>
          )}
        </button>
        {offered.length > 0 && (
          <fieldset className="quote-choices">
            <legend className="quote-choices-label">Who said it?</legend>
            {offered.map((name, i) => (
              <button
                key={name}
                type="button"
                className="small-button quote-choice"
                aria-pressed={speaker === name}
                title={`Credit ${name} (press ${i + 1} on the card)`}
                onClick={() => choose(name)}
              >
                {name}
              </button>
            ))}
          </fieldset>
        )}
        {accepted ? (
          <div className="quote-card-actions">
            <span className="quote-accepted-label">
              <LineIcon d="M3.5 8.5l3 3 6-7" size={12} strokeWidth={1.6} />
              Accepted
            </span>
            {s.annotationId && (
              <button
                type="button"
                className="link-button push-right"
                onClick={() => s.annotationId && panel.onOpenHighlight(s.annotationId)}
              >
                Show highlight
              </button>
            )}
          </div>
        ) : editing ? (
          <QuoteEditForm
            suggestion={s}
            draft={shownDraft}
            text={panel.text}
            speakers={speakers}
            selection={panel.selection}
            onCancel={() => onEdit(false)}
            onSave={(next) => {
              panel.onSaveDraft(s, isEdited(s, next) ? next : null);
              onEdit(false);
            }}
            onAccept={(next) => {
              // Kept first: should the accept fail, the correction is still there.
              panel.onSaveDraft(s, isEdited(s, next) ? next : null);
              onEdit(false);
              panel.onAccept(s, next);
            }}
          />
        ) : (
          <div className="quote-card-actions">
            <button
              type="button"
              className="primary small-button"
              aria-label={`Accept: ${truncateQuote(shownText, 40)}`}
              onClick={() => panel.onAccept(s)}
            >
              Accept
            </button>
            <button
              type="button"
              className="small-button"
              aria-label={`Edit: ${truncateQuote(shownText, 40)}`}
              onClick={() => onEdit(true)}
            >
              Edit
            </button>
            <button
              type="button"
              className="small-button quiet push-right"
              aria-label={`Dismiss: ${truncateQuote(shownText, 40)}`}
              onClick={() => panel.onDismiss(s)}
            >
              Dismiss
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
