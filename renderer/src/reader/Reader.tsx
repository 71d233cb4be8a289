import {
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { annotationsAt, isAreaAnnotation } from '../../../shared/annotations.ts';
import type { HighlightColor } from '../../../shared/colors.ts';
import { citationLine } from '../../../shared/format.ts';
import type { Annotation, NotebookDocument, PageSelector, Tag } from '../../../shared/model.ts';
import { AppServicesContext } from '../app-services.ts';
import { openLink } from '../open-link.ts';
import type { NewArea } from '../pdf/AreaLayer.tsx';
import { type PdfNavigator, PdfPages } from '../pdf/PdfPages.tsx';
import {
  AnnotationEditor,
  type AnnotationEditorActions,
  type EditorFocus,
} from './AnnotationEditor.tsx';
import { ArticleText } from './ArticleText.tsx';
import { indexSegments } from './dom-offsets.ts';
import { clearHighlights, createViewportPainter, paintCaret } from './highlight-painter.ts';
import { boxOf } from './reader-geometry.ts';
import { readerKeyAction } from './reader-keys.ts';
import { SelectionToolbar } from './SelectionToolbar.tsx';
import {
  articleSurface,
  offsetAtPointOn,
  selectionOffsetsOn,
  type TextSurface,
} from './text-surface.ts';
import { useReaderRequests } from './use-reader-requests.ts';

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

interface Pending {
  start: number;
  end: number;
  top: number;
  left: number;
}

const TOOLBAR_HALF_WIDTH = 170;
const EDITOR_WIDTH = 340;

const clamp = (value: number, min: number, max: number) =>
  Math.max(min, Math.min(value, Math.max(min, max)));

export function Reader(props: ReaderProps) {
  const {
    document: doc,
    annotations,
    tags,
    activeId,
    editorFocus,
    jump,
    onCreate,
    onOpen,
    editorActions,
    isShown,
    headerActions,
    reattach,
    reveal,
    candidates,
    find,
    onSelectionChange,
    onCreateArea,
  } = props;
  const contentRef = useRef<HTMLDivElement>(null);
  const articleRef = useRef<HTMLElement>(null);
  // The text as drawn: the article's DOM, or a PDF's text layers (set when its pages render).
  const index = useRef<TextSurface | null>(null);
  const isPdf = Boolean(doc.pdf);
  const [pending, setPending] = useState<Pending | null>(null);
  const [editorPos, setEditorPos] = useState<{ top: number; left: number } | null>(null);
  const [pointOffset, setPointOffset] = useState<number | null>(null);
  /** Set by the PDF view: scroll to the page an offset is on (so it renders). */
  const pdfGoTo = useRef<PdfNavigator | null>(null);

  // Bumped each time the text is indexed: a new version of the document (or new details) renders
  // new DOM, and its highlights must be painted again even when the list of them is unchanged.
  const [indexed, setIndexed] = useState(0);
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (article && !doc.pdf)
      index.current = articleSurface(indexSegments(article, doc.text.length), article);
    if (doc.pdf) index.current = null;
    setPending(null);
    setIndexed((n) => n + 1);
    return clearHighlights;
  }, [doc]);
  // A PDF's pages render as they come into view: each time, highlights are painted again.
  const onPdfSurface = useCallback((surface: TextSurface) => {
    index.current = surface;
    setIndexed((n) => n + 1);
  }, []);

  // Only this document's highlights: while another document loads, the list may still be the old one.
  const visible = useMemo(
    () => annotations.filter((a) => a.documentId === doc.id),
    [annotations, doc.id],
  );

  // Highlights are registered near the viewport only, and again as the reader scrolls.
  const scrollRef = useRef<HTMLDivElement>(null);
  const painter = useRef<ReturnType<typeof createViewportPainter> | null>(null);
  useEffect(() => {
    if (!scrollRef.current) return;
    const created = createViewportPainter(scrollRef.current);
    painter.current = created;
    return () => {
      created.dispose();
      if (painter.current === created) painter.current = null;
    };
  }, []);
  useEffect(() => {
    if (indexed > 0 && index.current)
      painter.current?.update({ surface: index.current, annotations: visible, activeId, isShown });
  }, [visible, activeId, isShown, indexed]);

  const active = visible.find((a) => a.id === activeId) ?? null;
  const areas = useMemo(() => visible.filter(isAreaAnnotation), [visible]);
  /** Where a highlight is on screen: its text's range, or its area's box on a PDF page. */
  const placeOf = useCallback((a: Annotation): Range | Element | null => {
    if ('area' in a.target)
      return contentRef.current?.querySelector(`[data-area-id="${a.id}"]`) ?? null;
    return index.current?.range(a.target.position.start, a.target.position.end) ?? null;
  }, []);
  const overlapping = useMemo(() => {
    if (!active) return [];
    if ('area' in active.target) return [active];
    const at = pointOffset ?? active.target.position.start;
    const under = annotationsAt(visible, at);
    return under.some((a) => a.id === active.id) ? under : [active];
  }, [visible, active, pointOffset]);

  // Place the editor under its highlight (again when a PDF page is drawn).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `indexed` counts text surfaces drawn.
  useLayoutEffect(() => {
    if (!active || !contentRef.current) return setEditorPos(null);
    const range = placeOf(active);
    if (!range) return setEditorPos(null);
    const box = boxOf(range, contentRef.current);
    setEditorPos({ top: box.bottom + 10, left: clamp(box.left, 8, box.width - EDITOR_WIDTH - 8) });
  }, [active, indexed, placeOf]);

  useReaderRequests({
    index,
    contentRef,
    pdfGoTo,
    visible,
    placeOf,
    indexed,
    jump,
    reveal,
    candidates,
    find,
  });

  const selectionListener = useRef(onSelectionChange);
  selectionListener.current = onSelectionChange;
  useEffect(() => {
    selectionListener.current?.(pending ? { start: pending.start, end: pending.end } : null);
  }, [pending]);

  /** Show the toolbar for the current selection, or hide it. */
  const readSelection = useCallback(() => {
    const article = articleRef.current;
    const content = contentRef.current;
    if (!article || !content || !index.current) return;
    const selection = window.getSelection();
    const offsets = selectionOffsetsOn(index.current, selection);
    if (!offsets || !selection) return setPending(null);
    const box = boxOf(selection.getRangeAt(0), content);
    setPending({
      ...offsets,
      top: Math.max(0, box.top - 52),
      left: clamp(box.center, TOOLBAR_HALF_WIDTH, box.width - TOOLBAR_HALF_WIDTH),
    });
  }, []);

  useEffect(() => {
    const onSelectionChange = () => {
      const selection = window.getSelection();
      if (!selection || selection.isCollapsed) setPending(null);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    return () => document.removeEventListener('selectionchange', onSelectionChange);
  }, []);

  const highlight = (color: HighlightColor | null, then: EditorFocus) => {
    if (!pending) return;
    // On a PDF, where the selection is drawn on its pages goes with it (page and rectangles).
    const page = index.current?.pageSelector?.(pending.start, pending.end);
    onCreate({ start: pending.start, end: pending.end, ...(page ? { page } : {}) }, color, then);
    window.getSelection()?.removeAllRanges();
    setPending(null);
  };

  const app = useContext(AppServicesContext);
  const onClick = (event: React.MouseEvent) => {
    // Ctrl/Cmd+click on a link in the text: open it in the browser, once the user confirms.
    const link = (event.target as Element).closest?.('.doc-link');
    const href = link?.getAttribute('data-href');
    if (href && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      openLink(href).catch((error: unknown) => app?.onError(error));
      return;
    }
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    if (!index.current || !articleRef.current) return;
    paintCaret(null);
    const offset = offsetAtPointOn(index.current, event.clientX, event.clientY);
    if (offset === null) return onOpen(null);
    // The caret lands between characters: a click on the right half of a highlight's last
    // character reports the offset after it, so look at the character before too.
    const under = annotationsAt(visible, offset);
    const hit =
      under.length > 0
        ? offset
        : annotationsAt(visible, offset - 1).length > 0
          ? offset - 1
          : offset;
    setPointOffset(hit);
    onOpen(annotationsAt(visible, hit)[0]?.id ?? null, 'dialog');
  };

  /** Offset of the collapsed caret in the article, if there is one. */
  const caretOffset = (): number | null => {
    const selection = window.getSelection();
    if (
      !selection?.isCollapsed ||
      selection.rangeCount === 0 ||
      !index.current ||
      !articleRef.current
    )
      return null;
    const range = selection.getRangeAt(0);
    return index.current.pointToOffset(range.startContainer, range.startOffset);
  };

  const attach = () => {
    if (!pending || !reattach) return;
    reattach.onAttach({ start: pending.start, end: pending.end });
    window.getSelection()?.removeAllRanges();
    setPending(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (reattach && event.key === 'Enter' && pending) {
      event.preventDefault();
      return attach();
    }
    if (reattach && event.key === 'Escape' && !pending) {
      event.preventDefault();
      return reattach.onCancel();
    }
    const action = readerKeyAction(event, pending !== null);
    if (!action) return;
    event.preventDefault();
    const selection = window.getSelection();
    switch (action.kind) {
      case 'caret': {
        if (!selection || !articleRef.current) return;
        if (selection.rangeCount === 0 || !articleRef.current.contains(selection.anchorNode)) {
          // Start where the reader is looking, not at the top of the document.
          const top = contentRef.current?.parentElement?.getBoundingClientRect().top ?? 0;
          const inView = index.current?.firstSpanBelow(top);
          if (inView?.firstChild) selection.collapse(inView.firstChild, 0);
        }
        selection.modify(action.alter, action.direction, action.granularity);
        selection.focusNode?.parentElement?.scrollIntoView({ block: 'nearest' });
        if (action.alter === 'extend') readSelection();
        showCaret();
        return;
      }
      case 'highlight':
        return highlight(action.color, action.focus);
      case 'clear-selection':
        return selection?.removeAllRanges();
      case 'open-at-caret': {
        const offset = caretOffset();
        const under = offset === null ? [] : annotationsAt(visible, offset);
        if (under[0]) {
          setPointOffset(offset);
          onOpen(under[0].id, 'dialog');
        }
        return;
      }
    }
  };

  /** Draw the reading caret (a collapsed selection is invisible in text that is not editable). */
  const showCaret = () => {
    const offset = caretOffset();
    paintCaret(
      offset === null || !index.current
        ? null
        : index.current.range(offset, Math.min(offset + 1, doc.text.length)),
    );
  };

  return (
    <div className="reader-scroll" ref={scrollRef}>
      <div className="reader-content" ref={contentRef}>
        {reattach && (
          <div className="reattach-banner" role="status">
            <span>
              Select the passage where this highlight belongs, then choose <b>Attach here</b>:{' '}
              <q>{reattach.quote}</q>
            </span>
            <button type="button" onClick={reattach.onCancel}>
              Cancel
            </button>
          </div>
        )}
        <header className="doc-header">
          <div className="doc-title-row">
            <h1>{doc.title || 'Untitled document'}</h1>
            {headerActions && <div className="doc-actions">{headerActions}</div>}
          </div>
          <p className="doc-meta">{citationLine(doc)}</p>
        </header>
        <article
          ref={articleRef}
          className="article"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the article takes focus so it can be read and selected from the keyboard.
          tabIndex={0}
          aria-label={`Text of ${doc.title}`}
          aria-describedby="reader-keys"
          onMouseUp={readSelection}
          onKeyUp={(e) => e.shiftKey && readSelection()}
          onBlur={() => paintCaret(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
        >
          {isPdf ? (
            <PdfPages
              document={doc}
              onSurface={onPdfSurface}
              goTo={pdfGoTo}
              areas={areas}
              activeId={activeId}
              onOpenArea={(id) => onOpen(id, 'dialog')}
              onCreateArea={(area) => onCreateArea?.(area)}
            />
          ) : (
            <ArticleText document={doc} />
          )}
        </article>
        <p id="reader-keys" className="visually-hidden">
          Use the arrow keys to move through the text and Shift with the arrow keys to select. With
          text selected, press 1 to 6 for a colour, T to tag, C to comment. Enter on a highlight
          edits it.
        </p>
        {pending && reattach && (
          <div
            className="selection-toolbar popover"
            role="toolbar"
            aria-label="Re-attach the highlight"
            style={{ top: pending.top, left: pending.left }}
            onMouseDown={(e) => e.preventDefault()}
          >
            <button type="button" className="primary" title="Attach here (Enter)" onClick={attach}>
              Attach here
            </button>
          </div>
        )}
        {pending && !reattach && <SelectionToolbar position={pending} onHighlight={highlight} />}
        {active && editorPos && (
          <AnnotationEditor
            key={active.id}
            annotation={active}
            overlapping={overlapping}
            tags={tags}
            focus={editorFocus}
            position={editorPos}
            actions={editorActions(active)}
          />
        )}
      </div>
    </div>
  );
}
