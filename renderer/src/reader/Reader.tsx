import { type ReactNode, useCallback, useContext, useRef } from 'react';
import type { HighlightColor } from '../../../shared/colors.ts';
import type { Annotation, NotebookDocument, PageSelector, Tag } from '../../../shared/model.ts';
import { AppServicesContext } from '../app-services.ts';
import type { NewArea } from '../pdf/AreaLayer.tsx';
import { PdfPages } from '../pdf/PdfPages.tsx';
import {
  AnnotationEditor,
  type AnnotationEditorActions,
  type EditorFocus,
} from './AnnotationEditor.tsx';
import { ArticleText } from './ArticleText.tsx';
import { DocumentHeader } from './DocumentHeader.tsx';
import { paintCaret } from './highlight-painter.ts';
import { laysOutLazily } from './lazy-layout.ts';
import { ReattachBanner } from './ReattachBanner.tsx';
import { AttachToolbar, SelectionToolbar } from './SelectionToolbar.tsx';
import { useBlocksShown } from './use-blocks-shown.ts';
import { useDocumentHighlights } from './use-document-highlights.ts';
import { useHighlightEditor } from './use-highlight-editor.ts';
import { useHighlightPainter } from './use-highlight-painter.ts';
import { useReaderInput } from './use-reader-input.ts';
import { useReaderRequests } from './use-reader-requests.ts';
import { useTextSelection } from './use-text-selection.ts';
import { useTextSurface } from './use-text-surface.ts';

export interface ReaderProps {
  document: NotebookDocument;
  annotations: readonly Annotation[];
  tags: readonly Tag[];
  activeId: string | null;
  editorFocus: EditorFocus;
  /** Scroll to and flash a highlight; `seq` makes a repeated jump to the same one count. */
  jump: { id: string; seq: number } | null;
  onCreate: (
    range: { start: number; end: number; page?: PageSelector },
    color: HighlightColor | null,
    then: EditorFocus,
  ) => void;
  onOpen: (id: string | null, focus?: EditorFocus) => void;
  editorActions: (annotation: Annotation) => AnnotationEditorActions;
  /** The panel's filter: highlights it leaves out are drawn dimmed. */
  isShown?: (annotation: Annotation) => boolean;
  /** Buttons beside the document's title (details, replace text). */
  headerActions?: ReactNode;
  /** Scroll to and flash a span of the text (a quote finder's candidate); `seq` makes a repeat count. */
  reveal?: { start: number; end: number; seq: number } | null;
  /** The quote finder's candidates to mark in the text, and the one chosen in its list. */
  candidates?: {
    spans: readonly { start: number; end: number }[];
    active: { start: number; end: number } | null;
  } | null;
  /** Find in document's matches, the current one, and `seq` to bring the current one into view. */
  find?: {
    spans: readonly { start: number; end: number }[];
    active: { start: number; end: number } | null;
    seq: number;
  } | null;
  /** A region marked on a PDF page (area mode). */
  onCreateArea?: (area: NewArea) => void;
  /** Told of every new selection in the text (offsets), and null when it is gone. */
  onSelectionChange?: (selection: { start: number; end: number } | null) => void;
  /** Placing a highlight that lost its place: the next selection is where it goes. */
  reattach?: {
    quote: string;
    onAttach: (range: { start: number; end: number }) => void;
    onCancel: () => void;
  } | null;
}

/**
 * The article's classes: a PDF's (`pdf`) leaves highlight and selection styles to its text
 * layers, so its 500 page boxes have none to compute (see reader.css).
 */
const articleClass = (doc: NotebookDocument) =>
  doc.pdf ? 'article pdf' : laysOutLazily(doc) ? 'article lazy-layout' : 'article';

/**
 * One document's text (an article or a PDF's pages) with its highlights: select to highlight,
 * click or press Enter to open one in the editor, and serve what other views ask of it (jump,
 * reveal, candidates, find). Each concern is a hook of its own (see their files). Their order
 * matters: the surface is indexed (a layout effect) before the editor is placed on it, and the
 * painter, the requests and the selection run their effects in that order, as they always have.
 */
export function Reader(props: ReaderProps) {
  const {
    document: doc,
    annotations,
    tags,
    activeId,
    editorFocus,
    onOpen,
    editorActions,
    isShown,
    headerActions,
    reattach,
    onCreateArea,
  } = props;
  const blocks = useBlocksShown(doc);
  const surface = useTextSurface(doc, blocks.shown);
  const { visible, areas } = useDocumentHighlights(annotations, doc.id);
  const scrollRef = useHighlightPainter(surface, visible, activeId, isShown);
  const editor = useHighlightEditor(surface, visible, activeId);
  useReaderRequests(surface, visible, props);
  const selection = useTextSelection(doc, surface, props);
  const { onClick, onKeyDown } = useReaderInput(doc, surface, props, {
    visible,
    selection,
    setPointOffset: editor.setPointOffset,
  });
  const { pending, readSelection } = selection;
  const { active } = editor;
  // Stable across renders, so a new highlight does not draw the PDF's pages (memoised) again.
  const app = useContext(AppServicesContext);
  const latest = useRef({ onOpen, onCreateArea, app });
  latest.current = { onOpen, onCreateArea, app };
  const openArea = useCallback((id: string) => latest.current.onOpen(id, 'dialog'), []);
  const createArea = useCallback((area: NewArea) => latest.current.onCreateArea?.(area), []);
  const reportError = useCallback((error: unknown) => latest.current.app?.onError(error), []);

  return (
    <div className="reader-scroll" ref={scrollRef}>
      <div className="reader-content" ref={surface.contentRef}>
        {reattach && <ReattachBanner reattach={reattach} />}
        <DocumentHeader document={doc} actions={headerActions} />
        <article
          ref={surface.articleRef}
          className={articleClass(doc)}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the article takes focus so it can be read and selected from the keyboard.
          tabIndex={0}
          aria-label={`Text of ${doc.title}`}
          aria-describedby="reader-keys"
          // A long text still being drawn in slices (reading places wait for it).
          aria-busy={blocks.complete ? undefined : true}
          onMouseUp={readSelection}
          onKeyUp={(e) => e.shiftKey && readSelection()}
          onBlur={() => paintCaret(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
        >
          {doc.pdf ? (
            <PdfPages
              document={doc}
              onSurface={surface.onPdfSurface}
              goTo={surface.pdfGoTo}
              areas={areas}
              activeId={activeId}
              onOpenArea={openArea}
              onCreateArea={createArea}
              onError={reportError}
            />
          ) : (
            <ArticleText document={doc} shown={blocks.shown} />
          )}
        </article>
        <p id="reader-keys" className="visually-hidden">
          Use the arrow keys to move through the text and Shift with the arrow keys to select. With
          text selected, press 1 to 6 for a colour, T to tag, C to comment. Enter on a highlight
          edits it.
        </p>
        {pending && reattach && <AttachToolbar position={pending} onAttach={selection.attach} />}
        {pending && !reattach && (
          <SelectionToolbar position={pending} onHighlight={selection.highlight} />
        )}
        {active && editor.position && (
          <AnnotationEditor
            key={active.id}
            annotation={active}
            overlapping={editor.overlapping}
            tags={tags}
            focus={editorFocus}
            position={editor.position}
            actions={editorActions(active)}
          />
        )}
      </div>
    </div>
  );
}
