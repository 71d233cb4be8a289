import type { Coder, NotebookDocument, Tag } from '../../../shared/model.ts';
import type { CodeCluster } from '../../../shared/rounds/compare.ts';

const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 159)}…` : text);

/**
 * The disagreement under the cursor: each coder's version quoted (or that they coded nothing
 * there), and the ways to settle it. Keys: N and P step, U union, O overlap, 1–9 keep a coder's.
 */
export function SettlePanel({
  document,
  coders,
  cluster,
  position,
  total,
  settled,
  tags,
  onStep,
  onSettle,
}: {
  document: NotebookDocument;
  coders: readonly Coder[];
  cluster: CodeCluster | null;
  position: number;
  total: number;
  settled: boolean;
  tags: readonly Tag[];
  onStep: (by: 1 | -1) => void;
  onSettle: (how: 'one' | 'union' | 'overlap' | 'edit', coder?: string) => void;
}) {
  if (!cluster)
    return (
      <section className="settle-panel" aria-label="Disagreement">
        <p className="settle-empty">
          {total === 0 ? 'The coders agree everywhere in this document (for the codes shown).' : ''}
        </p>
      </section>
    );
  const tag = tags.find((t) => t.id === cluster.tagId);
  return (
    <section className="settle-panel" aria-label="Disagreement">
      <header className="settle-header">
        <h3>
          Disagreement {position + 1} of {total}
          {settled && <span className="settle-done"> · settled</span>}
        </h3>
        <span className="settle-code">{tag?.name ?? 'a code no longer in the codebook'}</span>
        <span className="settle-nav">
          <button type="button" onClick={() => onStep(-1)} title="Previous disagreement (P)">
            ‹ Previous
          </button>
          <button type="button" onClick={() => onStep(1)} title="Next disagreement (N)">
            Next ›
          </button>
        </span>
      </header>
      <ul className="settle-versions">
        {coders.map((coder, i) => {
          const mine = cluster.segments.filter((s) => s.coder === coder.id);
          return (
            <li key={coder.id}>
              <span className="settle-coder">{coder.name}</span>
              {mine.length === 0 ? (
                <em className="settle-none">did not code this passage</em>
              ) : (
                mine.map((s) => (
                  <q key={s.highlightId}>{excerpt(document.text.slice(s.start, s.end))}</q>
                ))
              )}
              {mine.length > 0 && (
                <button
                  type="button"
                  onClick={() => onSettle('one', coder.id)}
                  title={`Keep ${coder.name}’s (${i + 1})`}
                >
                  Keep {coder.name}’s
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <div className="settle-actions">
        <button
          type="button"
          onClick={() => onSettle('union')}
          title="Keep everything any coder marked (U)"
        >
          Union
        </button>
        <button
          type="button"
          onClick={() => onSettle('overlap')}
          title="Keep what every coder marked (O)"
        >
          Overlap
        </button>
        <button
          type="button"
          onClick={() => onSettle('edit')}
          title="Start from the union and adjust it in the reader"
        >
          Edit in Reader…
        </button>
      </div>
    </section>
  );
}
