import type { AnalysisTable } from '../../../shared/analysis/types.ts';

const SHOWN = 20;

/** Co-occurrence's ranked pairs: the strongest first, each a way into its quotes. */
export function PairList({
  table,
  onOpen,
}: {
  table: AnalysisTable;
  onOpen: (rowId: string, columnId: string) => void;
}) {
  const pairs = table.pairs ?? [];
  if (pairs.length === 0)
    return <p className="analysis-note">No two codes occur together here yet.</p>;
  const top = pairs[0]!.count;
  return (
    <section className="analysis-pairs" aria-labelledby="analysis-pairs-title">
      <h3 id="analysis-pairs-title">
        Pairs, most frequent first
        {pairs.length > SHOWN && ` (${SHOWN} of ${pairs.length}; the CSV has all)`}
      </h3>
      <ol>
        {pairs.slice(0, SHOWN).map((p) => (
          <li key={`${p.a.id}|${p.b.id}`}>
            <button type="button" onClick={() => onOpen(p.a.id, p.b.id)}>
              <span className="pair-names">
                {p.a.label} <span aria-hidden="true">+</span>
                <span className="visually-hidden"> and </span> {p.b.label}
              </span>
              <span className="pair-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(4, (p.count / top) * 100)}%` }} />
              </span>
              <span className="pair-count">
                {p.count}
                <span className="visually-hidden"> {table.unit}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
