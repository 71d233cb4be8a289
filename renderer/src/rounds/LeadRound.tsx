import { useEffect, useId, useRef, useState } from 'react';
import { plural } from '../../../shared/format.ts';
import type { RoundSummary } from '../../../shared/rounds/summary.ts';
import { useApp } from '../app-services.ts';
import { AgreementPanel } from './AgreementPanel.tsx';
import { CompareText } from './CompareText.tsx';
import { SettlePanel } from './SettlePanel.tsx';
import { useRoundCompare } from './use-round-compare.ts';

/**
 * A round the notebook leads: the coders collected, the comparison of one document with a lane
 * per coder, the disagreement under the cursor to settle, and the agreement figures.
 */
export function LeadRound({
  round,
  busy,
  onCollect,
}: {
  round: RoundSummary;
  busy: boolean;
  onCollect: () => void;
}) {
  const { documents, tags } = useApp();
  const roundDocs = documents.filter((d) => round.documentIds.includes(d.id));
  const [documentId, setDocumentId] = useState<string | null>(roundDocs[0]?.id ?? null);
  const compare = useRoundCompare(round, documentId);
  const codes = tags.filter((t) => round.tagIds.includes(t.id));
  const ids = useId();
  const scrollRef = useRef<HTMLElement>(null);

  // N / P step through the disagreements; U, O settle by union or overlap; 1–9 keep a coder's.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (key === 'n') compare.step(1);
      else if (key === 'p') compare.step(-1);
      else if (key === 'u') void compare.settle('union');
      else if (key === 'o') void compare.settle('overlap');
      else if (/^[1-9]$/.test(key) && compare.coders[Number(key) - 1])
        void compare.settle('one', compare.coders[Number(key) - 1]!.id);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [compare]);

  return (
    <div className="round-lead">
      <header className="round-header">
        <div>
          <h2>{round.name}</h2>
          <p className="export-hint">
            Lead · {plural(round.documentIds.length, 'document')} ·{' '}
            {round.layers.length === 0
              ? 'no coding collected yet'
              : `coded by ${round.layers.map((l) => `${l.coder.name} (${l.highlights})`).join(', ')}`}
          </p>
        </div>
        <button type="button" className="primary" disabled={busy} onClick={onCollect}>
          Collect Coding Files…
        </button>
      </header>
      {round.proposals.length > 0 && (
        <details className="round-proposals">
          <summary>{plural(round.proposals.length, 'code')} proposed by the coders</summary>
          <ul>
            {round.proposals.map((p) => (
              <li key={`${p.coder.id}:${p.name}`}>
                <b>{p.name}</b> ({p.coder.name}){p.description ? `: ${p.description}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {round.layers.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">Waiting for the coders</p>
          <p>
            When they send their coding files, choose <b>Collect Coding Files…</b>. Each coder’s
            highlights stay in their own layer, apart from yours and from each other’s.
          </p>
        </div>
      ) : (
        <div className="round-compare">
          <div className="compare-controls">
            <label htmlFor={`${ids}-document`}>Document</label>
            <span className="tm-select">
              <select
                id={`${ids}-document`}
                value={documentId ?? ''}
                onChange={(e) => setDocumentId(e.target.value)}
              >
                {roundDocs.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title || 'Untitled document'}
                  </option>
                ))}
              </select>
            </span>

            <label htmlFor={`${ids}-code`}>Code</label>
            <span className="tm-select">
              <select
                id={`${ids}-code`}
                value={compare.tagFilter}
                onChange={(e) => compare.setTagFilter(e.target.value)}
              >
                <option value="">All codes</option>
                {codes.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </span>

            <fieldset className="compare-coders">
              <legend>Coders</legend>
              {compare.coders.map((c, i) => (
                <label key={c.id} className={`compare-coder lane-${i}`}>
                  <input
                    type="checkbox"
                    checked={!compare.hiddenCoders.has(c.id)}
                    onChange={() => compare.toggleCoder(c.id)}
                  />{' '}
                  {c.name}
                </label>
              ))}
            </fieldset>
            <span className="compare-legend" aria-hidden="true">
              <mark className="compare-mark agree">agree</mark>
              <mark className="compare-mark disagree">differ</mark>
              <mark className="compare-mark settled">settled</mark>
            </span>
          </div>
          {compare.document && (
            <SettlePanel
              document={compare.document}
              coders={compare.shownCoders}
              cluster={compare.current}
              position={compare.position}
              total={compare.disagreements.length}
              settled={compare.current ? compare.settled(compare.current) : false}
              tags={tags}
              onStep={compare.step}
              onSettle={(how, coder) => void compare.settle(how, coder)}
            />
          )}
          <section
            className="compare-document"
            aria-label="Comparison of the coders"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: the text scrolls from the keyboard too (arrows, Page Down).
            tabIndex={0}
            ref={scrollRef}
          >
            {compare.document && (
              <CompareText
                document={compare.document}
                coders={compare.shownCoders}
                clusters={compare.clusters}
                current={compare.current}
                settled={compare.settled}
                scrollRef={scrollRef}
              />
            )}
          </section>
        </div>
      )}
      <AgreementPanel round={round} tags={tags} />
    </div>
  );
}
