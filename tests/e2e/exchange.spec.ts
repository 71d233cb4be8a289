import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { expect, screenshotPath, test } from './harness.ts';

/** Files other tools wrote, from the handbook folder beside the clone (never copied in). */
const REFI_DIR = resolve('../shared/interop/refi-qda');
const QC_PROJECT = join(REFI_DIR, 'qc-1.3.2_demo.qdpx');
const CODED = 'This district goal is engage every student in joyful, purposeful learning';

test('import a QualCoder-family project through the Open dialog, read its codebook and a coded passage, export it back as .qdpx', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  const outDir = await mkdtemp(join(tmpdir(), 'marginalia-exchange-'));
  try {
    await page.goto('/');
    const library = page.getByRole('navigation', { name: 'Library' });
    await expect(library.getByRole('button', { name: /^Afghan officials reject/ })).toBeVisible();

    // The library's "Import from another tool" opens the Open dialog; the "user" picks qc's file.
    harness.host.dialogFiles = [QC_PROJECT];
    await library.getByRole('button', { name: 'Import from another tool' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import from Another Tool' });
    await expect(dialog).toContainText('qc-1.3.2_demo.qdpx');
    await expect(dialog).toContainText('written by qc 1.3.2');
    const table = dialog.getByRole('table', { name: 'What the import will change' });
    await expect(table.getByRole('row', { name: /^Added/ })).toContainText('158');
    await expect(table.getByRole('row', { name: /^Added/ })).toContainText('262');
    await page.screenshot({ path: screenshotPath('exchange-import') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dark-exchange-import') });
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByText(/qc-1\.3\.2_demo\.qdpx imported: 2 documents, 158 quotes and 262 tags added/),
    ).toBeVisible();

    // The codebook, seven levels deep, in the Tags view.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Tags' })
      .click();
    const tree = page.getByRole('tree', { name: 'Tags' });
    await expect(tree.getByRole('treeitem', { name: /^rq1_definition/ })).toBeVisible();
    await expect(tree.getByRole('treeitem', { name: /^competencies/ })).toBeVisible();
    await page.screenshot({ path: screenshotPath('exchange-codebook') });

    // A coded passage in the reader, with its code.
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Reader' })
      .click();
    await library.getByRole('button', { name: /^board_2017\.txt/ }).click();
    const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
    const card = panel.locator('.annotation-list > li', { hasText: CODED });
    await expect(card).toBeVisible();
    await expect(card).toContainText('rq2_curriculum_and_instruction/pedagogy/fun');
    await expect(page.locator('article.article')).toContainText(CODED);
    await page.screenshot({ path: screenshotPath('exchange-coded-passage') });

    // Export the whole notebook as a REFI-QDA project through the export dialog.
    await page.keyboard.press('Control+e');
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    await exportDialog.getByRole('radio', { name: /Whole notebook/ }).check();
    await exportDialog.locator('label.export-format', { hasText: 'REFI-QDA project' }).click();
    const qdpxPath = join(outDir, 'notebook.qdpx');
    harness.host.savePath = qdpxPath;
    await exportDialog.getByRole('button', { name: 'Export…' }).click();
    const saved = page.getByRole('dialog', { name: 'Export saved' });
    await expect(saved).toContainText('notebook.qdpx');
    await saved.getByRole('button', { name: 'Done' }).click();

    const files = unzipSync(new Uint8Array(await readFile(qdpxPath)));
    const project = strFromU8(files['project.qde']!);
    expect(project).toContain('name="board_2017.txt"');
    expect(project.match(/<PlainTextSelection /g)?.length).toBeGreaterThanOrEqual(158);
    expect(Object.keys(files).filter((n) => n.startsWith('sources/'))).toHaveLength(3);
    const verdict = await validateXML({
      xml: [{ fileName: 'project.qde', contents: project }],
      schema: [await readFile(join(REFI_DIR, 'xsd', 'Project.xsd'), 'utf8')],
    });
    expect(verdict.errors).toEqual([]);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});

test('a file that is not from any tool gets a clear error, and nothing changes', async ({
  page,
  harness,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-exchange-'));
  try {
    harness.expectedErrors.push(/is not a REFI-QDA project/);
    await page.goto('/');
    const bad = join(dir, 'not-a-project.qdpx');
    await (await import('node:fs/promises')).writeFile(bad, 'this is not a zip');
    harness.host.dialogFiles = [bad];
    await page.keyboard.press('Control+Shift+O');
    await expect(page.getByText(/not-a-project\.qdpx is not a REFI-QDA project/)).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Import from Another Tool' })).toHaveCount(0);
    await expect
      .poll(async () => (await harness.notebook.handlers.listDocuments({})).length)
      .toBe(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('import Hypothesis annotations of a web page onto the sample article the user picks', async ({
  page,
  harness,
}) => {
  await page.goto('/');
  harness.host.dialogFiles = [resolve('tests/fixtures/exchange/hypothesis/client-export.json')];
  await page.keyboard.press('Control+Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Import from Another Tool' });
  await expect(dialog).toContainText('Hypothesis annotations');
  const pages = dialog.getByRole('group', { name: 'Pages annotated' });
  const choice = pages.getByRole('combobox', { name: /Afghan officials reject/ });
  await expect(choice).toHaveValue('');
  await choice.selectOption({
    label: "Afghan officials reject Trump's demands to return Bagram Air Base",
  });
  // The preview is read again: the page's highlights now go on the article.
  await expect(
    dialog
      .getByRole('table', { name: 'What the import will change' })
      .getByRole('row', { name: /^Added/ }),
  ).toContainText('4');
  await expect(dialog).toContainText('Not carried over');
  await page.screenshot({ path: screenshotPath('exchange-hypothesis') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-exchange-hypothesis') });
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await expect(
    panel.locator('.annotation-list > li', { hasText: 'we are ready to fight you' }),
  ).toBeVisible();
  await expect(page.getByText(/client-export\.json imported/)).toBeVisible();
});
