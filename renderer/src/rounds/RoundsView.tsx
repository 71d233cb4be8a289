import '../styles/rounds.css';
import { useEffect, useRef, useState } from 'react';
import { plural } from '../../../shared/format.ts';
import { useApp } from '../app-services.ts';
import { CoderNameDialog } from './CoderNameDialog.tsx';
import { CoderRound } from './CoderRound.tsx';
import { LeadRound } from './LeadRound.tsx';
import { NewRoundDialog } from './NewRoundDialog.tsx';
import { onOpenPackageRequest } from './open-package-request.ts';
import { useRounds } from './use-rounds.ts';

/**
 * Team coding (Ctrl/Cmd+7): the rounds this notebook leads or codes in. A lead hands out a
 * package and compares and settles the coders' layers; a coder codes a package blind and hands
 * in a coding file. Files travel by any means the team already uses.
 */
export function RoundsView() {
  const rounds = useRounds();
  const { notify } = useApp();
  const [creating, setCreating] = useState(false);
  const [askingName, setAskingName] = useState(false);
  // A coder needs a name before opening a package (asked once, kept in preferences).
  const openPackage = () => {
    if (rounds.coderName.trim()) void rounds.openPackage();
    else setAskingName(true);
  };
  // A package the system handed the app (double-clicked) is opened as if chosen here.
  const openRef = useRef(openPackage);
  openRef.current = openPackage;
  // Only once the coder's name is known: otherwise it would be asked for though it is set.
  useEffect(
    () => (rounds.coderKnown ? onOpenPackageRequest(() => openRef.current()) : undefined),
    [rounds.coderKnown],
  );
  const { selected } = rounds;

  const actions = (
    <p className="rounds-actions">
      <button type="button" className="primary" onClick={() => setCreating(true)}>
        New Round…
      </button>
      <button type="button" disabled={rounds.busy} onClick={openPackage}>
        Open Coding Package…
      </button>
    </p>
  );

  return (
    <section className="rounds-view" aria-label="Team coding">
      <nav className="rounds-sidebar" aria-label="Coding rounds">
        <header className="panel-header">
          <h2>Rounds</h2>
          <span className="count">{rounds.rounds?.length ?? ''}</span>
        </header>
        {actions}
        <ul className="round-list">
          {rounds.rounds?.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                className="round-row"
                aria-current={r.id === selected?.id ? 'true' : undefined}
                onClick={() => rounds.select(r.id)}
              >
                <span className="round-row-name">{r.name}</span>
                <span className="round-row-meta">
                  {r.role === 'lead'
                    ? `Lead · ${plural(r.layers.length, 'coder')}`
                    : `Coding · ${r.closedAt ? 'handed in' : 'open'}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="round-detail">
        {rounds.rounds !== null && rounds.rounds.length === 0 && (
          <div className="empty-state reader-empty">
            <p className="empty-title">Code as a team</p>
            <p>
              As the <b>lead</b>, start a round: choose documents, and Marginalia saves a coding
              package with them and the codebook. Each <b>coder</b> opens the package in their own
              Marginalia, codes blind, and sends back a coding file. Collect the files here to
              compare the coders side by side, settle the disagreements into one coding, and report
              agreement (Krippendorff’s α, percent agreement and Cohen’s κ).
            </p>
          </div>
        )}
        {selected?.role === 'lead' && (
          <LeadRound
            round={selected}
            busy={rounds.busy}
            onCollect={() => void rounds.collect(selected.id)}
          />
        )}
        {selected?.role === 'coder' && (
          <CoderRound
            round={selected}
            busy={rounds.busy}
            onHandIn={() => void rounds.handIn(selected.id)}
            onPropose={(name, description) => void rounds.propose(selected.id, name, description)}
          />
        )}
      </div>
      {askingName && (
        <CoderNameDialog
          onClose={() => setAskingName(false)}
          onSave={(name) => {
            setAskingName(false);
            void rounds.setCoderName(name).then(() => rounds.openPackage());
          }}
        />
      )}
      {creating && (
        <NewRoundDialog
          coderName={rounds.coderName}
          onClose={() => setCreating(false)}
          onCreated={(round, path) => {
            setCreating(false);
            rounds.created(round);
            notify({
              tone: 'info',
              message: `Coding package saved: ${path}. Send it to each coder.`,
            });
          }}
        />
      )}
    </section>
  );
}
