import type {
  PageViewport,
  PDFDocumentProxy,
  PDFPageProxy,
  RenderTask,
  TextLayer,
} from 'pdfjs-dist';
import { memo, useEffect, useRef, useState } from 'react';
import type { AreaAnnotation } from '../../../shared/annotations.ts';
import { PageTextMap } from '../../../shared/pdf/document-text.ts';
import { buildPageText, type PdfTextItem } from '../../../shared/pdf/page-text.ts';
import { AreaLayer, type NewArea } from './AreaLayer.tsx';
import { linkAt, type PdfLink, PdfLinks } from './PdfLinks.tsx';
import { loadPdfJs } from './pdf-engine.ts';
import type { DrawnPage } from './pdf-surface.ts';
import type { RenderQueue } from './render-queue.ts';

interface PdfPageProps {
  /** Null while the PDF opens: the page is its placeholder, already the right element. */
  pdf: PDFDocumentProxy | null;
  index: number;
  /** Upright size in PDF points at zoom 1. */
  size: readonly [number, number];
  scale: number;
  /** Near the viewport: draw it; otherwise a placeholder of the right size. */
  draw: boolean;
  /** This page's canonical text as stored (the text layer must match it to be highlighted). */
  storedText: string;
  pageStart: number;
  label: string;
  onDrawn: (page: DrawnPage) => void;
  onGone: (index: number) => void;
  /** This page's area highlights, the one being edited, and whether a new one is being drawn. */
  areas: readonly AreaAnnotation[];
  activeId: string | null;
  drawingArea: boolean;
  onOpenArea: (id: string) => void;
  onCreateArea: (area: NewArea) => void;
  /** Where the page waits its turn to draw its canvas (one page at a time). */
  queue: RenderQueue;
  /** Ctrl/Cmd+click on a link: follow it (a web address after the app asks; a place in the PDF). */
  onFollowLink: (link: PdfLink) => void;
}

/**
 * One page: a canvas and, over it, pdf.js's text layer (transparent text placed where the glyphs
 * are, so it can be selected and highlighted). The text layer is built from the same text items
 * the import used, so the page's canonical text and its map come out as stored.
 */
export const PdfPage = memo(function PdfPage(props: PdfPageProps) {
  const { pdf, index, size, scale, draw, storedText, pageStart, label, onDrawn, onGone, queue } =
    props;
  const [viewport, setViewport] = useState<PageViewport | null>(null);
  const [links, setLinks] = useState<PdfLink[]>([]);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!draw || !pdf) return;
    let cancelled = false;
    let renderTask: RenderTask | null = null;
    let textLayer: TextLayer | null = null;
    let pageProxy: PDFPageProxy | null = null;
    const run = async () => {
      const pdfjs = await loadPdfJs();
      const page = await pdf.getPage(index + 1);
      pageProxy = page;
      if (cancelled) return;
      const viewport = page.getViewport({ scale });
      setViewport(viewport);
      const canvas = canvasRef.current;
      const layer = layerRef.current;
      const box = boxRef.current;
      if (!canvas || !layer || !box) return;
      // The canvas is drawn in its turn (one page at a time); its text layer meanwhile.
      const rendered = queue.run(
        async () => {
          const ratio = window.devicePixelRatio || 1;
          canvas.width = Math.floor(viewport.width * ratio);
          canvas.height = Math.floor(viewport.height * ratio);
          renderTask = page.render({
            canvas,
            viewport,
            transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
          });
          // A cancelled render rejects its promise; leaving early (the page scrolled away)
          // must not leave that rejection unhandled.
          await renderTask.promise.catch(() => {});
        },
        () => cancelled,
      );
      const content = await page.getTextContent();
      if (cancelled) return;
      layer.replaceChildren();
      textLayer = new pdfjs.TextLayer({ textContentSource: content, container: layer, viewport });
      await textLayer.render();
      if (cancelled) return;
      // Links: web addresses and places in the PDF only (never script, launch or form actions).
      const annotations = await page.getAnnotations({ intent: 'display' }).catch(() => []);
      if (cancelled) return;
      setLinks(
        annotations
          .filter((a) => a.subtype === 'Link' && (typeof a.url === 'string' || a.dest))
          .map((a) => ({
            rect: a.rect as PdfLink['rect'],
            url: typeof a.url === 'string' ? a.url : null,
            dest: a.dest ?? null,
          })),
      );
      const items = content.items.filter((i): i is PdfTextItem & typeof i => 'str' in i);
      const built = buildPageText(items);
      if (built.text !== storedText) {
        // Another pdf.js or builder version read the page differently: draw it, but do not
        // place highlights by offsets that would land on the wrong words.
        setProblem(
          'This page reads differently than when it was imported; its highlights are listed in the side panel.',
        );
      } else {
        setProblem(null);
        onDrawn({
          index,
          map: new PageTextMap(
            built,
            pageStart,
            items.map((i) => i.str.length),
          ),
          divs: textLayer.textDivs,
          box,
          viewport,
        });
      }
      await rendered;
    };
    run().catch((error: unknown) => {
      if (!cancelled && (error as Error)?.name !== 'RenderingCancelledException')
        setProblem(
          `This page could not be drawn (${error instanceof Error ? error.message : String(error)}).`,
        );
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      textLayer?.cancel();
      // Give the canvas's pixels back now, not when the collector gets to it: scrolling through
      // a book would otherwise hold hundreds of megabytes of pages no longer shown.
      const canvas = canvasRef.current;
      if (canvas) {
        canvas.width = 0;
        canvas.height = 0;
      }
      pageProxy?.cleanup();
      onGone(index);
    };
  }, [pdf, index, scale, draw, storedText, pageStart, onDrawn, onGone, queue]);

  const width = size[0] * scale;
  const height = size[1] * scale;
  return (
    <section
      ref={boxRef}
      className="pdf-page"
      data-page-index={index}
      aria-label={`Page ${label}`}
      onClickCapture={(event) => {
        if (!(event.ctrlKey || event.metaKey) || !viewport || links.length === 0) return;
        const box = boxRef.current!.getBoundingClientRect();
        const link = linkAt(viewport, links, event.clientX - box.left, event.clientY - box.top);
        if (!link) return;
        event.stopPropagation();
        event.preventDefault();
        props.onFollowLink(link);
      }}
      style={
        {
          width,
          height,
          '--scale-factor': scale,
          '--total-scale-factor': scale,
        } as React.CSSProperties
      }
    >
      {draw && pdf ? (
        <>
          <canvas ref={canvasRef} className="pdf-canvas" style={{ width, height }} aria-hidden />
          <div ref={layerRef} className="textLayer pdf-text-layer" />
          {viewport && links.length > 0 && <PdfLinks viewport={viewport} links={links} />}
          {viewport && (
            <AreaLayer
              pageIndex={index}
              label={label}
              viewport={viewport}
              canvas={canvasRef.current}
              areas={props.areas}
              activeId={props.activeId}
              drawing={props.drawingArea}
              onOpen={props.onOpenArea}
              onCreate={props.onCreateArea}
            />
          )}
        </>
      ) : (
        <div className="pdf-placeholder" aria-hidden>
          {label}
        </div>
      )}
      {problem && (
        <p className="pdf-page-problem" role="status">
          {problem}
        </p>
      )}
    </section>
  );
});
