import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

/** The real PDFs beside the project (../shared/pdf/, see its SOURCES.md); never copied in. */
export const SHARED_PDF_DIR = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'pdf');
export const sharedPdf = (name: string) => join(SHARED_PDF_DIR, name);
export const sharedPdfBytes = (name: string) => new Uint8Array(readFileSync(sharedPdf(name)));

/**
 * A PDF written here with pdf-lib: columns of lines at given places, so a test knows exactly
 * what text is where. Each page is a list of columns; each column a list of lines.
 */
export async function makePdf(
  pages: { columns: string[][]; rotate?: number; size?: [number, number]; fontSize?: number }[],
  info: { title?: string; author?: string } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (info.title) doc.setTitle(info.title);
  if (info.author) doc.setAuthor(info.author);
  for (const spec of pages) {
    const [width, height] = spec.size ?? [612, 792];
    const page = doc.addPage([width, height]);
    if (spec.rotate) page.setRotation(degrees(spec.rotate));
    const size = spec.fontSize ?? 10;
    const columnWidth = (width - 100) / spec.columns.length;
    spec.columns.forEach((lines, c) => {
      lines.forEach((line, i) => {
        page.drawText(line, {
          x: 50 + c * columnWidth,
          y: height - 72 - i * size * 1.2,
          size,
          font,
        });
      });
    });
  }
  return doc.save({ useObjectStreams: false });
}

/** A hand-written PDF from objects (for files pdf-lib will not write: encrypted, broken). */
export function rawPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A one-page PDF whose user password is not empty: readers must ask for it. */
export function encryptedPdf(): Uint8Array {
  const hex32 = (seed: number) =>
    Array.from({ length: 32 }, (_, i) =>
      ((i * 37 + seed) % 256).toString(16).padStart(2, '0'),
    ).join('');
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(7)}> /U <${hex32(11)}> /P -44 >>`,
    ],
    '/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ',
  );
}
