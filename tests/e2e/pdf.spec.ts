import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { PDF_FILE_ROUTE } from '../../shared/pdf/file-route.ts';
import { expect, screenshotPath, test } from './harness.ts';
import { dragOnPages, openSharedPdf, paintedBox, sharedPdf } from './pdf-actions.ts';
import { IMPORT_TIMEOUT } from './reader-actions.ts';

const OVER_LINE_END =
  'Compilers for statically typed languages rely on type information to generate efficient machine code.';
const ACROSS_COLUMNS =
  'The result is a native code fragment that can be entered if the\ninterpreter PC and the types of values match';

/** Import and open the two-column paper; its first page, once drawn with its text layer. */
async function openTracemonkey(
  page: Parameters<typeof openSharedPdf>[0],
  harness: Parameters<typeof openSharedPdf>[1],
) {
  await openSharedPdf(
    page,
    harness,
    'tracemonkey.pdf',
    /^Trace-based Just-in-Time Type Specialization/,
  );
  const firstPage = page.locator('.pdf-page[data-page-index="0"]');
  await expect(firstPage.locator('.textLayer span').first()).toBeAttached({ timeout: 15_000 });
  return firstPage;
}

test('a PDF imports, reads as pages, and takes highlights over a line end and across a column', async ({
  page,
  harness,
}) => {
  test.slow();
  // Pages are drawn with their text layers; far pages wait as placeholders.
  await openTracemonkey(page, harness);
  await expect(page.locator('.pdf-page')).toHaveCount(14);
  await expect(page.locator('.pdf-page[data-page-index="12"] canvas')).toHaveCount(0);

  // Over a line end ("informa-/tion"): the quote is the clean sentence.
  await dragOnPages(page, 'Compilers for statically', 'ficient machine code.');
  await page.keyboard.press('1');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor.getByRole('textbox', { name: 'Comment' }).fill('The premise.');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect
    .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.target.quote!.exact))
    .toEqual([OVER_LINE_END]);

  // Across the column break on page 3: one quote, drawn on both columns.
  await page.getByRole('textbox', { name: 'Go to page' }).fill('3');
  await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
  await dragOnPages(page, 'The result is a native code', 'types of values match');
  await page.keyboard.press('2');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect
    .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.target.quote!.exact))
    .toEqual([OVER_LINE_END, ACROSS_COLUMNS]);
  const stored = (await harness.readStoreFile()).annotations;
  expect(stored.map((a) => a.target.page?.page)).toEqual([0, 2]);
  expect(stored[1]!.target.page!.rects.length).toBeGreaterThan(1);

  const before = await paintedBox(page, 'mg-green');
  expect(before).not.toBeNull();
  await page.screenshot({ path: screenshotPath('pdf-page-highlights') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-pdf-page-highlights') });
  await page.emulateMedia({ colorScheme: 'light' });

  // After a reload, drawn in the same place.
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: /^Trace-based Just-in-Time/ })
    .click();
  await page.getByRole('textbox', { name: 'Go to page' }).fill('3');
  await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
  await expect.poll(() => paintedBox(page, 'mg-green'), { timeout: 15_000 }).toEqual(before);

  // Zoomed in, the highlight stays on the same words: the same place as a share of the page
  // (pdf.js stretches each span to its item, so a glyph's place is approximate: within 0.5 %).
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.locator('.pdf-zoom')).toHaveText('125%');
  await expect
    .poll(async () => {
      const zoomed = await paintedBox(page, 'mg-green');
      return zoomed && before
        ? Math.max(Math.abs(zoomed.x - before.x), Math.abs(zoomed.y - before.y))
        : 1;
    })
    .toBeLessThan(0.005);
  await page.getByRole('button', { name: 'Fit width' }).click();
  await expect(page.locator('.pdf-zoom')).not.toHaveText('125%');

  // An area highlight on the figure at the top of page 3: drag a rectangle in area mode.
  await page.getByRole('button', { name: 'Mark area' }).click();
  const third = page.locator('.pdf-page[data-page-index="2"]');
  await third.locator('canvas').waitFor();
  const box = (await third.boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 50);
  await page.mouse.down();
  await page.mouse.move(box.x + 300, box.y + 150, { steps: 5 });
  await page.mouse.move(box.x + 560, box.y + 240, { steps: 5 });
  await page.mouse.up();
  const areaEditor = page.getByRole('dialog', { name: 'Edit highlight' });
  await expect(areaEditor).toContainText('Area on p. 3');
  await areaEditor.getByRole('textbox', { name: 'Comment' }).fill('Figure 3: the LIR snippet.');
  await areaEditor.getByRole('button', { name: 'Done' }).click();
  await expect(third.locator('.pdf-area')).toHaveCount(1);
  await expect
    .poll(async () => {
      const area = (await harness.readStoreFile()).annotations.find((a) => 'area' in a.target);
      return area && 'area' in area.target
        ? {
            page: area.target.area.page,
            picture: Boolean(area.target.area.image),
            comment: area.comment,
          }
        : null;
    })
    .toEqual({ page: 2, picture: true, comment: 'Figure 3: the LIR snippet.' });
  await page.screenshot({ path: screenshotPath('pdf-area-highlight') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-pdf-area-highlight') });
  await page.emulateMedia({ colorScheme: 'light' });
  // Listed with the others in the side panel.
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await expect(panel.locator('.annotation-list > li')).toHaveCount(3);
  await expect(panel).toContainText('Area on p. 3');
});

test('a PDF quote is found with a typo, cited in a note, and exported with its page', async ({
  page,
  harness,
}) => {
  test.slow();
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  harness.host.dialogFiles = [sharedPdf('tracemonkey.pdf')];
  await library.getByRole('button', { name: 'Import…' }).click();
  await library.getByRole('button', { name: /^Trace-based Just-in-Time/ }).click(IMPORT_TIMEOUT);
  await page.getByRole('textbox', { name: 'Go to page' }).fill('3');
  await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
  await dragOnPages(page, 'The result is a native code', 'types of values match');
  await page.keyboard.press('2');
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect(editor).toBeHidden();

  // Ctrl+K with a typo finds it, and opening it brings the reader back to page 3.
  await page.getByRole('textbox', { name: 'Go to page' }).fill('1');
  await page.getByRole('textbox', { name: 'Go to page' }).press('Enter');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search the notebook' });
  const box = palette.getByRole('combobox', { name: 'Search quotes, notes, tags and documents' });
  await box.pressSequentially('natve code fragmnt', { delay: 20 });
  await expect(palette.getByRole('option').first()).toContainText('The result is a native code');
  await box.press('Enter');
  await expect(editor).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Go to page' })).toHaveValue('3');
  await editor.getByRole('button', { name: 'Done' }).click();

  // Cited in a note started from the quote.
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await panel
    .getByRole('button', { name: /^Start a note/ })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Title' }).fill('On trace entry');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect
    .poll(async () => (await harness.readStoreFile()).notes.map((n) => n.annotationIds.length))
    .toEqual([1]);

  // Exports carry the page: "p. 3" in Markdown, a page column in CSV.
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: /Whole notebook/ }).check();
  await dialog.locator('label.export-format', { hasText: 'Markdown' }).click();
  const markdownPath = join(harness.dataDir, '..', `pdf-${Date.now()}.md`);
  harness.host.savePath = markdownPath;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const saved = page.getByRole('dialog', { name: 'Export saved' });
  await expect(saved).toContainText('.md');
  await saved.getByRole('button', { name: 'Done' }).click();
  const markdown = await readFile(markdownPath, 'utf8');
  expect(markdown).toContain('> The result is a native code fragment that can be entered if the\n');
  // The quote's in-text citation (APA by default) ends with the page as printed.
  expect(markdown).toMatch(
    /> — \(Trace-Based Just-in-Time Type Specialization for Dynamic Languages, 2009, p\. 3\)\n/,
  );

  await page.keyboard.press('Control+e');
  await dialog.locator('label.export-format', { hasText: 'CSV spreadsheet' }).click();
  const csvPath = join(harness.dataDir, '..', `pdf-${Date.now()}.csv`);
  harness.host.savePath = csvPath;
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(saved).toContainText('.csv');
  await saved.getByRole('button', { name: 'Done' }).click();
  const rows = parseCsv(await readFile(csvPath), { bom: true, columns: true }) as Record<
    string,
    string
  >[];
  expect(rows.map((r) => [r.page, (r.quote ?? '').slice(0, 27)])).toEqual([
    ['3', 'The result is a native code'],
  ]);
});

test('a scanned PDF imports, and the report says which pages have no readable text', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  harness.host.dialogFiles = [sharedPdf('c02-22-scanned.pdf')];
  await library.getByRole('button', { name: 'Import…' }).click();
  const report = page.getByRole('dialog', { name: 'Import finished' });
  await expect(report.getByRole('note')).toContainText(
    'Its page has no readable text',
    IMPORT_TIMEOUT,
  );
  await expect(report.getByRole('note')).toContainText('OCR) is not available offline');
  await page.screenshot({ path: screenshotPath('pdf-scanned-import-report') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-pdf-scanned-import-report') });
  await page.emulateMedia({ colorScheme: 'light' });
  await report.getByRole('button', { name: 'Open' }).click();
  // The page is shown as printed, even without text to select.
  await expect(page.locator('.pdf-page[data-page-index="0"] canvas')).toBeAttached();
});

test('a PDF’s bytes come from the notebook by URL, and a damaged copy is named, never shown', async ({
  page,
  harness,
}) => {
  test.slow();
  const served: { url: string; status: number }[] = [];
  page.on('response', (response) => {
    if (response.url().includes(PDF_FILE_ROUTE))
      served.push({ url: response.url(), status: response.status() });
  });
  const firstPage = await openTracemonkey(page, harness);
  const doc = harness.notebook.store.data.documents.find((d) => d.pdf)!;
  expect(served).toContainEqual({
    url: expect.stringMatching(new RegExp(`${PDF_FILE_ROUTE}${doc.id}$`)),
    status: 200,
  });

  // The kept file changed behind the notebook's back: the route refuses it, the reader says why.
  const path = join(harness.dataDir, 'files', `${doc.pdf!.file}.pdf`);
  const bytes = await readFile(path);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 40) ^ 0xff, bytes.length - 40);
  await writeFile(path, bytes);
  harness.expectedErrors.push(/is damaged/);
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be shown' })).toContainText(
    'is damaged',
  );
  expect(served.at(-1)?.status).toBe(409);
  await expect(firstPage.locator('canvas')).toHaveCount(0);
});
