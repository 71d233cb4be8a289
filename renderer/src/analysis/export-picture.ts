import type { ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

/**
 * A chart's picture as files. The chart is drawn with every colour and font as an attribute
 * (chart-theme.ts), so its SVG element serialised is the SVG file, and the same text drawn onto a
 * canvas is the PNG. Neither needs the app's style sheets.
 */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // Interaction hooks mean nothing in a file.
  for (const el of copy.querySelectorAll('[class], [data-row]')) {
    el.removeAttribute('class');
  }
  copy.removeAttribute('class');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** A picture as a file holds it: its SVG text and its size in pixels. */
export interface PictureFile {
  text: string;
  width: number;
  height: number;
}

/**
 * A chart drawn whole, apart from the page (never shown), as a file. The heat map on screen
 * draws only the cells in view; the file must hold every one.
 */
export function pictureFile(picture: ReactElement): PictureFile {
  const box = document.createElement('div');
  const root = createRoot(box);
  try {
    flushSync(() => root.render(picture));
    const svg = box.querySelector('svg');
    if (!svg) throw new Error('The chart drew no picture.');
    return {
      text: svgText(svg),
      width: Number(svg.getAttribute('width')),
      height: Number(svg.getAttribute('height')),
    };
  } finally {
    root.unmount();
  }
}

/** The picture drawn at `scale` onto a canvas, as PNG bytes in base64. */
export async function pngBase64({ text, width, height }: PictureFile, scale = 2): Promise<string> {
  // Canvases have a size limit (Chromium: 32,767 px a side, 268 million pixels): a wide matrix
  // is drawn smaller rather than failing.
  scale = Math.min(
    scale,
    16_000 / width,
    16_000 / height,
    Math.sqrt(200_000_000 / (width * height)),
  );
  const image = new Image(width, height);
  // A data: URL (allowed by the page's img-src), so the canvas stays readable.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw the picture (no canvas).');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const url = canvas.toDataURL('image/png');
  return url.slice(url.indexOf(',') + 1);
}
