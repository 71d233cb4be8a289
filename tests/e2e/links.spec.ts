import { resolve } from 'node:path';
import { expect, test } from './harness.ts';

/**
 * Links never navigate the app: a web link opens in the system browser only through the core
 * (which, in the app, asks the user first), and nothing but http(s) goes anywhere.
 */
test('a web link in a note or a document opens in the browser through the core, and nothing else does', async ({
  page,
  harness,
}) => {
  await harness.notebook.dispatch('createNote', {
    title: 'Sources',
    body: 'Read [the wire report](https://example.org/wire/bagram) first, not [this](javascript:alert(1)) or [that](file:///etc/passwd).\n',
  });
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Notes' })
    .click();
  await page
    .getByRole('listbox', { name: 'Notes' })
    .getByRole('option', { name: /Sources/ })
    .click();
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'the wire report' }).click();
  await expect.poll(() => harness.host.openedLinks).toEqual(['https://example.org/wire/bagram']);
  // The others are text only: no button, no link, no navigation.
  await expect(page.getByRole('button', { name: 'this', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'that', exact: true })).toHaveCount(0);
  await expect(page.locator('a[href]')).toHaveCount(0);

  // In the reader a plain click selects as anywhere in the text; Ctrl+click asks to open.
  harness.host.dialogFiles = [resolve('tests', 'fixtures', 'e2e', 'field-notes.md')];
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Reader' })
    .click();
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button', { name: 'Import…' })
    .click();
  const link = page.locator('.article .doc-link', { hasText: 'wire report' });
  await link.click();
  expect(harness.host.openedLinks).toHaveLength(1);
  await link.click({ modifiers: ['Control'] });
  await expect
    .poll(() => harness.host.openedLinks)
    .toEqual(['https://example.org/wire/bagram', 'https://example.org/wire/bagram']);
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});
