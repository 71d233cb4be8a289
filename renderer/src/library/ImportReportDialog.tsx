import { describeUpdate, type ImportReport, summarizeImport } from '../../../shared/import.ts';
import { Modal } from '../ui/Modal.tsx';

const STATUS_LABEL = {
  imported: 'Imported',
  updated: 'Updated',
  duplicate: 'Already in library',
  failed: 'Not imported',
  skipped: 'Cancelled',
} as const;

/** What happened to each file of an import, with a way to open what came in. */
export function ImportReportDialog({
  report,
  onOpen,
  onClose,
}: {
  report: ImportReport;
  onOpen: (documentId: string) => void;
  onClose: () => void;
}) {
  return (
    <Modal
      title="Import finished"
      className="import-report"
      onClose={onClose}
      footer={
        <button type="button" className="primary" data-autofocus onClick={onClose}>
          Done
        </button>
      }
    >
      <p className="import-summary">{summarizeImport(report)}</p>
      <ul className="import-items" aria-label="Imported files">
        {report.items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same file name may appear twice.
          <li key={index} className={`import-item import-${item.status}`}>
            <span className="import-status">{STATUS_LABEL[item.status]}</span>
            <span className="import-name">{item.name}</span>
            <span className="import-detail">
              {item.status === 'failed' && item.reason}
              {item.status === 'updated' && describeUpdate(item)}
              {(item.status === 'imported' || item.status === 'duplicate') && `“${item.title}”`}
            </span>
            {item.status === 'imported' &&
              item.warnings?.map((warning) => (
                <span key={warning} className="import-warning" role="note">
                  {warning}
                </span>
              ))}
            {'documentId' in item && (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onOpen(item.documentId);
                  onClose();
                }}
              >
                Open
              </button>
            )}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
