import type { Page } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { core } from './core.ts';
import { expect, test } from './harness.ts';

/**
 * axe-core on every main screen, in light and in dark: no serious or critical violation. Each
 * screen has something on it (a highlight, a tag, a note, search results, a collection), so the
 * checks see the real controls rather than empty states only.
 */
const SCREENS: { name: string; open: (page: Page) => Promise<void> }[] = [
  {
    name: 'reader',
    open: async (page) => {
      await page.keyboard.press('Control+1');
      await page.locator('.annotation-card').first().waitFor();
    },
  },
  {
    name: 'find',
    open: async (page) => {
      await page.keyboard.press('Control+1');
      await page.keyboard.press('Control+f');
      await page.getByRole('searchbox', { name: 'Find in document' }).fill('bagram');
      await expect(page.locator('#find-count')).toContainText('of');
    },
  },
  {
    name: 'notes',
    open: async (page) => {
      await page.keyboard.press('Control+2');
      await page.locator('.notes-view').waitFor();
    },
  },
  {
    name: 'tags',
    open: async (page) => {
      await page.keyboard.press('Control+3');
      await page.getByText('defiance', { exact: true }).first().waitFor();
    },
  },
  {
    name: 'search',
    open: async (page) => {
      await page.keyboard.press('Control+4');
      await page.getByRole('searchbox').first().fill('bagram');
      await page.locator('.result').first().waitFor();
    },
  },
  {
    name: 'speakers',
    open: async (page) => {
      await page.keyboard.press('Control+5');
      await page.locator('.speakers-view, .empty-state').first().waitFor();
    },
  },
  {
    name: 'preferences',
    open: async (page) => {
      await page.keyboard.press('Control+1');
      await page.keyboard.press('Control+,');
      await page.getByRole('dialog', { name: 'Preferences' }).waitFor();
    },
  },
  {
    name: 'export',
    open: async (page) => {
      await page.keyboard.press('Control+1');
      await page.keyboard.press('Control+e');
      await page.getByRole('dialog', { name: 'Export' }).waitFor();
    },
  },
  {
    name: 'team (no round yet)',
    open: async (page) => {
      await page.keyboard.press('Control+7');
      await page.getByRole('region', { name: 'Team coding' }).waitFor();
    },
  },
  {
    name: 'new coding round',
    open: async (page) => {
      await page.keyboard.press('Control+7');
      await page.getByRole('button', { name: 'New Round…' }).click();
      await page.getByRole('dialog', { name: 'New Coding Round' }).waitFor();
    },
  },
  {
    name: 'document details with a citation',
    open: async (page) => {
      await page.keyboard.press('Control+1');
      await page.getByRole('button', { name: 'Edit document details' }).click();
      const details = page.getByRole('dialog', { name: 'Document details' });
      await details
        .getByLabel('Paste BibTeX or CSL-JSON')
        .fill('@book{k, title = {T}, author = {Smith, Jane}}');
      await details.getByRole('button', { name: 'Fill in from it' }).click();
      await expect(details.getByLabel('Author 1 family name')).toHaveValue('Smith');
    },
  },
];

test('every main screen passes axe-core in light and dark (no serious or critical issue)', async ({
  page,
  harness,
}) => {
  test.slow();
  const [doc] = await core(harness, 'listDocuments', {});
  const tag = await core(harness, 'createTag', { name: 'stance/defiance' });
  await core(harness, 'createAnnotation', {
    documentId: doc!.id,
    start: 0,
    end: 40,
    color: 'yellow',
    tagIds: [tag.id],
  });
  await core(harness, 'createNote', {
    title: 'Defiance',
    body: 'Officials refuse.',
    tagIds: [tag.id],
    documentId: doc!.id,
  });
  await core(harness, 'createCollection', { name: 'Chapter 2', documentIds: [doc!.id] });

  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    for (const screen of SCREENS) {
      await screen.open(page);
      problems.push(...(await seriousViolations(page, `${screen.name} (${scheme})`)));
      // Close any dialog or bar the screen opened.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
  }
  expect(problems).toEqual([]);
});
