import type { PageViewport } from 'pdfjs-dist';
import type { PdfRect } from '../../../shared/model.ts';

const round = (n: number) => Math.round(n * 100) / 100;

/** A box drawn on a page (CSS pixels from its top left) to PDF user space, upright and sorted. */
export function boxToPdfRect(
  viewport: PageViewport,
  box: { left: number; top: number; width: number; height: number },
): PdfRect {
  const [x1, y1] = viewport.convertToPdfPoint(box.left, box.top) as [number, number];
  const [x2, y2] = viewport.convertToPdfPoint(box.left + box.width, box.top + box.height) as [
    number,
    number,
  ];
  return [
    round(Math.min(x1, x2)),
    round(Math.min(y1, y2)),
    round(Math.max(x1, x2)),
    round(Math.max(y1, y2)),
  ];
}

/** A rectangle in PDF user space to a box on the page as shown (zoom and rotation applied). */
export function pdfRectToBox(viewport: PageViewport, rect: PdfRect) {
  const [x1, y1, x2, y2] = rect;
  const [a, b] = viewport.convertToViewportPoint(x1, y1) as [number, number];
  const [c, d] = viewport.convertToViewportPoint(x2, y2) as [number, number];
  return {
    left: Math.min(a, c),
    top: Math.min(b, d),
    width: Math.abs(c - a),
    height: Math.abs(d - b),
  };
}

/** The part of a page's canvas under a box, as a PNG in base64 (what reports show of an area). */
export function cropToPng(
  canvas: HTMLCanvasElement,
  box: { left: number; top: number; width: number; height: number },
): string | undefined {
  const scale = canvas.width / canvas.getBoundingClientRect().width || 1;
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const context = out.getContext('2d');
  if (!context) return undefined;
  context.drawImage(canvas, box.left * scale, box.top * scale, width, height, 0, 0, width, height);
  const url = out.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}
