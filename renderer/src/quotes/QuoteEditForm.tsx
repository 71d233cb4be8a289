import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { QuoteSuggestion } from '../../../shared/contract.ts';
import {
  draftOf,
  includesMarks,
  type QuoteDraft,
  truncateQuote,
  withMarks,
  withSelection,
  withSpeaker,
} from '../../../shared/quotes/suggestion-list.ts';

/**
 * Correct a candidate before accepting it: its speaker (the document's and the codebook's
 * speakers are offered), the role, and the span — the words inside the marks, the quotation
 * with its marks, or whatever is selected in the text.
 */
export function QuoteEditForm({
  suggestion,
  draft: initial,
  text,
  speakers,
  selection,
  onSave,
  onAccept,
  onCancel,
}: {
  suggestion: QuoteSuggestion;
  draft: QuoteDraft;
  /** The document's text, to show the span being chosen. */
  text: string;
  speakers: readonly string[];
  /** The latest selection in the reader's text, if any. */
  selection: { start: number; end: number } | null;
  onSave: (draft: QuoteDraft) => void;
  onAccept: (draft: QuoteDraft) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const listId = useId();
  const speakerRef = useRef<HTMLInputElement>(null);
  useEffect(() => speakerRef.current?.focus(), []);

  const marks = includesMarks(suggestion, draft);
  const inside = draft.start === suggestion.start && draft.end === suggestion.end;
  const custom = !marks && !inside;
  const fromSelection = selection && withSelection(draft, text, selection);
  const selectionText = fromSelection ? text.slice(fromSelection.start, fromSelection.end) : '';

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      if (event.target.type === 'checkbox') return;
      event.preventDefault();
      onSave(draft);
    }
  };

  return (
    <fieldset className="quote-edit" aria-label="Correct the quote" onKeyDown={onKeyDown}>
      <label className="quote-field">
        <span>Speaker</span>
        <input
          ref={speakerRef}
          type="text"
          list={listId}
          value={draft.speaker ?? ''}
          placeholder="No speaker"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft(withSpeaker(suggestion, draft, e.target.value))}
        />
        <datalist id={listId}>
          {speakers.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <label className="quote-field">
        <span>Role</span>
        <input
          type="text"
          value={draft.role ?? ''}
          placeholder="Title or role (optional)"
          onChange={(e) =>
            setDraft({ ...draft, role: e.target.value === '' ? null : e.target.value })
          }
        />
      </label>
      <div className="quote-field">
        <span>Span</span>
        <q className="quote-span-preview">
          {truncateQuote(text.slice(draft.start, draft.end), 140)}
        </q>
        <div className="quote-span-actions">
          <label className="check">
            <input
              type="checkbox"
              checked={marks}
              onChange={(e) => setDraft(withMarks(suggestion, draft, e.target.checked))}
            />
            Include quotation marks
          </label>
          <button
            type="button"
            className="small-button"
            disabled={!fromSelection}
            title={
              fromSelection
                ? `Use “${truncateQuote(selectionText, 80)}”`
                : 'Select the passage in the text first'
            }
            // Keep the reader's selection: a click here must not take it away.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              if (!fromSelection) return;
              setDraft(fromSelection);
              // Taken: the selection (and its highlight toolbar) has done its job.
              window.getSelection()?.removeAllRanges();
            }}
          >
            Use current selection
          </button>
          {custom && (
            <button
              type="button"
              className="link-button"
              onClick={() => setDraft({ ...draft, start: suggestion.start, end: suggestion.end })}
            >
              Reset span
            </button>
          )}
        </div>
      </div>
      <div className="quote-edit-footer">
        <button
          type="button"
          className="link-button"
          onClick={() => setDraft(draftOf(suggestion))}
          title="Back to what the finder proposed"
        >
          Revert
        </button>
        <span className="push-right" />
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" onClick={() => onSave(draft)}>
          Save
        </button>
        <button type="button" className="primary" onClick={() => onAccept(draft)}>
          Accept
        </button>
      </div>
    </fieldset>
  );
}
