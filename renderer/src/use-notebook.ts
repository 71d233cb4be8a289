import { useCallback, useEffect, useState } from 'react';
import { applyAnnotationDelta, applyCountsDelta } from '../../shared/annotation-delta.ts';
import type { NotebookInfo } from '../../shared/contract.ts';
import type { Annotation, DocumentSummary, NotebookDocument, Tag } from '../../shared/model.ts';
import { call } from './notebook-client.ts';
import { warmPdfJs } from './pdf/pdf-engine.ts';
import { openAhead } from './pdf/pdf-open.ts';

const LAST_DOCUMENT_KEY = 'marginalia.lastDocument';
/**
 * How long a PDF's text waits for its bytes (see openAhead): long enough for a book's from the
 * app's own disk, short enough that a slow file never holds the header and the side panel back.
 */
const PDF_BYTES_FIRST_MS = 250;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The renderer's view of the notebook: what the library, reader and panels show. It loads on
 * start, follows the selected document, and reloads what the core says changed.
 */
export function useNotebook(onError: (error: unknown) => void) {
  const [info, setInfo] = useState<NotebookInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [tags, setTags] = useState<Tag[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(() =>
    localStorage.getItem(LAST_DOCUMENT_KEY),
  );
  const [document, setDocument] = useState<NotebookDocument | null>(null);
  const [annotations, setAnnotations] = useState<readonly Annotation[]>([]);

  const loadDocuments = useCallback(
    () => call('listDocuments', {}).then(setDocuments, onError),
    [onError],
  );
  const loadTags = useCallback(() => call('listTags', {}).then(setTags, onError), [onError]);
  const loadAnnotations = useCallback(
    (documentId: string | null) =>
      documentId
        ? call('listAnnotations', { documentId }).then(setAnnotations, onError)
        : Promise.resolve(setAnnotations([])),
    [onError],
  );

  useEffect(() => {
    call('getInfo', {}).then(setInfo, onError);
    void loadDocuments();
    void loadTags();
  }, [loadDocuments, loadTags, onError]);

  // Null until the library is listed: a worker started early for its PDFs must not be stopped
  // by the empty list of the first render.
  const libraryHasPdf = documents ? documents.some((d) => d.pageCount !== undefined) : null;
  useEffect(() => {
    if (libraryHasPdf !== null) warmPdfJs(libraryHasPdf);
  }, [libraryHasPdf]);

  // Keep the selection on a document that exists: the last one read, else the newest.
  useEffect(() => {
    if (!documents) return;
    if (selectedId && documents.some((d) => d.id === selectedId)) return;
    setSelectedId(documents[0]?.id ?? null);
  }, [documents, selectedId]);

  // Fetch the text only when another document is chosen, not on every change to the list.
  const selected = documents?.find((d) => d.id === selectedId);
  const selectedExists = selected !== undefined;
  const selectedIsPdf = selected?.pageCount !== undefined;
  useEffect(() => {
    if (!selectedId || !selectedExists) {
      setDocument(null);
      setAnnotations([]);
      return;
    }
    localStorage.setItem(LAST_DOCUMENT_KEY, selectedId);
    let current = true;
    // A PDF's bytes go first, and pdf.js parses them while its text comes (see openAhead).
    const bytesFirst = selectedIsPdf
      ? Promise.race([openAhead(selectedId), delay(PDF_BYTES_FIRST_MS)])
      : null;
    const load = () => {
      if (!current) return;
      call('getDocument', { id: selectedId }).then((doc) => current && setDocument(doc), onError);
      // Guarded like the text: a slow answer for the document left behind must not land on the next.
      call('listAnnotations', { documentId: selectedId }).then(
        (list) => current && setAnnotations(list),
        onError,
      );
    };
    if (bytesFirst) void bytesFirst.then(load);
    else load();
    return () => {
      current = false;
    };
  }, [selectedId, selectedExists, selectedIsPdf, onError]);

  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type !== 'changed') return;
        const { entities, annotations: delta } = event;
        if (delta && entities.every((e) => e === 'annotations')) {
          // A few highlights changed and the core says which: applied here, nothing reloaded
          // (not the whole list of highlights, not the library's list of documents).
          setDocuments((docs) => docs && applyCountsDelta(docs, delta));
          if (selectedId) setAnnotations((list) => applyAnnotationDelta(list, delta, selectedId));
          return;
        }
        if (entities.includes('tags')) void loadTags();
        if (!entities.includes('documents') && !entities.includes('annotations')) return;
        // The list first: the open document may be the one that was just deleted.
        void call('listDocuments', {}).then((docs) => {
          setDocuments(docs);
          if (!selectedId || !docs.some((d) => d.id === selectedId)) return;
          if (entities.includes('annotations')) void loadAnnotations(selectedId);
          // The open document itself may have changed: new details, or a newer version's text.
          if (entities.includes('documents'))
            void call('getDocument', { id: selectedId }).then(
              (doc) => setDocument((shown) => (shown?.id === doc.id ? doc : shown)),
              onError,
            );
        }, onError);
      }),
    [loadAnnotations, loadTags, selectedId, onError],
  );

  /**
   * Show a document that may have only just been added: the list is reloaded with the selection
   * in one update, so the selection is never checked against a list that does not have it yet.
   */
  const showDocument = useCallback(
    (id: string) =>
      void call('listDocuments', {}).then((docs) => {
        setDocuments(docs);
        setSelectedId(id);
      }, onError),
    [onError],
  );

  return { info, documents, tags, selectedId, setSelectedId, showDocument, document, annotations };
}
