import { useCallback, useEffect, useMemo, useState } from 'react';
import { type AnnotationFilter, NO_FILTER } from '../../shared/annotation-filter.ts';
import { AnalysisView } from './analysis/AnalysisView.tsx';
import { AppDialogs } from './app/AppDialogs.tsx';
import { useDocumentFlows } from './app/use-document-flows.ts';
import { useNavigation } from './app/use-navigation.ts';
import { useNotebookNotices } from './app/use-notebook-notices.ts';
import { dialogOpen, useShortcut, withCommandKey } from './app/use-shortcut.ts';
import { useToasts } from './app/use-toasts.ts';
import { useUndo } from './app/use-undo.ts';
import { ViewSwitcher } from './app/ViewSwitcher.tsx';
import { type AppServices, AppServicesContext } from './app-services.ts';
import { ExchangeImport } from './exchange/ExchangeImport.tsx';
import { call } from './notebook-client.ts';
import { NotesView } from './notes/NotesView.tsx';
import { ColorLabelsContext } from './preferences/color-labels.ts';
import { usePreferences } from './preferences/use-preferences.ts';
import { ReaderView } from './reader/ReaderView.tsx';
import { RoundsView } from './rounds/RoundsView.tsx';
import { CommandPalette } from './search/CommandPalette.tsx';
import { SearchView } from './search/SearchView.tsx';
import { SpeakersView } from './speakers/SpeakersView.tsx';
import { TagManager } from './tags/TagManager.tsx';
import { Toasts } from './ui/Toasts.tsx';
import { useLiveValue } from './use-live-list.ts';
import { useNotebook } from './use-notebook.ts';

/**
 * The window: the notebook's state, the services every view shares (notices, undo, navigation,
 * import, export, restore), the view shown and the window-wide dialogs. Each concern lives in
 * its own hook under app/ or its feature's folder; this component wires them together.
 */
export function App() {
  const notices = useToasts();
  const { notify, onError } = notices;
  const offerUndo = useUndo(notices);
  const { info, documents, tags, selectedId, setSelectedId, showDocument, document, annotations } =
    useNotebook(onError);
  useNotebookNotices(info, notices);
  const preferences = usePreferences(onError);
  const nav = useNavigation(showDocument, setSelectedId, notices);
  const { openDocument, setView } = nav;

  useEffect(() => {
    globalThis.document.title = document ? `${document.title} — Marginalia` : 'Marginalia';
  }, [document]);

  // Each document keeps its own highlight filter while the app runs.
  const [filters, setFilters] = useState<Record<string, AnnotationFilter>>({});
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

  const { importer, exporter, restorer, collections, reading, dragging } = useDocumentFlows(
    { notify, onError, offerUndo },
    { openDocument, selectedId, navigate: setView },
  );

  // Search: the palette (Ctrl/Cmd+K, from anywhere) and the search view share one query.
  const [palette, setPalette] = useState(false);
  const [searchQuery, setSearchQuery] = useState('');
  useShortcut((event) => {
    if (event.key.toLowerCase() !== 'k' || !withCommandKey(event)) return false;
    // Not over another dialog (a confirmation, the import report): finish that first.
    if (!dialogOpen()) setPalette(true);
    return true;
  });

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
      openNote: nav.openNote,
      openQuote: nav.openQuote,
      openDocument,
      startNoteFromQuote: nav.startNoteFromQuote,
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
      setView,
      nav.openNote,
      nav.openQuote,
      openDocument,
      nav.startNoteFromQuote,
      importer,
      exporter,
      restorer,
      collections,
      reading,
    ],
  );

  const { view } = nav;
  return (
    <AppServicesContext.Provider value={services}>
      <ColorLabelsContext.Provider value={preferences.labels}>
        <div className="app">
          <ViewSwitcher
            view={view}
            onView={setView}
            onPreferences={() => preferences.setOpen(true)}
          />
          <div className="view">
            {view === 'reader' && (
              <ReaderView
                documents={documents}
                selectedId={selectedId}
                onSelect={setSelectedId}
                document={document}
                annotations={annotations}
                jumpRequest={nav.jumpRequest}
                onJumpHandled={nav.clearJump}
                filter={(selectedId && filters[selectedId]) || NO_FILTER}
                onFilterChange={changeFilter}
              />
            )}
            {view === 'notes' && (
              <NotesView openNoteId={nav.openNoteId} onOpenNote={nav.setOpenNoteId} />
            )}
            {view === 'tags' && (
              <TagManager request={nav.tagRequest} onRequestHandled={nav.clearTagRequest} />
            )}
            {view === 'search' && (
              <SearchView query={searchQuery} onQueryChange={setSearchQuery} onOpen={nav.openHit} />
            )}
            {view === 'speakers' && <SpeakersView />}
            {view === 'analysis' && <AnalysisView />}
            {view === 'rounds' && <RoundsView />}
          </div>
          {palette && (
            <CommandPalette
              initialQuery=""
              onOpen={nav.openHit}
              onOpenSearchView={(query) => {
                setSearchQuery(query);
                setView('search');
              }}
              onClose={() => setPalette(false)}
            />
          )}
          <AppDialogs
            importer={importer}
            exporter={exporter}
            restorer={restorer}
            preferences={preferences}
            collections={collections}
            dragging={dragging}
            documents={documents ?? []}
            openDocumentId={selectedId}
            tags={tags}
            usage={usage}
            searchQuery={searchQuery}
            onOpenDocument={openDocument}
          />
          <ExchangeImport />
          <Toasts toasts={notices.toasts} onDismiss={notices.dismiss} />
        </div>
      </ColorLabelsContext.Provider>
    </AppServicesContext.Provider>
  );
}
