import '../styles/quotes.css';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { QuoteSuggestion, QuoteSuggestions } from '../../../shared/contract.ts';
import { plural } from '../../../shared/format.ts';
import {
  listSuggestions,
  neighbourKey,
  type QuoteDraft,
  speakerOptions,
  suggestionKey,
  truncateQuote,
} from '../../../shared/quotes/suggestion-list.ts';
import { QuoteCard } from './QuoteCard.tsx';

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
    () => listSuggestions(result?.suggestions ?? [], { showScare }, drafts),
    [result, showScare, drafts],
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
            title="Accept every open quotation whose speaker is sure or chosen, with that speaker (one undo)"
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
              {counts.unsure > 0 &&
                ` · ${counts.unsure} speaker${counts.unsure === 1 ? '' : 's'} unsure`}
            </span>
            {counts.scare > 0 && (
              <label
                className="check"
                title="Words in quotation marks that are nobody's: irony, terms, names, titles"
              >
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
