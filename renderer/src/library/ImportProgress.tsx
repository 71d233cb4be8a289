import type { ImportJob } from './use-import.ts';

/** Shown while an import runs: which file, how far, and a way to stop it. */
export function ImportProgress({ job, onCancel }: { job: ImportJob; onCancel: () => void }) {
  const label =
    job.total > 1 ? `Importing ${Math.min(job.done + 1, job.total)} of ${job.total}` : 'Importing';
  return (
    <div className="import-progress" role="status" aria-live="polite">
      <div className="import-progress-text">
        <span className="import-progress-label">{job.cancelling ? 'Cancelling…' : label}</span>
        {job.current && <span className="import-progress-file">{job.current}</span>}
      </div>
      <progress
        max={Math.max(job.total, 1)}
        value={job.total > 0 ? job.done : undefined}
        aria-label="Import progress"
      />
      <button type="button" onClick={onCancel} disabled={job.cancelling}>
        Cancel
      </button>
    </div>
  );
}
