import { expect, type Page } from '@playwright/test';

export const THREAT_QUOTE = 'we are ready to fight you for the next 20 years';

/**
 * How long an import may take before its report shows: web pages are parsed in a worker thread
 * (jsdom and Readability, loaded on first use), which took up to 9 s on a busy 2-core machine.
 */
export const IMPORT_TIMEOUT = { timeout: 30_000 };

/**
 * Drag the mouse across `text` in the article, as a reader selecting it would. The article may
 * still be showing the document before (a document's text arrives after it is chosen), so this
 * looks again until the text is there.
 */
export async function dragSelect(page: Page, text: string): Promise<void> {
  const find = () =>
    page.evaluate((needle) => {
      const article = document.querySelector('.article');
      if (!article) return null;
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(needle) ?? -1;
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rects = Array.from(range.getClientRects());
        const first = rects[0];
        const last = rects[rects.length - 1];
        if (!first || !last) return null;
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      return null;
    }, text);
  await expect.poll(find, { message: `"${text}" is in the article` }).not.toBeNull();
  // Measured again, now that it has been scrolled into view.
  const box = await find();
  if (!box) throw new Error(`"${text}" is not in the article`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
}

/** The text of every range registered for a named CSS highlight. */
export function paintedRanges(page: Page, name: string): Promise<string[]> {
  return page.evaluate((n) => {
    const highlight = CSS.highlights.get(n);
    return highlight
      ? Array.from(highlight as unknown as Iterable<Range>).map((r) => r.toString())
      : [];
  }, name);
}

/** Select `text`, open the tag box from the toolbar, tag it, comment on it and close the editor. */
export async function highlightTagAndComment(
  page: Page,
  text: string,
  tag: string,
  comment: string,
): Promise<void> {
  await dragSelect(page, text);
  await page
    .getByRole('toolbar', { name: 'Highlight the selection' })
    .getByRole('button', { name: 'Tag' })
    .click();
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  const tagBox = editor.getByRole('combobox', { name: 'Add a tag' });
  await tagBox.fill(tag);
  await tagBox.press('Enter');
  await editor.getByRole('list', { name: 'Tags' }).getByText(tag).waitFor();
  await editor.getByRole('textbox', { name: 'Comment' }).fill(comment);
  await editor.getByRole('button', { name: 'Done' }).click();
  await editor.waitFor({ state: 'hidden' });
}

/** Highlight `text` in the colour of digit `colorKey` (1–6), give it tags, and close the editor. */
export async function highlightWithTags(
  page: Page,
  text: string,
  colorKey: string,
  tags: string[],
): Promise<void> {
  await dragSelect(page, text);
  await page.keyboard.press(colorKey);
  const editor = page.getByRole('dialog', { name: 'Edit highlight' });
  const tagBox = editor.getByRole('combobox', { name: 'Add a tag' });
  for (const tag of tags) {
    await tagBox.fill(tag);
    await tagBox.press('Enter');
    await editor.getByRole('list', { name: 'Tags' }).getByText(tag, { exact: true }).waitFor();
  }
  await editor.getByRole('button', { name: 'Done' }).click();
  await editor.waitFor({ state: 'hidden' });
}
