import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, THREAT_QUOTE } from './reader-actions.ts';

/** A computed style of the first element matching `selector`. */
function styleOf(page: import('@playwright/test').Page, selector: string, property: string) {
  return page.evaluate(
    ([s, p]) => {
      const el = document.querySelector(s!);
      return el ? getComputedStyle(el).getPropertyValue(p!) : null;
    },
    [selector, property],
  );
}

test('preferences: Ctrl+, opens them, each change applies at once and is kept beside the notebook', async ({
  page,
  harness,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await page.locator('.article [data-start]').first().waitFor();
  const lightBackground = await styleOf(page, '.reader', 'background-color');

  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Preferences' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: screenshotPath('preferences') });

  // Theme: dark although the system is light, at once.
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => styleOf(page, '.reader', 'background-color')).not.toBe(lightBackground);
  await page.screenshot({ path: screenshotPath('dark-preferences') });

  // Reading: line width, size and face reach the article.
  const wide = await page.locator('.reader-content').evaluate((el) => el.clientWidth);
  await dialog.getByRole('slider', { name: 'Line width' }).fill('45');
  await expect
    .poll(() => page.locator('.reader-content').evaluate((el) => el.clientWidth))
    .toBeLessThan(wide * 0.85);
  await dialog.getByRole('slider', { name: 'Text size' }).fill('24');
  await expect.poll(() => styleOf(page, '.article', 'font-size')).toBe('24px');
  await dialog.getByRole('combobox', { name: 'Typeface' }).selectOption('sans');
  await expect.poll(() => styleOf(page, '.article', 'font-family')).toContain('system-ui');

  // A name for yellow, and the coder's name.
  await dialog.getByRole('textbox', { name: 'Name for yellow' }).fill('Evidence');
  await dialog.getByRole('textbox', { name: 'Your name' }).fill('Ana Ruiz');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Kept in settings.json beside the store, not in the notebook.
  const settingsFile = join(harness.dataDir, 'settings.json');
  await expect
    .poll(async () => JSON.parse(await readFile(settingsFile, 'utf8').catch(() => '{}')))
    .toMatchObject({
      theme: 'dark',
      readerFont: 'sans',
      readerFontSize: 24,
      lineWidth: 45,
      colorNames: { yellow: 'Evidence' },
      coder: { name: 'Ana Ruiz' },
    });
  expect(JSON.stringify(await harness.readStoreFile())).not.toContain('Evidence');

  // The toolbar names the colour.
  await dragSelect(page, THREAT_QUOTE);
  await expect(page.getByRole('button', { name: 'Evidence (yellow)' }).first()).toBeVisible();
  await page.keyboard.press('Escape');

  // A reload (a new window) starts with them.
  await page.reload();
  await page.locator('.article [data-start]').first().waitFor();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => styleOf(page, '.article', 'font-size')).toBe('24px');

  // Back to the system's theme: the attribute goes and the light page returns.
  await page.getByRole('button', { name: 'Preferences' }).click();
  await dialog.getByRole('radio', { name: 'Match system' }).check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expect.poll(() => styleOf(page, '.reader', 'background-color')).toBe(lightBackground);
});

test('a damaged preferences file is set aside and named; the app starts with defaults', async ({
  page,
  harness,
}) => {
  await harness.restart(async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(harness.dataDir, 'settings.json'), '{"theme": ');
  });
  harness.expectedErrors.push(/preferences file could not be read/);
  await page.goto('/');
  await expect(page.locator('.toast-error')).toContainText(
    /preferences file could not be read.*settings\.damaged-\d+\.json/,
  );
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
});
