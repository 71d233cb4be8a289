import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshotPath, test } from './harness.ts';
import { IMPORT_TIMEOUT, paintedRanges } from './reader-actions.ts';

const MARKDOWN = `# Field notes from the harbour

The strike began on a Monday.

## Who was there

${'Dockers and their families gathered at the gate every morning. '.repeat(40)}

## What they said

${'Nobody expected the talks to last this long, one of them said. '.repeat(40)}

### On the second week

${'The union asked for a mediator, and the port refused. '.repeat(40)}
`;

test('the outline lists the headings and goes to one, by mouse or keyboard', async ({
  page,
  harness,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'marginalia-outline-'));
  const file = join(dir, 'field-notes.md');
  await writeFile(file, MARKDOWN);
  await page.goto('/');
  const library = page.getByRole('navigation', { name: 'Library' });
  harness.host.dialogFiles = [file];
  await library.getByRole('button', { name: 'Import…' }).click();
  const entry = library.getByRole('button', { name: /^Field notes from the harbour/ });
  await expect(entry).toBeVisible(IMPORT_TIMEOUT);
  await entry.click();
  await page.locator('.article [data-start]').first().waitFor();

  const button = page.getByRole('button', { name: 'Outline' });
  await button.click();
  const outline = page.getByRole('navigation', { name: 'Outline' });
  // The first heading became the document's title; the rest are its outline.
  await expect(outline.getByRole('button')).toHaveText([
    'Who was there',
    'What they said',
    'On the second week',
  ]);
  // The first entry has the focus; the arrow keys move, Escape closes back to the button.
  await expect(outline.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(outline.getByRole('button').last()).toBeFocused();
  await page.screenshot({ path: screenshotPath('outline') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-outline') });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(outline).toBeHidden();
  await expect(button).toBeFocused();

  // Enter on a heading scrolls to it and flashes it.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect.poll(() => paintedRanges(page, 'mg-flash')).toEqual(['On the second week']);
  await expect(outline).toBeHidden();
});
