import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { core } from './core.ts';
import { expect, type Harness, screenshotPath, test } from './harness.ts';

/** Import Markdown documents through the real core, as a drop would. */
async function importMarkdown(harness: Harness, files: Record<string, string>) {
  await core(harness, 'importFiles', {
    jobId: `import-${Date.now()}`,
    files: Object.entries(files).map(([name, text]) => ({
      name,
      size: Buffer.byteLength(text),
      data: Buffer.from(text).toString('base64'),
    })),
  });
}

const LONG = `# The long interview\n\n${Array.from(
  { length: 240 },
  (_, i) =>
    `Paragraph ${i + 1}: the respondent describes the base, the road and the market at length.`,
).join('\n\n')}\n`;

const library = (page: Page) => page.getByRole('navigation', { name: 'Library' });
const row = (page: Page, title: string) =>
  library(page).locator('.document-rows > li').filter({ hasText: title });
const collection = (page: Page, name: string) =>
  page
    .getByRole('region', { name: 'Collections' })
    .getByRole('button', { name: new RegExp(`^${name}`) });

test('collections: create, add by menu and by drag, filter, in: search, export, undo', async ({
  page,
  harness,
}) => {
  await importMarkdown(harness, {
    'kabul.md': '# Kabul market report\n\nTraders spoke of the base.\n',
    'road.md': '# Road to Bagram\n\nThe road was closed, a driver said.\n',
    'long.md': LONG,
  });
  await page.goto('/');
  await expect(library(page).locator('.document-rows > li')).toHaveCount(4);

  // A new collection, named inline; it opens empty and says how to fill it.
  await page.getByRole('button', { name: 'New collection' }).click();
  await page.getByRole('textbox', { name: 'New collection name' }).fill('Chapter 2');
  await page.keyboard.press('Enter');
  await expect(collection(page, 'Chapter 2')).toHaveAttribute('aria-current', 'true');
  await expect(library(page)).toContainText('“Chapter 2” is empty');

  // Back to every document: choose two and add them with the bulk menu.
  await collection(page, 'All documents').click();
  await row(page, 'Kabul market').getByRole('checkbox').check();
  await row(page, 'Road to Bagram').getByRole('checkbox').check();
  const bulk = page.getByRole('toolbar', { name: 'Selected documents' });
  await expect(bulk).toContainText('2 documents selected');
  await bulk
    .getByRole('combobox', { name: 'Add selected documents to a collection' })
    .selectOption({ label: 'Chapter 2' });
  await expect(collection(page, 'Chapter 2')).toContainText('2');
  await page.screenshot({ path: screenshotPath('library-collections') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-library-collections') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Undo takes them out again; the drag puts one back.
  await bulk.getByRole('button', { name: 'Clear selection' }).click();
  await page.locator('.reader').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(collection(page, 'Chapter 2')).toContainText('0');
  await row(page, 'Road to Bagram').dragTo(collection(page, 'Chapter 2'));
  await expect(collection(page, 'Chapter 2')).toContainText('1');
  await row(page, 'Kabul market').dragTo(collection(page, 'Chapter 2'));
  await expect(collection(page, 'Chapter 2')).toContainText('2');

  // The collection shows only its documents.
  await collection(page, 'Chapter 2').click();
  await expect(library(page).locator('.document-rows > li')).toHaveCount(2);
  await expect(row(page, 'long interview')).toHaveCount(0);

  // Search and export by collection, through the real core.
  const { hits } = await core(harness, 'search', { query: 'in:"chapter 2"', limit: 50 });
  const docIds = new Set(hits.map((h) => h.documentId));
  const titles = (await core(harness, 'listDocuments', {}))
    .filter((d) => docIds.has(d.id))
    .map((d) => d.title)
    .sort();
  expect(titles).toEqual(['Kabul market report', 'Road to Bagram']);

  harness.host.savePath = join(harness.dataDir, '..', `chapter-${Date.now()}.md`);
  await library(page).locator('.document-rows button.document-item').first().focus();
  await page.keyboard.press('Control+a');
  await expect(bulk).toContainText('2 documents selected');
  await bulk.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog.getByRole('radio', { name: /Selected documents/ })).toBeChecked();
  await dialog.getByRole('radio', { name: /Markdown/ }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export saved' })).toBeVisible();
  const exported = await readFile(harness.host.savePath, 'utf8');
  expect(exported).toContain('Kabul market report');
  expect(exported).toContain('Road to Bagram');
  expect(exported).not.toContain('long interview');
  await page.keyboard.press('Escape');

  // Delete both at once, then undo: they come back, still in the collection.
  await bulk.getByRole('button', { name: 'Delete' }).click();
  await expect(library(page)).toContainText('“Chapter 2” is empty');
  await page.locator('.reader').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(library(page).locator('.document-rows > li')).toHaveCount(2);
  await expect(collection(page, 'Chapter 2')).toContainText('2');

  // Renamed with F2; deleted with Delete (and its documents stay).
  await collection(page, 'Chapter 2').focus();
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'New name for Chapter 2' }).fill('Chapter Two');
  await page.keyboard.press('Enter');
  await expect(collection(page, 'Chapter Two')).toBeVisible();
  await collection(page, 'Chapter Two').focus();
  await page.keyboard.press('Delete');
  await expect(collection(page, 'Chapter Two')).toHaveCount(0);
  await expect(library(page).locator('.document-rows > li')).toHaveCount(4);
  const stored = await harness.readStoreFile();
  expect(stored.collections).toEqual([]);
});

test('each document opens where it was left; the library shows how far it was read', async ({
  page,
  harness,
}) => {
  await importMarkdown(harness, { 'long.md': LONG });
  await page.goto('/');
  await row(page, 'long interview').locator('button.document-item').click();
  await page.locator('.article [data-start]').first().waitFor();
  const scroller = page.locator('.reader-scroll');
  // Halfway down; the place is saved when scrolling pauses.
  await scroller.evaluate((el) => {
    el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
  });
  const readingFile = join(harness.dataDir, 'reading.json');
  const longId = (await core(harness, 'listDocuments', {})).find((d) =>
    d.title.includes('long interview'),
  )!.id;
  await expect
    .poll(async () => (await core(harness, 'getReadingStates', {}))[longId]?.progress ?? 0)
    .toBeGreaterThan(0.4);
  const firstInView = await page.evaluate(() => {
    const top = document.querySelector('.reader-scroll')!.getBoundingClientRect().top;
    const block = [...document.querySelectorAll('.article > *')].find(
      (b) => b.getBoundingClientRect().bottom > top + 1,
    );
    return block?.textContent?.slice(0, 14);
  });
  await expect(row(page, 'long interview').locator('.document-progress')).toBeVisible();

  // Away to the sample article and back: the same paragraph is at the top.
  await row(page, 'Bagram Air Base').locator('button.document-item').click();
  await expect(page.locator('.article')).toContainText('Afghan officials');
  await row(page, 'long interview').locator('button.document-item').click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const top = document.querySelector('.reader-scroll')!.getBoundingClientRect().top;
        const block = [...document.querySelectorAll('.article > *')].find(
          (b) => b.getBoundingClientRect().bottom > top + 1,
        );
        return block?.textContent?.slice(0, 14);
      }),
    )
    .toBe(firstInView);

  // Last opened first.
  await page.getByRole('combobox', { name: 'Sort documents by' }).selectOption('opened');
  await expect(library(page).locator('.document-rows > li').first()).toContainText(
    'long interview',
  );
  // Written beside the notebook, not in it.
  await expect
    .poll(async () => JSON.parse(await readFile(readingFile, 'utf8').catch(() => '{}'))[longId])
    .toMatchObject({ progress: expect.any(Number) });
});
