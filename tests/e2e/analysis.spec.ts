import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { JSDOM } from 'jsdom';
import { buildStore, writeStore } from '../../scripts/crash-test/fixture.ts';
import { core } from './core.ts';
import { expect, type Harness, screenshotPath, test } from './harness.ts';
import { IMPORT_TIMEOUT, THREAT_QUOTE } from './reader-actions.ts';

const INCH = "A deal over even an inch of Afghanistan's soil is not possible";
const TROOPS = 'never accepted foreign troops in their territory';
const BAGRAM = 'Bagram Air Base';

/** Code a few quotes of the sample article through the core, as the reader and finder would. */
async function codeSample(harness: Harness) {
  const [summary] = await core(harness, 'listDocuments', {});
  const doc = await core(harness, 'getDocument', { id: summary!.id });
  await core(harness, 'updateDocument', { id: doc.id, publishedDate: '2025-09-21' });
  const threat = await core(harness, 'createTag', { name: 'threat' });
  const afghan = await core(harness, 'createTag', { name: 'actors/afghan' });
  const us = await core(harness, 'createTag', { name: 'actors/us' });
  const at = (words: string) => {
    const start = doc.text.indexOf(words);
    if (start < 0) throw new Error(`not in the sample: ${words}`);
    return { start, end: start + words.length };
  };
  // Two quotes credited to speakers, the way the quote finder accepts them.
  const accepted = await core(harness, 'acceptQuotes', {
    documentId: doc.id,
    quotes: [
      { ...at(THREAT_QUOTE), speaker: 'Mohammad Yaqoob Mujahid', role: 'Defense Minister' },
      { ...at(INCH), speaker: 'Qari Fasihuddin Fitrat', role: null },
    ],
  });
  for (const a of accepted.annotations)
    await core(harness, 'updateAnnotation', { id: a.id, addTagIds: [threat.id, afghan.id] });
  await core(harness, 'createAnnotation', {
    documentId: doc.id,
    ...at(TROOPS),
    color: 'green',
    tagIds: [afghan.id],
  });
  await core(harness, 'createAnnotation', {
    documentId: doc.id,
    ...at(BAGRAM),
    color: 'blue',
    tagIds: [us.id, threat.id],
  });
  return {
    doc,
    threat,
    afghan,
    us,
    actors: (await core(harness, 'listTags', {})).find((t) => t.name === 'actors')!,
  };
}

async function expectAccessible(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe, ${label}`,
  ).toEqual([]);
}

test('the Analysis view counts the coding, opens a cell’s quotes and saves SVG, PNG and CSV', async ({
  page,
  harness,
}) => {
  test.slow();
  const out = await mkdtemp(join(tmpdir(), 'marginalia-analysis-'));
  try {
    const { doc, threat, actors } = await codeSample(harness);
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Library' })).toBeVisible(IMPORT_TIMEOUT);
    await page.keyboard.press('Control+6');
    const view = page.getByRole('region', { name: 'Analysis' });
    await expect(view.getByRole('heading', { name: 'Code × document' })).toBeVisible();

    // The numbers are in the page: actors (afghan and us rolled up) on 4 quotes, threat on 3.
    const table = view.getByRole('grid');
    const cellButton = (row: string, column: string) =>
      table.locator(`button[data-row="${row}"][data-column="${column}"]`);
    await expect(cellButton(actors.id, doc.id)).toHaveText('4');
    await expect(cellButton(threat.id, doc.id)).toHaveText('3');
    const picture = view.locator('svg.analysis-svg');
    await expect(
      picture.locator(`[data-row="${threat.id}"][data-column="${doc.id}"]`),
    ).toHaveAttribute('data-count', '3');

    // A cell of the picture lists its quotes; one opens in the reader.
    await picture.locator(`[data-row="${threat.id}"][data-column="${doc.id}"]`).click();
    const quotes = page.getByRole('complementary', { name: 'Quotes in the chosen cell' });
    await expect(quotes.getByRole('heading', { name: 'threat ×' })).toBeVisible();
    await expect(quotes.getByText('3 quotes')).toBeVisible();
    await expect(quotes.getByRole('button')).toHaveCount(4); // three quotes and the close button
    await page.screenshot({ path: screenshotPath('analysis-matrix') });
    await expectAccessible(page, 'matrix, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dark-analysis-matrix') });
    await expectAccessible(page, 'matrix, dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Saving: the table as CSV, the picture as SVG and PNG, through the Save dialog.
    harness.host.savePath = join(out, 'matrix.csv');
    await view.getByRole('button', { name: 'Save table as CSV' }).click();
    await expect
      .poll(() =>
        stat(join(out, 'matrix.csv')).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    const csv = parse(await readFile(join(out, 'matrix.csv'), 'utf8')) as string[][];
    expect(csv[0]).toEqual(['Code', doc.title, 'Total']);
    expect(csv.find((r) => r[0] === 'threat')).toEqual(['threat', '3', '3']);

    harness.host.savePath = join(out, 'matrix.svg');
    await view.getByRole('button', { name: 'Save SVG' }).click();
    await expect
      .poll(() =>
        stat(join(out, 'matrix.svg')).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    const svg = new JSDOM(await readFile(join(out, 'matrix.svg'), 'utf8'), {
      contentType: 'image/svg+xml',
    }).window.document;
    expect(svg.documentElement.tagName).toBe('svg');
    expect(
      svg
        .querySelector(`[data-row="${threat.id}"][data-column="${doc.id}"]`)
        ?.getAttribute('data-count'),
    ).toBe('3');
    expect(svg.querySelectorAll('rect[fill]').length).toBeGreaterThan(2);

    harness.host.savePath = join(out, 'matrix.png');
    await view.getByRole('button', { name: 'Save PNG' }).click();
    await expect
      .poll(() =>
        stat(join(out, 'matrix.png')).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    const png = await readFile(join(out, 'matrix.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

    // By keyboard: a count in the table lists its quotes too.
    await cellButton(actors.id, doc.id).focus();
    await page.keyboard.press('Enter');
    await expect(quotes.getByText('4 quotes')).toBeVisible();
    // Focus moves to the list, and the next Tab reaches its first quote.
    await expect(quotes.getByRole('heading', { name: /^actors ×/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(quotes.getByRole('button', { name: 'Close the quote list' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(quotes.getByRole('listitem').first().getByRole('button')).toBeFocused();

    // The other charts, each drawn and readable in light and dark.
    const tabs = view.getByRole('group', { name: 'Chart' });
    await tabs.getByRole('button', { name: 'Co-occurrence' }).click();
    await expect(view.getByRole('heading', { name: 'Pairs, most frequent first' })).toBeVisible();
    await expect(view.getByRole('button', { name: 'actors and threat 3 quotes' })).toBeVisible();
    await shoot(page, 'analysis-cooccurrence');

    await tabs.getByRole('button', { name: 'Speaker × code' }).click();
    await expect(table.locator('th[scope="row"]')).toHaveText([
      'Mohammad Yaqoob Mujahid',
      'Qari Fasihuddin Fitrat',
    ]);
    await shoot(page, 'analysis-speakers');

    await tabs.getByRole('button', { name: 'Codes over time' }).click();
    await expect(table.locator('thead th')).toContainText(['Code', '2025']);
    await expect(cellButton(threat.id, '2025')).toHaveText('3');
    await shoot(page, 'analysis-timeline');
    await expectAccessible(page, 'timeline, light');

    // A quote in a cell opens in the reader.
    await cellButton(threat.id, '2025').click();
    await quotes.locator('q', { hasText: new RegExp(`^${BAGRAM}$`) }).click();
    await expect(page.getByRole('button', { name: 'Reader', exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('with nothing coded the Analysis view says how to start', async ({ page, harness }) => {
  expect(harness.dataDir).toBeTruthy(); // the fixture wires the page to a fresh notebook
  await page.goto('/');
  await page.keyboard.press('Control+6');
  await expect(page.getByText('Nothing coded yet')).toBeVisible();
  await expectAccessible(page, 'empty');
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath(`dark-${name}`) });
  await expectAccessible(page, `${name}, dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('a larger notebook draws a full matrix and its table agrees with the core', async ({
  page,
  harness,
}) => {
  test.slow();
  // 16 documents, 160 tags in 8 themes, about 2,700 coded quotes (the crash-test fixture).
  await harness.restart(async () => {
    await writeStore(harness.dataDir, buildStore(4000, 18));
  });
  const table = await core(harness, 'analyzeNotebook', { chart: 'matrix' });
  expect(table.rows.length).toBeGreaterThan(3);
  await page.goto('/');
  await page.keyboard.press('Control+6');
  const view = page.getByRole('region', { name: 'Analysis' });
  const row = table.rows[1]!;
  const column = table.columns[2]!;
  const count = table.cells[1]![2]!;
  await expect(
    view.getByRole('grid').locator(`button[data-row="${row.id}"][data-column="${column.id}"]`),
  ).toHaveText(String(count));
  await expect(view.locator('svg.analysis-svg rect.analysis-cell')).toHaveCount(
    table.rows.length * table.columns.length,
  );
  await shoot(page, 'analysis-matrix-large');
  await view
    .getByRole('group', { name: 'Chart' })
    .getByRole('button', { name: 'Co-occurrence' })
    .click();
  await expect(view.getByRole('heading', { name: /Pairs, most frequent first/ })).toBeVisible();
  await shoot(page, 'analysis-cooccurrence-large');
});

test('the matrix by collection, and every chart narrowed to one collection', async ({
  page,
  harness,
}) => {
  const { doc, threat, actors } = await codeSample(harness);
  // A second, coded document, in a collection of its own.
  await core(harness, 'importFiles', {
    jobId: 'second',
    files: [
      {
        name: 'road.md',
        size: 60,
        data: Buffer.from('# Road to Bagram\n\nThe road was closed, a driver said.\n').toString(
          'base64',
        ),
      },
    ],
  });
  const road = (await core(harness, 'listDocuments', {})).find(
    (d) => d.title === 'Road to Bagram',
  )!;
  await core(harness, 'createAnnotation', {
    documentId: road.id,
    start: 0,
    end: 8,
    color: 'yellow',
    tagIds: [threat.id],
  });
  const roads = await core(harness, 'createCollection', { name: 'Roads', documentIds: [road.id] });
  const sample = await core(harness, 'createCollection', {
    name: 'Sample',
    documentIds: [doc.id],
  });

  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Library' })).toBeVisible(IMPORT_TIMEOUT);
  await page.keyboard.press('Control+6');
  const view = page.getByRole('region', { name: 'Analysis' });
  const table = view.getByRole('grid');
  const cellButton = (row: string, column: string) =>
    table.locator(`button[data-row="${row}"][data-column="${column}"]`);

  // One column per collection: threat is on 3 quotes in the sample, 1 on the road.
  await view.getByRole('combobox', { name: 'Columns' }).selectOption('collections');
  await expect(cellButton(threat.id, sample.id)).toHaveText('3');
  await expect(cellButton(threat.id, roads.id)).toHaveText('1');
  await expect(cellButton(actors.id, sample.id)).toHaveText('4');
  await expect(table.getByRole('columnheader', { name: 'Roads' })).toBeVisible();

  // Narrowed to one collection, every chart counts only its documents.
  await view.getByRole('combobox', { name: 'Columns' }).selectOption('documents');
  await view.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Roads' });
  await expect(cellButton(threat.id, road.id)).toHaveText('1');
  await expect(table.locator(`button[data-column="${doc.id}"]`)).toHaveCount(0);
});
