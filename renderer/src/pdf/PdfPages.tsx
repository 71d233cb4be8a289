import {
  type MutableRefObject,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { AreaAnnotation } from '../../../shared/annotations.ts';
import type { NotebookDocument } from '../../../shared/model.ts';
import { pageOfDestination } from '../../../shared/pdf/destination.ts';
import { pageRanges } from '../../../shared/pdf/document-text.ts';
import { openLink } from '../open-link.ts';
import type { TextSurface } from '../reader/text-surface.ts';
import type { NewArea } from './AreaLayer.tsx';
import type { PdfLink } from './PdfLinks.tsx';
import { PdfPage } from './PdfPage.tsx';
import { labelOf, PdfToolbar, stepZoom, type Zoom } from './PdfToolbar.tsx';
import { type DrawnPage, PdfSurface } from './pdf-surface.ts';
import { createRenderQueue } from './render-queue.ts';
import { usePdfDocument } from './use-pdf-document.ts';
import { scrollParent, useVisiblePages } from './use-visible-pages.ts';

const NO_AREAS: readonly AreaAnnotation[] = [];

/** How the reader moves a PDF view: to the page of a text offset, or to a page. */
export interface PdfNavigator {
  offset: (offset: number) => void;
  page: (page: number) => void;
}

/**
 * A PDF read as its pages, the sibling of the article text: the same reader, selection toolbar,
 * highlight painter and keys work on it through a PdfSurface (text layers mapped to the canonical
 * text). Pages are drawn near the viewport only. Memoised, and it reads no context (the app's
 * services change with every highlight's counts): a highlight added or changed renders the
 * reader and its painter, not these pages, which the painter draws over as they are.
 */
export const PdfPages = memo(function PdfPages({
  document: doc,
  onSurface,
  goTo,
  areas,
  activeId,
  onOpenArea,
  onCreateArea,
  onError,
}: {
  document: NotebookDocument;
  onSurface: (surface: TextSurface) => void;
  /** Set here: go to the page of a text offset, or to a page. */
  goTo: MutableRefObject<PdfNavigator | null>;
  areas: readonly AreaAnnotation[];
  activeId: string | null;
  onOpenArea: (id: string) => void;
  onCreateArea: (area: NewArea) => void;
  /** A link that could not be followed. */
  onError: (error: unknown) => void;
}) {
  const info = doc.pdf!;
  const load = usePdfDocument(doc.id);
  const rootRef = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<Zoom>({ mode: 'fit' });
  // The pages' column width, measured before any page is laid out (null until then): drawn at
  // zoom 1 first and then at the fitting zoom, 500 page boxes were styled and laid out twice.
  const [width, setWidth] = useState<number | null>(null);
  const [current, setCurrent] = useState(0);
  // Area mode: a drag on a page marks a region instead of selecting text.
  const [drawingArea, setDrawingArea] = useState(false);
  const areasByPage = useMemo(() => {
    const byPage = new Map<number, AreaAnnotation[]>();
    for (const area of areas) {
      const list = byPage.get(area.target.area.page) ?? [];
      list.push(area);
      byPage.set(area.target.area.page, list);
    }
    return byPage;
  }, [areas]);
  // A web address goes through the app's confirm-before-open path (the core checks it again); a
  // place in this PDF is resolved to its page.
  const followLink = useCallback(
    (link: PdfLink) => {
      if (link.url) {
        openLink(link.url).catch(onError);
        return;
      }
      if (load.state !== 'ready') return;
      void pageOfDestination(load.pdf, link.dest).then((page) => {
        if (page !== null) goToPageRef.current(page);
      });
    },
    [onError, load],
  );
  const createArea = useCallback(
    (area: NewArea) => {
      setDrawingArea(false);
      onCreateArea(area);
    },
    [onCreateArea],
  );

  const widest = Math.max(...info.pageSizes.map(([w]) => w), 1);
  const scale =
    zoom.mode === 'scale' ? zoom.value : width ? Math.max(0.3, (width - 8) / widest) : 1;

  // A new surface per document and per loaded file (the page boxes are new then).
  const ready = load.state === 'ready' ? load.pdf : null;
  const surface = useMemo(
    () =>
      rootRef.current && ready
        ? new PdfSurface(rootRef.current, doc.text.length, info.pageStarts)
        : null,
    [doc.text.length, info.pageStarts, ready],
  );

  // One page's canvas drawn at a time, per opened file.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new file is a new queue.
  const queue = useMemo(() => createRenderQueue(), [ready]);

  const onDrawn = useCallback(
    (page: DrawnPage) => {
      if (!surface) return;
      surface.addPage(page);
      onSurface(surface);
    },
    [surface, onSurface],
  );
  const onGone = useCallback(
    (index: number) => {
      surface?.removePage(index);
    },
    [surface],
  );

  // Fit width follows the reader's width.
  useLayoutEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    setWidth(root.clientWidth);
    const observer = new ResizeObserver(() => setWidth(root.clientWidth));
    observer.observe(root);
    return () => observer.disconnect();
  }, []);

  // Observed anew when the pages are first laid out (once the width is known), at each zoom and
  // when the file opens.
  const wanted = useVisiblePages(
    rootRef,
    info.pageCount,
    `${scale}-${load.state}-${width !== null}`,
  );

  const goToPageRef = useRef<(page: number) => void>(() => {});
  const goToPage = useCallback((page: number) => {
    const box = rootRef.current?.querySelector<HTMLElement>(`[data-page-index="${page}"]`);
    const scroller = rootRef.current ? scrollParent(rootRef.current) : null;
    if (!box || !scroller) return;
    const top = box.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTo({ top: scroller.scrollTop + top - 8 });
  }, []);

  goToPageRef.current = goToPage;
  useEffect(() => {
    goTo.current = {
      offset: (offset) => {
        if (surface) goToPage(surface.pageOf(offset));
      },
      page: goToPage,
    };
    return () => {
      goTo.current = null;
    };
  }, [goTo, goToPage, surface]);

  // The page box follows scrolling: the page at the top third of the view.
  useEffect(() => {
    const root = rootRef.current;
    const scroller = root ? scrollParent(root) : null;
    if (!root || !scroller) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const line = scroller.getBoundingClientRect().top + scroller.clientHeight / 3;
        const boxes = root.querySelectorAll<HTMLElement>('[data-page-index]');
        for (const box of boxes) {
          if (box.getBoundingClientRect().bottom > line) {
            setCurrent(Number(box.dataset.pageIndex));
            break;
          }
        }
      });
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
    };
  }, []);

  // Ctrl/Cmd with =, − and 0 zoom the pages (the browser's own zoom is the whole window).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && drawingArea) {
        setDrawingArea(false);
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (event.key === '=' || event.key === '+') setZoom(stepZoom(scale, 1));
      else if (event.key === '-') setZoom(stepZoom(scale, -1));
      else if (event.key === '0') setZoom({ mode: 'fit' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [scale, drawingArea]);

  // Each page's stored text, sliced once per document: the same strings at every render.
  const pageTexts = useMemo(
    () => pageRanges(info.pageStarts, doc.blocks).map((p) => doc.text.slice(p.start, p.end)),
    [info, doc.blocks, doc.text],
  );

  return (
    <div className="pdf-view">
      <PdfToolbar
        info={info}
        page={current}
        scale={scale}
        onZoom={setZoom}
        onGoToPage={goToPage}
        drawingArea={drawingArea}
        onToggleArea={() => setDrawingArea((on) => !on)}
      />
      {load.state === 'failed' && (
        <p className="pdf-failed" role="alert">
          The PDF could not be shown: {load.message}
        </p>
      )}
      {load.state === 'loading' && (
        <p className="pdf-loading" role="status">
          Opening the PDF…
        </p>
      )}
      <div
        ref={rootRef}
        className={`pdf-pages${drawingArea ? ' drawing-area' : ''}`}
        data-pdf-pages
      >
        {width !== null &&
          info.pageSizes.map((size, index) => (
            // The same element while the PDF opens and once it is open: opening it then only
            // draws the pages in view, instead of replacing every page's placeholder.
            <PdfPage
              // biome-ignore lint/suspicious/noArrayIndexKey: pages are fixed for a document.
              key={index}
              pdf={ready}
              index={index}
              size={size}
              scale={scale}
              draw={wanted.has(index)}
              storedText={pageTexts[index]!}
              pageStart={info.pageStarts[index] ?? 0}
              label={labelOf(info, index)}
              onDrawn={onDrawn}
              onGone={onGone}
              areas={areasByPage.get(index) ?? NO_AREAS}
              activeId={activeId}
              drawingArea={drawingArea}
              onOpenArea={onOpenArea}
              onCreateArea={createArea}
              onFollowLink={followLink}
              queue={queue}
            />
          ))}
      </div>
    </div>
  );
});
