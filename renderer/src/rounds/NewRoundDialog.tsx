import { useId, useState } from 'react';
import type { RoundSummary } from '../../../shared/rounds/summary.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { Modal } from '../ui/Modal.tsx';

/**
 * Starting a round as its lead: a name, instructions for the coders, the documents to code, and
 * the lead's own name if preferences have none. Saving writes the coding package.
 */
export function NewRoundDialog({
  coderName,
  onClose,
  onCreated,
}: {
  coderName: string;
  onClose: () => void;
  onCreated: (round: RoundSummary, path: string) => void;
}) {
  const { documents, onError } = useApp();
  const ids = useId();
  const [name, setName] = useState('');
  const [instructions, setInstructions] = useState('');
  const [me, setMe] = useState(coderName);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const ready = name.trim() !== '' && me.trim() !== '' && chosen.size > 0;

  const save = async () => {
    setBusy(true);
    try {
      if (me.trim() !== coderName) await call('updateSettings', { coderName: me.trim() });
      const made = await call('createRound', {
        name: name.trim(),
        instructions,
        documentIds: documents.filter((d) => chosen.has(d.id)).map((d) => d.id),
      });
      if (made) onCreated(made.round, made.path);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New Coding Round"
      className="round-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!ready || busy}
            onClick={() => void save()}
          >
            Save Package…
          </button>
        </>
      }
    >
      <p className="export-hint">
        The package holds the chosen documents (with their PDFs) and the codebook, and nobody’s
        highlights. Send it to each coder; they open it in their own Marginalia, code blind, and
        send back their coding file.
      </p>
      <label className="round-field" htmlFor={`${ids}-name`}>
        Round name
      </label>
      <input
        id={`${ids}-name`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="Interviews, first pass"
      />
      <label className="round-field" htmlFor={`${ids}-instructions`}>
        Instructions for the coders
      </label>
      <textarea
        id={`${ids}-instructions`}
        rows={3}
        value={instructions}
        onChange={(e) => setInstructions(e.target.value)}
        placeholder="Code every statement of stance; use the smallest span that carries it."
      />
      <label className="round-field" htmlFor={`${ids}-me`}>
        Your name (as lead)
      </label>
      <input id={`${ids}-me`} value={me} onChange={(e) => setMe(e.target.value)} />
      <fieldset className="round-documents">
        <legend>Documents to code ({chosen.size} chosen)</legend>
        <ul>
          {documents.map((d) => (
            <li key={d.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(d.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(d.id);
                    else next.delete(d.id);
                    setChosen(next);
                  }}
                />{' '}
                {d.title || 'Untitled document'}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </Modal>
  );
}
