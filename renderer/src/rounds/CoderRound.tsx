import { useId, useState } from 'react';
import { plural } from '../../../shared/format.ts';
import type { RoundSummary } from '../../../shared/rounds/summary.ts';
import { useApp } from '../app-services.ts';

/**
 * A round this notebook codes in: the lead's instructions, the documents to code (in the
 * reader, as always), codes proposed, and handing in the coding file.
 */
export function CoderRound({
  round,
  busy,
  onHandIn,
  onPropose,
}: {
  round: RoundSummary;
  busy: boolean;
  onHandIn: () => void;
  onPropose: (name: string, description: string) => void;
}) {
  const { documents, openDocument } = useApp();
  const ids = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const roundDocs = documents.filter((d) => round.documentIds.includes(d.id));
  return (
    <div className="round-coder">
      <header className="round-header">
        <div>
          <h2>{round.name}</h2>
          <p className="export-hint">
            Coding as {round.coder?.name} ·{' '}
            {round.closedAt
              ? `handed in ${new Date(round.closedAt).toLocaleDateString()}`
              : 'the codebook is the lead’s until you hand in'}
          </p>
        </div>
        <button type="button" className="primary" disabled={busy} onClick={onHandIn}>
          {round.closedAt ? 'Save Coding File Again…' : 'Hand In Coding File…'}
        </button>
      </header>
      {round.instructions && (
        <blockquote className="round-instructions">{round.instructions}</blockquote>
      )}
      <h3>Documents ({roundDocs.length})</h3>
      <ul className="round-doc-list">
        {roundDocs.map((d) => (
          <li key={d.id}>
            <button type="button" className="link-button" onClick={() => openDocument(d.id)}>
              {d.title || 'Untitled document'}
            </button>{' '}
            <span className="export-hint">{plural(d.annotationCount, 'highlight')}</span>
          </li>
        ))}
      </ul>
      {!round.closedAt && (
        <form
          className="round-propose"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            onPropose(name.trim(), description);
            setName('');
            setDescription('');
          }}
        >
          <h3>Propose a code</h3>
          <label htmlFor={`${ids}-code`}>Name</label>
          <input id={`${ids}-code`} value={name} onChange={(e) => setName(e.target.value)} />
          <label htmlFor={`${ids}-why`}>What it is for</label>
          <input
            id={`${ids}-why`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <button type="submit" disabled={!name.trim() || busy}>
            Propose
          </button>
        </form>
      )}
      {round.proposals.length > 0 && (
        <p className="export-hint">Proposed: {round.proposals.map((p) => p.name).join(', ')}</p>
      )}
    </div>
  );
}
