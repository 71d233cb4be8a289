import '../styles/quotes.css';
import {
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { QuoteSuggestion, QuoteSuggestions } from '../../../shared/contract.ts';
import { plural } from '../../../shared/format.ts';
import {
  cardView,
  draftOf,
  evidenceLabel,
  hasOwnMarks,
  isEdited,
  listSuggestions,
  neighbourKey,
  type QuoteDraft,
  speakerOptions,
  suggestionKey,
  truncateQuote,
} from '../../../shared/quotes/suggestion-list.ts';
import { LineIcon } from '../ui/LineIcon.tsx';
import { QuoteEditForm } from './QuoteEditForm.tsx';

/** Kept while the app runs: the panel comes back as it was left. */
const memory = { showScare: false, showDismissed: false };

export interface QuotePanelProps {
  /** The finder's answer; null while it is being worked out. */
  result: QuoteSuggestions | null;
  /** The document's text, for the span being corrected. */
  text: string;
  drafts: ReadonlyMap<string, QuoteDraft>;
  /** Who each accepted highlight credits, by highlight id (it may be a corrected name). */
  acceptedSpeakers: ReadonlyMap<string, readonly string[]>;
  /** The latest selection in the reader's text, for "Use current selection". */
  selection: { start: number; end: number } | null;
  /** The candidate last chosen in the list (its key). */
  activeKey: string | null;
  onSelect: (suggestion: QuoteSuggestion) => void;
  onAccept: (suggestion: QuoteSuggestion, draft?: QuoteDraft) => void;
  onAcceptAll: () => void;
  onDismiss: (suggestion: QuoteSuggestion) => void;
  onRestore: (suggestions: readonly QuoteSuggestion[]) => void;
  onSaveDraft: (suggestion: QuoteSuggestion, draft: QuoteDraft | null) => void;
  onOpenHighlight: (annotationId: string) => void;
  /** The switch between this panel and the highlights panel. */
  tabs?: ReactNode;
}

/**
 * The quote finder's side panel: the quotations found in the open document with their speakers
 * and the words that credit them, to accept (a highlight tagged `quote` and `speaker/<Name>`),
 * correct, or set aside. Accepted ones stay in the list, dimmed, linking to their highlight.
 */
export function QuotePanel(props: QuotePanelProps) {
  const { result, drafts, activeKey, tabs } = props;
  const [showScare, setShowScare] = useState(memory.showScare);
  const [showDismissed, setShowDismissed] = useState(memory.showDismissed);
  const [editing, setEditing] = useState<string | null>(null);
  const list = useMemo(
    () => listSuggestions(result?.suggestions ?? [], { showScare }),
    [result, showScare],
  );
  const speakers = useMemo(
    () => speakerOptions(result?.suggestions ?? [], result?.knownSpeakers ?? []),
    [result],
  );
  const { counts } = list;

  // Accepting, dismissing or closing the editor removes the focused control; focus goes to the
  // card review continues with, once the list shows it (a restored card comes with the next
  // answer). A request the next answer cannot meet is dropped, so focus is never taken later.
  const listRef = useRef<HTMLOListElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ key: string; result: unknown } | null>(null);
  useEffect(() => {
    if (!focusRequest) return;
    const card = [...(listRef.current?.querySelectorAll<HTMLElement>('li[data-key]') ?? [])].find(
      (li) => li.dataset.key === focusRequest.key,
    );
    const main = card?.querySelector<HTMLElement>('.quote-card-main');
    if (main) main.focus();
    if (main || result !== focusRequest.result) setFocusRequest(null);
  }, [focusRequest, result]);
  const focusCard = (key: string | null) => setFocusRequest(key ? { key, result } : null);
  const moveOn = (s: QuoteSuggestion) => focusCard(neighbourKey(list.shown, suggestionKey(s)));
  const cardPanel: QuotePanelProps = {
    ...props,
    onAccept: (...args) => {
      moveOn(args[0]);
      props.onAccept(...args);
    },
    onDismiss: (s) => {
      moveOn(s);
      props.onDismiss(s);
    },
  };

  const toggleScare = (on: boolean) => {
    memory.showScare = on;
    setShowScare(on);
  };
  const toggleDismissed = () => {
    memory.showDismissed = !showDismissed;
    setShowDismissed(!showDismissed);
  };

  return (
    <aside className="annotation-panel quote-panel" aria-label="Quotes in this document">
      {tabs}
      <header className="panel-header">
        <h2>Quotes</h2>
        {result && <span className="count">{list.shown.length}</span>}
        {counts.acceptable > 0 && (
          <button
            type="button"
            className="primary small-button push-right"
            title="Accept every open direct quotation, each with its speaker (one undo)"
            onClick={() => {
              const first = list.shown[0];
              focusCard(first ? suggestionKey(first) : null);
              props.onAcceptAll();
            }}
          >
            Accept all ({counts.acceptable})
          </button>
        )}
      </header>
      {result === null ? (
        <div className="empty-state" aria-busy="true" role="status">
          <p className="empty-title">Looking for quotations…</p>
        </div>
      ) : counts.total === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No quotations found in this document</p>
          <p>
            The finder looks for words in quotation marks and who they are credited to. You can
            still highlight any passage by selecting it.
          </p>
        </div>
      ) : (
        <>
          <div className="quote-summary" aria-live="polite">
            <span>
              {plural(counts.open, 'to review', 'to review')} · {counts.accepted} accepted
              {counts.dismissed > 0 && ` · ${counts.dismissed} dismissed`}
            </span>
            {counts.scare > 0 && (
              <label className="check" title="Short phrases in quotation marks, not speech">
                <input
                  type="checkbox"
                  checked={showScare}
                  onChange={(e) => toggleScare(e.target.checked)}
                />
                Show scare quotes ({counts.scare})
              </label>
            )}
          </div>
          {list.shown.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">Nothing else to review</p>
              {counts.scare > 0 && !showScare && (
                <p>Only scare quotes are left; show them to review them too.</p>
              )}
            </div>
          ) : (
            <ol className="quote-list" aria-label="Quotations" ref={listRef}>
              {list.shown.map((s) => {
                const key = suggestionKey(s);
                return (
                  <QuoteCard
                    key={key}
                    suggestion={s}
                    draft={drafts.get(key)}
                    active={key === activeKey}
                    editing={editing === key}
                    speakers={speakers}
                    panel={cardPanel}
                    onEdit={(on) => {
                      setEditing(on ? key : null);
                      if (!on) focusCard(key);
                    }}
                  />
                );
              })}
            </ol>
          )}
          {counts.dismissed > 0 && (
            <section className="quote-dismissed" aria-label="Dismissed quotes">
              <div className="quote-dismissed-header">
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={showDismissed}
                  onClick={toggleDismissed}
                >
                  {showDismissed ? 'Hide' : 'Show'} {counts.dismissed} dismissed
                </button>
                {showDismissed && counts.dismissed > 1 && (
                  <button
                    type="button"
                    className="link-button push-right"
                    onClick={() => props.onRestore(list.dismissed)}
                  >
                    Restore all
                  </button>
                )}
              </div>
              {showDismissed && (
                <ul className="quote-dismissed-list">
                  {list.dismissed.map((s) => (
                    <li key={suggestionKey(s)} className="quote-dismissed-item">
                      <q>{truncateQuote(s.text, 90)}</q>
                      <button
                        type="button"
                        className="small-button"
                        aria-label={`Restore: ${truncateQuote(s.text, 40)}`}
                        onClick={() => {
                          focusCard(suggestionKey(s));
                          props.onRestore([s]);
                        }}
                      >
                        Restore
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </>
      )}
    </aside>
  );
}

function QuoteCard({
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
  const { accepted, edited, speaker, role, text: shownText } = view;
  const shownDraft = draft ?? draftOf(s);
  const evidence = evidenceLabel(s.evidence);
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
          aria-label={`${accepted ? 'Accepted quote' : 'Quote'}: ${truncateQuote(shownText, 60)} — ${speaker || 'no speaker found'}`}
          aria-describedby={evidence ? `${details}-who ${details}-evidence` : `${details}-who`}
          aria-keyshortcuts={accepted ? undefined : 'A E D'}
          title={accepted ? 'Show in the text' : 'Show in the text · A accept · E edit · D dismiss'}
          onClick={() => panel.onSelect(s)}
          onKeyDown={onKeyDown}
        >
          <q className={hasOwnMarks(shownText) ? 'card-quote own-marks' : 'card-quote'}>
            {truncateQuote(shownText)}
          </q>
          <span className="quote-byline" id={`${details}-who`}>
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
            <span className="quote-who">
              {speaker ? (
                <span className="quote-speaker">{speaker}</span>
              ) : (
                <span className="quote-speaker none">No speaker found</span>
              )}
              {role && <span className="quote-role">{role}</span>}
            </span>
            {(s.kind === 'scare' || edited) && (
              <span className="quote-badges">
                {s.kind === 'scare' && <span className="quote-badge scare">Scare quote</span>}
                {edited && <span className="quote-badge edited">Edited</span>}
              </span>
            )}
          </span>
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
