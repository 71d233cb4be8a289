import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Note, NoteSummary } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import { call, NotebookCallError } from '../notebook-client.ts';
import { NoteEditor, type NoteEditorHandle, type NoteMode, type NotePatch } from './NoteEditor.tsx';
import { NoteList, noteTitle } from './NoteList.tsx';
import '../styles/notes.css';

const MODE_KEY = 'marginalia.notesMode';

type PendingFocus = { noteId: string; target: 'title' | 'writing' } | null;

/**
 * The notes view: the list of notes beside the open note. Selection is kept by id, so it
 * survives the list reloading after every save; a note asked for from elsewhere (a new note
 * from a quote, say) opens even before the list has caught up with it.
 */
export function NotesView({
  openNoteId,
  onOpenNote,
}: {
  openNoteId: string | null;
  onOpenNote: (id: string | null) => void;
}) {
  const { notes, tags, documents, onError, offerUndo } = useApp();
  const [selectedId, setSelectedId] = useState<string | null>(openNoteId);
  const [note, setNote] = useState<Note | null>(null);
  const [filter, setFilter] = useState('');
  const [mode, setMode] = useState<NoteMode>(() =>
    localStorage.getItem(MODE_KEY) === 'preview' ? 'preview' : 'edit',
  );
  /** Deleted here and not yet gone from the list (it reloads a moment later). */
  const [removed, setRemoved] = useState<ReadonlySet<string>>(() => new Set());
  const [pendingFocus, setPendingFocus] = useState<PendingFocus>(null);
  const [listFocus, setListFocus] = useState(0);
  const editorRef = useRef<NoteEditorHandle>(null);
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const noteRef = useRef(note);
  noteRef.current = note;

  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id);
      setPendingFocus((pending) => (pending?.noteId === id ? pending : null));
      onOpenNote(id);
    },
    [onOpenNote],
  );

  // A note opened from elsewhere: show it, even if the filter would hide it.
  useEffect(() => {
    if (!openNoteId || openNoteId === selectedRef.current) return;
    setSelectedId(openNoteId);
    setFilter('');
  }, [openNoteId]);

  const all = useMemo(() => notes.filter((n) => !removed.has(n.id)), [notes, removed]);
  const visible = useMemo(() => {
    const query = filter.trim().toLowerCase();
    if (!query) return all;
    const tagNames = new Map(tags.map((t) => [t.id, t.name]));
    const documentTitles = new Map(documents.map((d) => [d.id, d.title]));
    return all.filter((n) =>
      [
        n.title,
        n.excerpt,
        n.documentId ? (documentTitles.get(n.documentId) ?? '') : '',
        ...n.tagIds.map((id) => tagNames.get(id) ?? ''),
      ]
        .join('\n')
        .toLowerCase()
        .includes(query),
    );
  }, [all, filter, tags, documents]);

  // With nothing chosen, show the newest note, as a notes app does.
  useEffect(() => {
    if (selectedId === null && !filter.trim() && visible[0]) select(visible[0].id);
  }, [selectedId, filter, visible, select]);

  // Load the chosen note in full (the list holds only summaries).
  useEffect(() => {
    if (!selectedId) {
      setNote(null);
      return;
    }
    if (noteRef.current?.id === selectedId) return;
    let current = true;
    call('getNote', { id: selectedId }).then(
      (loaded) => {
        if (current) setNote(loaded);
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof NotebookCallError && error.code === 'not-found') {
          setRemoved((ids) => new Set(ids).add(selectedId));
          select(null);
        } else {
          onError(error);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [selectedId, select, onError]);

  const changeMode = useCallback((next: NoteMode) => {
    setMode(next);
    localStorage.setItem(MODE_KEY, next);
  }, []);

  const save = useCallback(async (id: string, patch: NotePatch) => {
    const saved = await call('updateNote', { id, ...patch });
    setNote((current) => (current?.id === saved.id ? saved : current));
    return saved;
  }, []);

  const createNote = useCallback(async () => {
    try {
      const created = await call('createNote', {
        title: '',
        body: '',
        tagIds: [],
        documentId: null,
      });
      setFilter('');
      setNote(created);
      setPendingFocus({ noteId: created.id, target: 'title' });
      changeMode('edit');
      select(created.id);
    } catch (error) {
      onError(error);
    }
  }, [changeMode, select, onError]);

  const openNote = useCallback(
    (id: string) => {
      if (editorRef.current?.noteId === id) {
        editorRef.current.focus();
        return;
      }
      setPendingFocus({ noteId: id, target: 'writing' });
      select(id);
    },
    [select],
  );

  const deleteNote = useCallback(
    async (target: Pick<NoteSummary, 'id'>) => {
      const index = visible.findIndex((n) => n.id === target.id);
      const others = visible.filter((n) => n.id !== target.id);
      const next = (index >= 0 ? (visible[index + 1] ?? visible[index - 1]) : others[0]) ?? null;
      // The text as it stands goes with the note, so that undo brings back every last word.
      const draft = editorRef.current?.noteId === target.id ? editorRef.current.flush() : null;
      try {
        const gone = await call('deleteNote', { id: target.id });
        const kept: Note = draft ? { ...gone, ...draft } : gone;
        setRemoved((ids) => new Set(ids).add(kept.id));
        if (selectedRef.current === kept.id) select(next?.id ?? null);
        // The keyboard stays in the list, on the note that takes the deleted one's place.
        setListFocus((n) => n + 1);
        offerUndo(`Deleted note “${noteTitle(kept)}”.`, 'delete note', async () => {
          await call('restoreNote', { note: kept });
          setRemoved((ids) => {
            const rest = new Set(ids);
            rest.delete(kept.id);
            return rest;
          });
          select(kept.id);
        });
      } catch (error) {
        onError(error);
      }
    },
    [visible, select, offerUndo, onError],
  );

  const shown = note && note.id === selectedId ? note : null;

  return (
    <div className="notes-view">
      <NoteList
        notes={visible}
        total={all.length}
        filter={filter}
        onFilterChange={setFilter}
        selectedId={selectedId}
        onSelect={select}
        onOpen={openNote}
        onDelete={(n) => void deleteNote(n)}
        onCreate={() => void createNote()}
        tags={tags}
        documents={documents}
        focusRequest={listFocus}
      />
      {shown ? (
        <NoteEditor
          key={shown.id}
          ref={editorRef}
          note={shown}
          mode={mode}
          onModeChange={changeMode}
          autoFocus={pendingFocus?.noteId === shown.id ? pendingFocus.target : null}
          onSave={(patch) => save(shown.id, patch)}
          onDelete={() => void deleteNote(shown)}
        />
      ) : (
        <div className="note-pane note-pane-empty">
          {!selectedId && (
            <div className="empty-state reader-empty">
              <p className="empty-title">No note open</p>
              <p>
                {all.length === 0
                  ? 'Notes hold your thinking about what you read. Quotes you cite stay linked to their place in the text.'
                  : 'Choose a note in the list to read or edit it.'}
              </p>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
