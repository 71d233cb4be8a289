import type { BackupInfo } from '../../../shared/contract.ts';
import { plural } from '../../../shared/format.ts';
import { Modal } from '../ui/Modal.tsx';

const KIND_LABELS: Record<BackupInfo['kind'], string> = {
  rolling: 'Automatic backup',
  'before-migration': 'Kept before an upgrade of the file',
  'before-repair': 'Kept before damaged records were set aside',
  'before-restore': 'Kept before a restore',
  other: 'Other file',
};

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The backups beside the notebook, newest first, to restore from; or a file of one's own. */
export function BackupsDialog({
  backups,
  busy,
  onChoose,
  onClose,
}: {
  backups: readonly BackupInfo[];
  busy: boolean;
  onChoose: (name?: string) => void;
  onClose: () => void;
}) {
  return (
    <Modal
      title="Restore from Backup"
      className="backups-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={() => onChoose()} disabled={busy}>
            Choose a File…
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </>
      }
    >
      <p className="export-hint">
        Marginalia keeps a copy of the notebook at each start, every ten minutes while you work and
        before a restore: the newest ten, and one a day for a week. Choose one to see what restoring
        it would change.
      </p>
      {backups.length === 0 ? (
        <p className="backups-empty">No backups yet.</p>
      ) : (
        <ul className="backups-list" aria-label="Backups">
          {backups.map((b) => (
            <li key={b.name}>
              <button
                type="button"
                className="backups-item"
                disabled={busy || b.counts === null}
                onClick={() => onChoose(b.name)}
              >
                <span className="backups-when">
                  {b.takenAt ? new Date(b.takenAt).toLocaleString() : b.name}
                </span>
                <span className="backups-kind">{KIND_LABELS[b.kind]}</span>
                <span className="backups-counts">
                  {b.counts
                    ? `${plural(b.counts.documents, 'document')} · ${plural(b.counts.annotations, 'quote')} · ${plural(b.counts.notes, 'note')} · ${formatSize(b.bytes)}`
                    : 'Cannot be read'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
