import type { ExchangePreviewInfo } from '../../../shared/exchange/types.ts';
import { plural } from '../../../shared/format.ts';
import { useApp } from '../app-services.ts';
import { RestoreChangesTable } from '../export/RestoreChangesTable.tsx';
import { Modal } from '../ui/Modal.tsx';

const FORMAT_NAMES: Record<ExchangePreviewInfo['report']['format'], string> = {
  qdpx: 'REFI-QDA project',
  qdc: 'REFI-QDA codebook',
  'codebook-csv': 'Codebook spreadsheet',
  hypothesis: 'Hypothesis annotations',
};

/**
 * What importing another tool's file would do, before anything changes: what it holds, what
 * merging adds and joins, what the format carries that Marginalia does not keep, and what could
 * not be placed. A Hypothesis file's addresses can be put on documents here.
 */
export function ExchangeImportDialog({
  preview,
  busy,
  documentFor,
  onChoose,
  onApply,
  onClose,
}: {
  preview: ExchangePreviewInfo;
  busy: boolean;
  documentFor: Readonly<Record<string, string>>;
  onChoose: (uri: string, documentId: string) => void;
  onApply: () => void;
  onClose: () => void;
}) {
  const { documents } = useApp();
  const { report, counts } = preview;
  const nothing = counts.documents + counts.annotations + counts.tags + counts.notes === 0;
  return (
    <Modal
      title="Import from Another Tool"
      className="restore-dialog exchange-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || nothing}
            data-autofocus
            onClick={onApply}
          >
            Import
          </button>
        </>
      }
    >
      <p className="restore-file">{preview.fileName}</p>
      <p className="restore-meta">
        {[
          FORMAT_NAMES[report.format],
          report.producer && `written by ${report.producer}`,
          [
            plural(counts.documents, 'document'),
            plural(counts.annotations, 'coded passage'),
            plural(counts.tags, 'code'),
            plural(counts.notes, 'note'),
            counts.collections > 0 ? plural(counts.collections, 'set') : null,
          ]
            .filter(Boolean)
            .join(' · '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {report.addresses && report.addresses.length > 0 && (
        <fieldset className="export-section exchange-addresses">
          <legend>Pages annotated</legend>
          {report.addresses.map((a) => (
            <label key={a.uri} className="exchange-address">
              <span className="exchange-address-title">
                {a.title || a.uri} <small>({plural(a.annotations, 'annotation')})</small>
              </span>
              <span className="tm-select">
                <select
                  value={documentFor[a.uri] ?? ''}
                  onChange={(e) => onChoose(a.uri, e.target.value)}
                >
                  <option value="">Not in the notebook: leave out</option>
                  {documents.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title || 'Untitled document'}
                    </option>
                  ))}
                </select>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <RestoreChangesTable preview={preview.merge} label="What the import will change" />
      <p className="export-hint">
        Codes become tags (joined to yours by name), coded passages become highlights, memos and
        comments become notes and comments. Nothing of yours is deleted; Undo takes the import back.
      </p>
      {report.notCarried.length > 0 && (
        <div className="exchange-section">
          <h3>Not carried over</h3>
          <p className="export-hint">The file holds these, which Marginalia does not keep:</p>
          <ul>
            {report.notCarried.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {report.unplaced.length > 0 && (
        <details className="restore-problems exchange-unplaced" open={report.unplaced.length <= 5}>
          <summary>{plural(report.unplaced.length, 'item')} could not be placed</summary>
          <ul>
            {report.unplaced.map((u) => (
              <li key={`${u.what}${u.reason}`}>
                <strong>{u.what}</strong>: {u.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {report.notes.length > 0 && (
        <ul className="exchange-notes">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
