import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, screenshotPath, test } from './harness.ts';
import { highlightTagAndComment, THREAT_QUOTE } from './reader-actions.ts';

test('a damaged store file is kept aside, the last good state comes back, and the user is told', async ({
  page,
  harness,
}) => {
  harness.expectedErrors.push(/could not be read/);
  await page.goto('/');
  await highlightTagAndComment(page, THREAT_QUOTE, 'threat', 'Keep me.');

  const storeFile = join(harness.dataDir, 'notebook.json');
  await harness.restart(async () => {
    const text = await readFile(storeFile, 'utf8');
    await writeFile(storeFile, text.slice(0, text.length / 3)); // a torn write by some other tool
  });
  await page.reload();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be read');
  await expect(alert).toContainText('restored from the backup');
  const panel = page.getByRole('complementary', { name: 'Highlights in this document' });
  await expect(panel.getByRole('button', { name: new RegExp(THREAT_QUOTE) })).toContainText(
    'Keep me.',
  );
  await page.screenshot({ path: screenshotPath('store-recovered') });

  const kept = (await readdir(harness.dataDir)).filter((n) => n.startsWith('notebook.corrupt-'));
  expect(kept).toHaveLength(1);
  await expect
    .poll(async () => (await harness.readStoreFile()).annotations.map((a) => a.comment))
    .toEqual(['Keep me.']);
});
