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

/** The SVG drawn at `scale` onto a canvas, as PNG bytes in base64. */
export async function pngBase64(svg: SVGSVGElement, scale = 2): Promise<string> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
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
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
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
