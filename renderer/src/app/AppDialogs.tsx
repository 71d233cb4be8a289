import type { TagUsage } from '../../../shared/codebook.ts';
import type { DocumentSummary, Tag } from '../../../shared/model.ts';
import type { Collections } from '../collections/use-collections.ts';
import { BackupsDialog } from '../export/BackupsDialog.tsx';
import { ExportDialog } from '../export/ExportDialog.tsx';
import { RestoreDialog } from '../export/RestoreDialog.tsx';
import type { Exporter } from '../export/use-export.ts';
import type { Restorer } from '../export/use-restore.ts';
import { ImportProgress } from '../library/ImportProgress.tsx';
import { ImportReportDialog } from '../library/ImportReportDialog.tsx';
import type { Importer } from '../library/use-import.ts';
import { PreferencesDialog } from '../preferences/PreferencesDialog.tsx';
import type { Preferences } from '../preferences/use-preferences.ts';

/**
 * The window-wide dialogs and overlays, each shown while its flow needs it: import progress and
 * report, export, backups and restore, the drop target, preferences.
 */
export function AppDialogs(props: {
  importer: Importer;
  exporter: Exporter;
  restorer: Restorer;
  preferences: Preferences;
  collections: Collections;
  dragging: boolean;
  documents: readonly DocumentSummary[];
  openDocumentId: string | null;
  tags: readonly Tag[];
  usage: Readonly<Record<string, TagUsage>>;
  searchQuery: string;
  onOpenDocument(id: string): void;
}) {
  const { importer, exporter, restorer, preferences } = props;
  return (
    <>
      {importer.job && <ImportProgress job={importer.job} onCancel={importer.cancel} />}
      {importer.report && (
        <ImportReportDialog
          report={importer.report}
          onOpen={props.onOpenDocument}
          onClose={importer.closeReport}
        />
      )}
      {exporter.request && (
        <ExportDialog
          exporter={exporter}
          request={exporter.request}
          documents={props.documents}
          openDocumentId={props.openDocumentId}
          tags={props.tags}
          usage={props.usage}
          searchQuery={props.searchQuery}
          collections={props.collections.list}
          onRestore={() => {
            exporter.close();
            void restorer.open();
          }}
        />
      )}
      {restorer.backups && (
        <BackupsDialog
          backups={restorer.backups}
          busy={restorer.busy}
          onChoose={(name) => void restorer.choose(name)}
          onClose={restorer.closeList}
        />
      )}
      {restorer.preview && (
        <RestoreDialog
          preview={restorer.preview}
          busy={restorer.busy}
          onApply={(mode) => void restorer.apply(mode)}
          onClose={restorer.close}
        />
      )}
      {props.dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-card">
            <p className="drop-overlay-title">Drop to import</p>
            <p>Text, Markdown, HTML and PDF files become documents in your library.</p>
          </div>
        </div>
      )}
      {preferences.open && preferences.settings && (
        <PreferencesDialog
          settings={preferences.settings}
          onChange={preferences.update}
          onClose={() => preferences.setOpen(false)}
        />
      )}
    </>
  );
}
