import { expect, type Page } from '@playwright/test';
import type { Harness } from './harness.ts';
import { IMPORT_TIMEOUT } from './reader-actions.ts';

/** The real PDFs beside the project (../shared/pdf/); CI has that folder beside the clone. */
export const sharedPdf = (name: string) => `${process.cwd()}/../shared/pdf/${name}`;

/** Open the app, import one of the shared PDFs through Import… and open it from the library. */
export async function openSharedPdf(
  page: Page,
  harness: Harness,
  name: string,
  title: RegExp,
): Promise<void> {
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  harness.host.dialogFiles = [sharedPdf(name)];
  await library.getByRole('button', { name: 'Import…' }).click();
  const entry = library.getByRole('button', { name: title });
  await expect(entry).toBeVisible(IMPORT_TIMEOUT);
  await entry.click();
}

/**
 * Drag from the start of `from` to the end of `to` over a PDF's text layers, as a reader selecting
 * across lines, columns or pages would. Each needle must lie within one text-layer span (one
 * pdf.js text item); the page is scrolled so the start is in view first.
 */
export async function dragOnPages(page: Page, from: string, to: string): Promise<void> {
  const locate = () =>
    page.evaluate(
      ([start, end]) => {
        const spans = Array.from(document.querySelectorAll<HTMLElement>('.textLayer span'));
        const edge = (needle: string, side: 'left' | 'right') => {
          for (const span of spans) {
            const text = span.firstChild;
            const at = text?.textContent?.indexOf(needle) ?? -1;
            if (!text || at < 0) continue;
            const range = document.createRange();
            range.setStart(text, side === 'left' ? at : at + needle.length - 1);
            range.setEnd(text, side === 'left' ? at + 1 : at + needle.length);
            const rect = range.getBoundingClientRect();
            return {
              x: side === 'left' ? rect.left + 0.5 : rect.right - 0.5,
              y: rect.top + rect.height / 2,
              span,
            };
          }
          return null;
        };
        const a = edge(start, 'left');
        const b = edge(end, 'right');
        if (!a || !b) return null;
        a.span.scrollIntoView({ block: 'center', behavior: 'instant' });
        const again = [edge(start, 'left')!, edge(end, 'right')!];
        return again.map(({ x, y }) => ({ x, y }));
      },
      [from, to] as const,
    );
  await expect
    .poll(locate, { message: `"${from}" … "${to}" are on drawn pages`, timeout: 15_000 })
    .not.toBeNull();
  const points = await locate();
  if (!points) throw new Error('text not found');
  const [a, b] = points as [{ x: number; y: number }, { x: number; y: number }];
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
}

/** Where a named highlight's first range sits, relative to its page's box (to compare after a reload). */
export function paintedBox(page: Page, name: string) {
  return page.evaluate((n) => {
    const highlight = CSS.highlights.get(n) as unknown as Set<Range> | undefined;
    const range = highlight ? [...highlight][0] : undefined;
    if (!range) return null;
    const rect = range.getClientRects()[0];
    const box = (
      range.startContainer.parentElement?.closest('.pdf-page') as HTMLElement | null
    )?.getBoundingClientRect();
    if (!rect || !box) return null;
    return {
      page: range.startContainer.parentElement
        ?.closest('.pdf-page')
        ?.getAttribute('data-page-index'),
      left: Math.round(rect.left - box.left),
      top: Math.round(rect.top - box.top),
      x: (rect.left - box.left) / box.width,
      y: (rect.top - box.top) / box.height,
    };
  }, name);
}

/**
 * A PDF written to run script: JavaScript on open and on page open, a link whose action is
 * JavaScript, a link to another site, a launch action and a form field with a calculate script.
 * A viewer that honoured any of them would set `window.__pwned`, open a window or make a request.
 */
export async function hostilePdf(): Promise<Uint8Array> {
  const { PDFDocument, PDFName, PDFString, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText('A hostile PDF with ordinary words on its page.', {
    x: 72,
    y: 700,
    size: 14,
    font,
  });
  page.drawText('Click here for the report (a link).', { x: 72, y: 660, size: 12, font });
  const { context } = doc;
  const js = (code: string) => context.obj({ S: 'JavaScript', JS: PDFString.of(code) });
  doc.catalog.set(PDFName.of('OpenAction'), js("window.__pwned='pdf-open'; app.alert('pdf')"));
  doc.catalog.set(
    PDFName.of('Names'),
    context.obj({
      JavaScript: context.obj({
        Names: [PDFString.of('x'), js("window.__pwned='pdf-names'")],
      }),
    }),
  );
  page.node.set(PDFName.of('AA'), context.obj({ O: js("window.__pwned='pdf-page-open'") }));
  const link = (rect: number[], action: ReturnType<typeof js>) =>
    context.register(
      context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, Border: [0, 0, 0], A: action }),
    );
  page.node.set(
    PDFName.of('Annots'),
    context.obj([
      link([72, 655, 300, 675], js("window.__pwned='pdf-link'")),
      link(
        [72, 630, 300, 650],
        context.obj({ S: 'URI', URI: PDFString.of('https://evil.example/pdf') }),
      ),
      link([72, 605, 300, 625], context.obj({ S: 'Launch', F: PDFString.of('calc.exe') })),
    ]),
  );
  const form = doc.getForm();
  const field = form.createTextField('evil');
  field.addToPage(page, { x: 72, y: 500, width: 200, height: 20 });
  field.acroField.dict.set(PDFName.of('AA'), context.obj({ C: js("window.__pwned='pdf-form'") }));
  return doc.save();
}
