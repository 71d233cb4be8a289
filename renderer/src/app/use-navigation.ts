import { useCallback, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/search/types.ts';
import type { View } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import type { Notices } from './use-toasts.ts';

/** A request another view hands over (the seq makes a repeat of the same id a new request). */
export type Request = { id: string; seq: number } | null;
const next = (id: string) => (r: Request) => ({ id, seq: (r?.seq ?? 0) + 1 });

/**
 * Where the window is: the view shown, and the requests that carry a click in one view to
 * another (show this quote in the reader, this note, this tag).
 */
export function useNavigation(
  showDocument: (id: string) => void,
  setSelectedId: (id: string) => void,
  { notify, onError }: Pick<Notices, 'notify' | 'onError'>,
) {
  const [view, setView] = useState<View>('reader');
  const [jumpRequest, setJumpRequest] = useState<Request>(null);
  const [openNoteId, setOpenNoteId] = useState<string | null>(null);
  const [tagRequest, setTagRequest] = useState<Request>(null);
  const startingNotes = useRef(new Set<string>());

  const openDocument = useCallback(
    (id: string) => {
      showDocument(id);
      setView('reader');
    },
    [showDocument],
  );
  const openNote = useCallback((noteId: string) => {
    setOpenNoteId(noteId);
    setView('notes');
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
        setJumpRequest(next(annotationId));
      }, onError);
    },
    [notify, onError, setSelectedId],
  );
  const openHit = useCallback(
    (hit: SearchHit) => {
      if (hit.kind === 'quote') openQuote(hit.id);
      else if (hit.kind === 'note') openNote(hit.id);
      else if (hit.kind === 'tag') {
        setTagRequest(next(hit.id));
        setView('tags');
      } else openDocument(hit.id);
    },
    [openQuote, openNote, openDocument],
  );
  const startNoteFromQuote = useCallback(
    (annotationId: string) => {
      // A double click makes one note, not two.
      if (startingNotes.current.has(annotationId)) return;
      startingNotes.current.add(annotationId);
      void call('createNoteFromQuote', { annotationId })
        .then((note) => openNote(note.id), onError)
        .finally(() => startingNotes.current.delete(annotationId));
    },
    [openNote, onError],
  );
  const clearJump = useCallback(() => setJumpRequest(null), []);
  const clearTagRequest = useCallback(() => setTagRequest(null), []);

  return {
    view,
    setView,
    jumpRequest,
    clearJump,
    openNoteId,
    setOpenNoteId,
    tagRequest,
    clearTagRequest,
    openDocument,
    openNote,
    openQuote,
    openHit,
    startNoteFromQuote,
  };
}
