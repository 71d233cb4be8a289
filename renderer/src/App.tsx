import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type AnnotationFilter, NO_FILTER } from '../../shared/annotation-filter.ts';
import { quarantineNotice } from '../../shared/quarantine.ts';
import type { SearchHit } from '../../shared/search/types.ts';
import { AnalysisView } from './analysis/AnalysisView.tsx';
import { type AppServices, AppServicesContext, type View } from './app-services.ts';
import { useCollections } from './collections/use-collections.ts';
import { ExchangeImport } from './exchange/ExchangeImport.tsx';
import { BackupsDialog } from './export/BackupsDialog.tsx';
import { ExportDialog } from './export/ExportDialog.tsx';
import { RestoreDialog } from './export/RestoreDialog.tsx';
import { useExport } from './export/use-export.ts';
import { useRestore } from './export/use-restore.ts';
import { ImportProgress } from './library/ImportProgress.tsx';
import { ImportReportDialog } from './library/ImportReportDialog.tsx';
import { useFileDrop } from './library/use-file-drop.ts';
import { useImport } from './library/use-import.ts';
import { usePasteImport } from './library/use-paste-import.ts';
import { call } from './notebook-client.ts';
import { NotesView } from './notes/NotesView.tsx';
import { usePdfPrewarm } from './pdf/use-pdf-prewarm.ts';
import { ColorLabelsContext } from './preferences/color-labels.ts';
import { PreferencesDialog } from './preferences/PreferencesDialog.tsx';
import { usePreferences } from './preferences/use-preferences.ts';
import { ReaderView } from './reader/ReaderView.tsx';
import { useReadingStates } from './reading/use-reading-states.ts';
import { requestOpenPackage } from './rounds/open-package-request.ts';
import { RoundsView } from './rounds/RoundsView.tsx';
import { CommandPalette } from './search/CommandPalette.tsx';
import { SearchView } from './search/SearchView.tsx';
import { SpeakersView } from './speakers/SpeakersView.tsx';
import { TagManager } from './tags/TagManager.tsx';
import { type ToastMessage, Toasts } from './ui/Toasts.tsx';
import { isTextField } from './ui/text-field.ts';
import { type UndoEntry, UndoStack } from './undo-stack.ts';
import { useLiveValue } from './use-live-list.ts';
import { useNotebook } from './use-notebook.ts';

const TOAST_MS = 7000;
const VIEWS: { id: View; label: string }[] = [
  { id: 'reader', label: 'Reader' },
  { id: 'notes', label: 'Notes' },
  { id: 'tags', label: 'Tags' },
  { id: 'search', label: 'Search' },
  { id: 'speakers', label: 'Speakers' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'rounds', label: 'Team' },
];

export function App() {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const nextToast = useRef(1);
  const undo = useRef(new UndoStack()).current;
  const undoToasts = useRef(new WeakMap<UndoEntry, number>());

  const dismiss = useCallback(
    (id: number) => setToasts((all) => all.filter((t) => t.id !== id)),
    [],
  );
  const notify = useCallback(
    (toast: Omit<ToastMessage, 'id'>) => {
      const id = nextToast.current++;
      // Keep every sticky notice and the two newest others.
      setToasts((all) => {
        const others = all.filter((t) => !t.sticky);
        return [...all.filter((t) => t.sticky), ...others.slice(-2), { ...toast, id }];
      });
      if (!toast.sticky) window.setTimeout(() => dismiss(id), TOAST_MS);
      return id;
    },
    [dismiss],
  );
  const onError = useCallback(
    (error: unknown) =>
      notify({ tone: 'error', message: error instanceof Error ? error.message : String(error) }),
    [notify],
  );

  const { info, documents, tags, selectedId, setSelectedId, showDocument, document, annotations } =
    useNotebook(onError);
  usePdfPrewarm(documents);
  const preferences = usePreferences(onError);
  useEffect(() => {
    // Recovery from a damaged store is news the user must not miss: it stays until dismissed.
    if (info?.recovery) notify({ tone: 'error', message: info.recovery.message, sticky: true });
    // So are records set aside as damaged.
    const quarantined = info && quarantineNotice(info.quarantine);
    if (quarantined) notify({ tone: 'error', message: quarantined, sticky: true });
  }, [info, notify]);

  // Failed saves stay on screen until saving works again.
  useEffect(() => {
    let failure: number | null = null;
    return window.notebook.onEvent((event) => {
      if (event.type === 'save-failed' && failure === null) {
        failure = notify({ tone: 'error', message: event.message, sticky: true });
      } else if (event.type === 'save-recovered' && failure !== null) {
        dismiss(failure);
        failure = null;
        notify({ tone: 'info', message: 'Saving works again; all changes are on disk.' });
      }
    });
  }, [notify, dismiss]);

  /** Record an undoable action and offer it in a toast. */
  const offerUndo = useCallback(
    (message: string, label: string, run: () => Promise<void>) => {
      const entry = undo.push({ label, undo: run });
      const toast = notify({
        tone: 'info',
        message,
        action: { label: 'Undo', run: () => void undo.run(entry).catch(onError) },
      });
      undoToasts.current.set(entry, toast);
      return () => {
        undo.remove(entry);
        undoToasts.current.delete(entry);
        dismiss(toast);
      };
    },
    [undo, notify, onError, dismiss],
  );

  // Ctrl/Cmd+Z undoes the last destructive action, except inside a text field (its own undo).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey)
        return;
      if (isTextField(event.target)) return;
      event.preventDefault();
      const entry = undo.peek();
      undo
        .undoLast()
        .then((label) => {
          // Its notice no longer offers anything to undo.
          const toast = entry && undoToasts.current.get(entry);
          if (toast !== undefined) dismiss(toast);
          notify({ tone: 'info', message: label ? `Undone: ${label}.` : 'Nothing to undo.' });
        })
        .catch(onError);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [undo, notify, onError, dismiss]);

  const title = useMemo(
    () => (document ? `${document.title} — Marginalia` : 'Marginalia'),
    [document],
  );
  useEffect(() => {
    globalThis.document.title = title;
  }, [title]);

  const [view, setView] = useState<View>('reader');
  const [jumpRequest, setJumpRequest] = useState<{ id: string; seq: number } | null>(null);
  const [openNoteId, setOpenNoteId] = useState<string | null>(null);
  // Each document keeps its own highlight filter while the app runs.
  const [filters, setFilters] = useState<Record<string, AnnotationFilter>>({});
  const startingNotes = useRef(new Set<string>());
  const changeFilter = useCallback(
    (filter: AnnotationFilter) => {
      if (selectedId) setFilters((all) => ({ ...all, [selectedId]: filter }));
    },
    [selectedId],
  );
  const loadNotes = useCallback(() => call('listNotes', {}), []);
  const [notes] = useLiveValue(loadNotes, [], ['notes'], onError);
  const loadUsage = useCallback(() => call('tagUsage', {}), []);
  const [usage] = useLiveValue(loadUsage, {}, ['tags', 'annotations'], onError);

  const openDocument = useCallback(
    (id: string) => {
      showDocument(id);
      setView('reader');
    },
    [showDocument],
  );
  const importer = useImport({ notify, onError, offerUndo }, openDocument);
  const { fromFiles, fromPaste, fromDialog, fromClipboard } = importer;
  const dropFiles = useCallback((files: File[]) => void fromFiles(files), [fromFiles]);
  const dragging = useFileDrop(dropFiles);
  usePasteImport(fromPaste);
  const exporter = useExport({ onError });
  const collections = useCollections({ notify, onError, offerUndo });
  const reading = useReadingStates(onError);
  const restorer = useRestore({ notify, onError, offerUndo });
  const openExport = exporter.open;
  const chooseBackup = restorer.open;
  // The current document is what "Export…" means first; without one, the whole notebook.
  const exportFromHere = useCallback(
    () =>
      openExport({
        scope: selectedId ? { kind: 'document', documentId: selectedId } : { kind: 'notebook' },
      }),
    [openExport, selectedId],
  );
  const backUp = useCallback(
    () => openExport({ scope: { kind: 'notebook' }, format: 'json' }),
    [openExport],
  );
  // File menu commands arrive from the application menu.
  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type !== 'command') return;
        if (event.command === 'import-files') void fromDialog();
        if (event.command === 'import-clipboard') void fromClipboard();
        if (event.command === 'export') exportFromHere();
        if (event.command === 'backup') backUp();
        if (event.command === 'restore') void chooseBackup();
        if (event.command === 'open-package') {
          requestOpenPackage();
          setView('rounds');
        }
      }),
    [fromDialog, fromClipboard, exportFromHere, backUp, chooseBackup],
  );
  // The same shortcuts in the page, where there is no application menu (and the menu's own
  // accelerators reach the page as commands instead of key presses).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      const key = event.key.toLowerCase();
      if (key === 'e' && !event.shiftKey) exportFromHere();
      else if (key === 's' && event.shiftKey) backUp();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [exportFromHere, backUp]);

  const clearJump = useCallback(() => setJumpRequest(null), []);

  // Search: the palette (Ctrl/Cmd+K, from anywhere) and the search view share one query.
  const [palette, setPalette] = useState(false);
  const [searchQuery, setSearchQuery] = useState('');
  const [tagRequest, setTagRequest] = useState<{ id: string; seq: number } | null>(null);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey)
        return;
      event.preventDefault();
      // Not over another dialog (a confirmation, the import report): finish that first.
      if (globalThis.document.querySelector('dialog[open]')) return;
      setPalette(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const openQuote = useCallback(
    (annotationId: string) => {
      void call('resolveQuotes', { ids: [annotationId] }).then(([quote]) => {
        if (!quote?.found) {
          notify({ tone: 'info', message: 'That quote is no longer in the notebook.' });
          return;
        }
        setSelectedId(quote.documentId);
        setView('reader');
        setJumpRequest((j) => ({ id: annotationId, seq: (j?.seq ?? 0) + 1 }));
      }, onError);
    },
    [notify, onError, setSelectedId],
  );

  const openHit = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'quote') openQuote(hit.id);
      else if (hit.kind === 'note') {
        setOpenNoteId(hit.id);
        setView('notes');
      } else if (hit.kind === 'tag') {
        setTagRequest((r) => ({ id: hit.id, seq: (r?.seq ?? 0) + 1 }));
        setView('tags');
      } else openDocument(hit.id);
    },
    [openQuote, openDocument],
  );

  const services = useMemo<AppServices>(
    () => ({
      notify,
      onError,
      offerUndo,
      tags,
      usage,
      notes,
      documents: documents ?? [],
      navigate: setView,
      openNote(noteId) {
        setOpenNoteId(noteId);
        setView('notes');
      },
      openQuote,
      openDocument,
      startNoteFromQuote(annotationId) {
        // A double click makes one note, not two.
        if (startingNotes.current.has(annotationId)) return;
        startingNotes.current.add(annotationId);
        void call('createNoteFromQuote', { annotationId })
          .then((note) => {
            setOpenNoteId(note.id);
            setView('notes');
          }, onError)
          .finally(() => startingNotes.current.delete(annotationId));
      },
      importer,
      exporter,
      restorer,
      collections,
      reading,
    }),
    [
      notify,
      onError,
      offerUndo,
      tags,
      usage,
      notes,
      documents,
      openQuote,
      openDocument,
      importer,
      exporter,
      restorer,
      collections,
      reading,
    ],
  );

  // Ctrl/Cmd+1 to 7 switch views, as tabs do.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const next = VIEWS[Number(event.key) - 1];
      if (!next) return;
      event.preventDefault();
      setView(next.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <AppServicesContext.Provider value={services}>
      <ColorLabelsContext.Provider value={preferences.labels}>
        <div className="app">
          <nav className="view-switcher" aria-label="Views">
            {VIEWS.map((v, i) => (
              <button
                key={v.id}
                type="button"
                aria-current={view === v.id ? 'page' : undefined}
                title={`${v.label} (Ctrl+${i + 1})`}
                onClick={() => setView(v.id)}
                // Dragging a quote over a tab opens that view, as with browser tabs: a card from
                // the reader's panel can then be dropped into a note.
                onDragEnter={() => setView(v.id)}
                onDragOver={(e) => e.preventDefault()}
              >
                {v.label}
              </button>
            ))}
            <button
              type="button"
              className="view-switcher-preferences"
              title="Preferences (Ctrl+,)"
              onClick={() => preferences.setOpen(true)}
            >
              Preferences
            </button>
          </nav>
          <div className="view">
            {view === 'reader' && (
              <ReaderView
                documents={documents}
                selectedId={selectedId}
                onSelect={setSelectedId}
                document={document}
                annotations={annotations}
                jumpRequest={jumpRequest}
                onJumpHandled={clearJump}
                filter={(selectedId && filters[selectedId]) || NO_FILTER}
                onFilterChange={changeFilter}
              />
            )}
            {view === 'notes' && <NotesView openNoteId={openNoteId} onOpenNote={setOpenNoteId} />}
            {view === 'tags' && (
              <TagManager request={tagRequest} onRequestHandled={() => setTagRequest(null)} />
            )}
            {view === 'search' && (
              <SearchView query={searchQuery} onQueryChange={setSearchQuery} onOpen={openHit} />
            )}
            {view === 'speakers' && <SpeakersView />}
            {view === 'analysis' && <AnalysisView />}
            {view === 'rounds' && <RoundsView />}
          </div>
          {palette && (
            <CommandPalette
              initialQuery=""
              onOpen={openHit}
              onOpenSearchView={(query) => {
                setSearchQuery(query);
                setView('search');
              }}
              onClose={() => setPalette(false)}
            />
          )}
          {importer.job && <ImportProgress job={importer.job} onCancel={importer.cancel} />}
          {importer.report && (
            <ImportReportDialog
              report={importer.report}
              onOpen={openDocument}
              onClose={importer.closeReport}
            />
          )}
          {exporter.request && (
            <ExportDialog
              exporter={exporter}
              request={exporter.request}
              documents={documents ?? []}
              openDocumentId={selectedId}
              tags={tags}
              usage={usage}
              searchQuery={searchQuery}
              collections={collections.list}
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
          {dragging && (
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
          <ExchangeImport />
          <Toasts toasts={toasts} onDismiss={dismiss} />
        </div>
      </ColorLabelsContext.Provider>
    </AppServicesContext.Provider>
  );
}
