import { expect, test } from './harness.ts';

const QUOTE = 'It should never have been given up';

test('a quote card dragged over the Notes tab and into a note is cited there', async ({
  page,
  harness,
}) => {
  const [doc] = (await harness.notebook.handlers.listDocuments({})) ?? [];
  const full = await harness.notebook.handlers.getDocument({ id: doc!.id });
  const start = full.text.indexOf(QUOTE);
  const quote = await harness.notebook.handlers.createAnnotation({
    documentId: full.id,
    start,
    end: start + QUOTE.length,
    color: 'green',
  });
  await harness.notebook.handlers.createNote({
    title: 'Drafts',
    body: 'First thoughts.\n',
    tagIds: [],
    documentId: null,
  });
  await page.goto('/');

  const card = page
    .getByRole('complementary', { name: 'Highlights in this document' })
    .locator('.annotation-list > li', { hasText: QUOTE });
  const tab = page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Notes' });
  const from = await card.boundingBox();
  const over = await tab.boundingBox();
  await page.mouse.move(from!.x + 20, from!.y + 10);
  await page.mouse.down();
  await page.mouse.move(over!.x + over!.width / 2, over!.y + over!.height / 2, { steps: 8 });
  const body = page.getByRole('textbox', { name: 'Note text' });
  await expect(body).toBeVisible();
  const target = await body.boundingBox();
  await page.mouse.move(target!.x + 40, target!.y + target!.height - 10, { steps: 8 });
  await page.mouse.up();

  await expect(body).toHaveValue(new RegExp(`marginalia://quote/${quote.id}`));
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await harness.readStoreFile()).notes.find((n) => n.title === 'Drafts')?.annotationIds,
    )
    .toEqual([quote.id]);
});
