import '../styles/speakers.css';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useState } from 'react';
import type { SpeakerSummary } from '../../../shared/contract.ts';
import { plural } from '../../../shared/format.ts';
import {
  avatarHue,
  filterSpeakers,
  groupByDocument,
  initials,
  speakerStats,
} from '../../../shared/quotes/speaker-list.ts';
import { hasOwnMarks, truncateQuote } from '../../../shared/quotes/suggestion-list.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { LineIcon } from '../ui/LineIcon.tsx';
import { useLiveValue } from '../use-live-list.ts';

/** Kept while the app runs: coming back finds the same speaker. */
const memory: { selectedId: string | null; query: string } = { selectedId: null, query: '' };

function Avatar({ name, large = false }: { name: string; large?: boolean }) {
  return (
    <span
      className={large ? 'speaker-avatar large' : 'speaker-avatar'}
      style={{ '--avatar-hue': avatarHue(name) } as React.CSSProperties}
      aria-hidden="true"
    >
      {initials(name)}
    </span>
  );
}

/**
 * Everyone quoted in the notebook: each speaker (a tag under `speaker/`) with their role and
 * counts, and beside the chosen one their quotes by document. A quote opens in the reader.
 */
export function SpeakersView() {
  const { onError, openQuote, navigate } = useApp();
  const load = useCallback(() => call('listSpeakers', {}), []);
  const [speakers] = useLiveValue<SpeakerSummary[] | null>(
    load,
    null,
    ['annotations', 'tags', 'documents'],
    onError,
  );
  const [query, setQuery] = useState(memory.query);
  const [selectedId, setSelectedId] = useState(memory.selectedId);
  useEffect(() => {
    memory.query = query;
    memory.selectedId = selectedId;
  }, [query, selectedId]);

  const shown = useMemo(() => filterSpeakers(speakers ?? [], query), [speakers, query]);
  const selected = shown.find((s) => s.tagId === selectedId) ?? shown[0] ?? null;
  const groups = useMemo(() => (selected ? groupByDocument(selected.quotes) : []), [selected]);

  const onRowKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = shown[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    setSelectedId(next.tagId);
    const list = event.currentTarget.closest('ul');
    list?.querySelector<HTMLButtonElement>(`[data-speaker="${next.tagId}"]`)?.focus();
  };

  if (speakers !== null && speakers.length === 0) {
    return (
      <section className="speakers-view speakers-empty" aria-label="Speakers">
        <div className="empty-state reader-empty">
          <span className="speakers-empty-mark" aria-hidden="true">
            “ ”
          </span>
          <p className="empty-title">No speakers yet</p>
          <p>
            Open a document and choose <b>Find quotes</b> (Ctrl+Shift+A). The quote finder lists the
            quotations in the text with who said them; each one you accept becomes a highlight
            tagged <code>quote</code> and <code>speaker/Name</code>, and its speaker appears here
            with every quote across your documents.
          </p>
          <p>
            <button type="button" className="primary" onClick={() => navigate('reader')}>
              Go to the Reader
            </button>
          </p>
        </div>
      </section>
    );
  }

  return (
    <section className="speakers-view" aria-label="Speakers">
      <nav className="speakers-sidebar" aria-label="Speakers list">
        <header className="panel-header">
          <h2>Speakers</h2>
          <span className="count">{speakers?.length ?? ''}</span>
        </header>
        <div className="speakers-filter">
          <input
            type="search"
            aria-label="Filter speakers"
            placeholder="Filter by name or role…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {speakers === null ? (
          <p className="speakers-note">Loading…</p>
        ) : shown.length === 0 ? (
          <p className="speakers-note">No speaker matches “{query.trim()}”.</p>
        ) : (
          <ul className="speaker-list">
            {shown.map((s, i) => (
              <li key={s.tagId}>
                <button
                  type="button"
                  className="speaker-row"
                  data-speaker={s.tagId}
                  aria-current={s.tagId === selected?.tagId ? 'true' : undefined}
                  onClick={() => setSelectedId(s.tagId)}
                  onKeyDown={(e) => onRowKey(e, i)}
                >
                  <Avatar name={s.name} />
                  <span className="speaker-row-text">
                    <span className="speaker-name">{s.name}</span>
                    {s.role && <span className="speaker-role-line">{s.role}</span>}
                    <span className="speaker-meta">{speakerStats(s)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <div className="speaker-detail">
        {selected && (
          <div className="speaker-detail-inner">
            <header className="speaker-header">
              <Avatar name={selected.name} large />
              <div>
                <h1>{selected.name}</h1>
                {selected.role && <p className="speaker-role">{selected.role}</p>}
                <p className="speaker-stats">
                  {plural(selected.quotes.length, 'quote')} in{' '}
                  {plural(selected.documentCount, 'document')} · tagged{' '}
                  <code>speaker/{selected.name}</code>
                </p>
              </div>
            </header>
            {groups.length === 0 && (
              <p className="speakers-note">
                No quotes carry this speaker’s tag any more. Delete or merge the tag in the Tags
                view.
              </p>
            )}
            {groups.map((group) => (
              <section
                key={group.documentId}
                className="speaker-doc"
                aria-label={`Quotes in ${group.documentTitle || 'Untitled document'}`}
              >
                <h2>
                  <span>{group.documentTitle || 'Untitled document'}</span>
                  <span className="count">{group.quotes.length}</span>
                </h2>
                <ol className="speaker-quotes">
                  {group.quotes.map((quote) => (
                    <li key={quote.annotationId}>
                      <button
                        type="button"
                        className="speaker-quote"
                        title="Open in the reader"
                        onClick={() => openQuote(quote.annotationId)}
                      >
                        <q className={hasOwnMarks(quote.exact) ? 'own-marks' : undefined}>
                          {truncateQuote(quote.exact, 320)}
                        </q>
                        <LineIcon d="M6 3.5l4.5 4.5L6 12.5" size={14} strokeWidth={1.4} />
                      </button>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
