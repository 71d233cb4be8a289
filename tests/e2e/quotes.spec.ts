import type { Page } from '@playwright/test';
import type { QuoteSuggestion } from '../../shared/contract.ts';
import { QUOTE_TAG, speakerTagName } from '../../shared/quotes/speaker-tags.ts';
import { truncateQuote } from '../../shared/quotes/suggestion-list.ts';
import { core } from './core.ts';
import { expect, screenshotPath, test } from './harness.ts';
import { dragSelect, paintedRanges } from './reader-actions.ts';

/** The card of a candidate, found by the opening words of its quotation. */
// By its place in the text: a short partial quotation's words ("even an inch") may also be
// inside a longer one's.
const cardOf = (page: Page, s: QuoteSuggestion) =>
  page
    .getByRole('complementary', { name: 'Quotes in this document' })
    .locator(`.quote-list > li[data-key="${s.start}:${s.end}"]`);

/** A name for correcting a speaker: one the finder gave none of these quotations. */
const correctedName = (taken: readonly QuoteSuggestion[]) =>
  ['Zakir Jalali', 'Taj Mir Jawad', 'Adam Boehler'].find(
    (name) => !taken.some((s) => s.speaker === name),
  ) ?? 'A. N. Other';

test('find quotes in the sample article, accept, correct a speaker, accept all with undo, and see the speakers', async ({
  page,
  harness,
}) => {
  // The whole review flow, unsure choices included: long on a busy 2-core machine.
  test.slow();
  await page.goto('/');
  await page.locator('.article [data-start]').first().waitFor();
  const [sample] = await core(harness, 'listDocuments', {});
  if (!sample) throw new Error('the sample article is missing');
  const documentId = sample.id;
  const found = await core(harness, 'findQuotes', { documentId });
  // Listed: statements and partial quotations; accepted as read: those whose speaker is sure.
  const listed = found.suggestions
    .filter((s) => s.kind !== 'scare' && s.status === 'open')
    .sort((a, b) => a.start - b.start);
  const direct = listed.filter((s) => !s.unsure);
  const unsure = listed.filter((s) => s.unsure);
  const scare = found.suggestions.filter((s) => s.kind === 'scare');
  expect(direct.length).toBeGreaterThanOrEqual(5);

  // Before anything is accepted, the speakers view explains where speakers come from.
  await page.keyboard.press('Control+5');
  const speakersView = page.getByRole('region', { name: 'Speakers' });
  await expect(speakersView.getByText('No speakers yet')).toBeVisible();
  await page.screenshot({ path: screenshotPath('speakers-empty') });
  await page.keyboard.press('Control+1');
  await page.locator('.article [data-start]').first().waitFor();

  // Ctrl+Shift+A shows the candidates in the side panel; scare quotes wait behind a toggle, and
  // a speaker the finder is unsure of is offered as a choice, not asserted.
  await page.keyboard.press('Control+Shift+A');
  const panel = page.getByRole('complementary', { name: 'Quotes in this document' });
  await expect(panel).toBeVisible();
  await expect(page.getByRole('button', { name: 'Find quotes' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const cards = panel.locator('.quote-list > li');
  await expect(cards).toHaveCount(listed.length);
  await expect(panel.getByRole('button', { name: `Accept all (${direct.length})` })).toBeVisible();
  for (const s of listed) {
    const card = cardOf(page, s);
    await expect(card).toHaveCount(1);
    await expect(card.locator('.quote-speaker')).toHaveText(
      s.unsure ? 'Speaker unsure' : (s.speaker ?? 'No speaker found'),
    );
    if (s.role && !s.unsure) await expect(card.locator('.quote-role')).toHaveText(s.role);
    if (s.kind === 'partial')
      await expect(card.locator('.quote-badge.partial')).toHaveText('Partial quote');
  }
  if (scare.length > 0) {
    const toggle = panel.getByRole('checkbox', { name: /Show scare quotes/ });
    await toggle.check();
    await expect(cards).toHaveCount(listed.length + scare.length);
    await expect(panel.locator('.quote-badge.scare')).toHaveCount(scare.length);
    await toggle.uncheck();
    await expect(cards).toHaveCount(listed.length);
    await toggle.blur();
  }
  await page.screenshot({ path: screenshotPath('quote-finder') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-quote-finder') });
  await page.emulateMedia({ colorScheme: 'light' });

  // A click on a candidate scrolls the article to it and flashes it.
  const [first, second, third] = direct as [QuoteSuggestion, QuoteSuggestion, QuoteSuggestion];
  await cardOf(page, second).locator('.quote-card-main').click();
  await expect.poll(() => paintedRanges(page, 'mg-flash')).toEqual([second.text]);

  // Accept two as the finder read them.
  for (const s of [first, second]) {
    await cardOf(page, s)
      .getByRole('button', { name: /^Accept:/ })
      .click();
    await expect(cardOf(page, s).locator('.quote-card')).toHaveClass(/accepted/);
    await expect(cardOf(page, s).getByRole('button', { name: 'Show highlight' })).toBeVisible();
  }

  // Correct the third: another speaker, the span chosen in the text, then with its marks.
  const name = correctedName([first, second, third]);
  const third3 = cardOf(page, third);
  await third3.getByRole('button', { name: /^Edit:/ }).click();
  const form = third3.getByRole('group', { name: 'Correct the quote' });
  const speakerBox = form.getByRole('combobox', { name: 'Speaker' });
  await expect(speakerBox).toBeFocused();
  await speakerBox.fill(name);
  const part = third.text.split(' ').slice(0, 4).join(' ');
  await dragSelect(page, part);
  await form.getByRole('button', { name: 'Use current selection' }).click();
  await expect(form.locator('.quote-span-preview')).toHaveText(part);
  await form.getByRole('checkbox', { name: 'Include quotation marks' }).check();
  const { text } = await core(harness, 'getDocument', { id: documentId });
  const quotation = text.slice(third.open, third.close + 1);
  await expect(form.locator('.quote-span-preview')).toHaveText(truncateQuote(quotation, 140));
  await page.screenshot({ path: screenshotPath('quote-finder-edit') });
  await form.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(third3.locator('.quote-card')).toHaveClass(/accepted/);
  await expect(third3.locator('.quote-speaker')).toHaveText(name);

  // In the core: three highlights tagged `quote`, each with its speaker's tag.
  const tagName = async () => {
    const tags = await core(harness, 'listTags', {});
    const byId = new Map(tags.map((t) => [t.id, t.name]));
    const annotations = await core(harness, 'listAnnotations', { documentId });
    return annotations
      .sort((a, b) => a.target.position!.start - b.target.position!.start)
      .map((a) => ({ exact: a.target.quote!.exact, tags: a.tagIds.map((id) => byId.get(id)) }));
  };
  const expectedTags = (speaker: string | null) =>
    speaker ? [QUOTE_TAG, speakerTagName(speaker)] : [QUOTE_TAG];
  await expect.poll(tagName).toEqual([
    { exact: first.text, tags: expectedTags(first.speaker) },
    { exact: second.text, tags: expectedTags(second.speaker) },
    { exact: quotation, tags: [QUOTE_TAG, `speaker/${name}`] },
  ]);

  // In the reader's highlights panel too.
  await panel
    .getByRole('group', { name: 'Side panel' })
    .getByRole('button', { name: /Highlights/ })
    .click();
  const highlights = page.getByRole('complementary', { name: 'Highlights in this document' });
  const highlightCards = highlights.locator('.annotation-list > li');
  await expect(highlightCards).toHaveCount(3);
  await expect(highlightCards.nth(2).locator('.chip')).toHaveText([QUOTE_TAG, `speaker/${name}`]);
  await expect(highlightCards.nth(0).locator('.chip').first()).toHaveText(QUOTE_TAG);

  // Accept all takes the rest in one go, and one Undo takes them all back, with a correction
  // saved on one of them still there afterwards.
  await page.keyboard.press('Control+Shift+A');
  await expect(panel).toBeVisible();
  const fourth = direct[3]!;
  await cardOf(page, fourth)
    .getByRole('button', { name: /^Edit:/ })
    .click();
  const fourthForm = cardOf(page, fourth).getByRole('group', { name: 'Correct the quote' });
  await fourthForm.getByRole('combobox', { name: 'Speaker' }).fill('Adam Boehler');
  await fourthForm.getByRole('button', { name: 'Save' }).click();
  await expect(cardOf(page, fourth).locator('.quote-badge.edited')).toBeVisible();
  // Focus stays on the card whose editor closed.
  await expect(cardOf(page, fourth).locator('.quote-card-main')).toBeFocused();
  const rest = direct.length - 3;
  await panel.getByRole('button', { name: `Accept all (${rest})` }).click();
  const toast = page.getByRole('status').filter({ hasText: `${rest} quotes accepted` });
  await expect(toast).toBeVisible();
  await expect.poll(async () => (await tagName()).length).toBe(direct.length);
  await expect(panel.locator('.quote-card.accepted')).toHaveCount(direct.length);
  // Unsure speakers wait for a choice: Accept all is done with what it can take.
  await expect(panel.getByRole('button', { name: /^Accept all/ })).toBeHidden();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await tagName()).length).toBe(3);
  await expect(panel.locator('.quote-card.accepted')).toHaveCount(3);
  await expect(panel.getByRole('button', { name: `Accept all (${rest})` })).toBeVisible();
  await expect(cardOf(page, fourth).locator('.quote-speaker')).toHaveText('Adam Boehler');
  await expect(cardOf(page, fourth).locator('.quote-badge.edited')).toBeVisible();

  // A double click on Accept makes one highlight and one undo, which Ctrl+Z takes back.
  const fifth = direct[4]!;
  await cardOf(page, fifth)
    .getByRole('button', { name: /^Accept:/ })
    .dblclick();
  await expect(cardOf(page, fifth).locator('.quote-card')).toHaveClass(/accepted/);
  await expect.poll(async () => (await tagName()).length).toBe(4);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await tagName()).length).toBe(3);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Dismiss one: it goes under "Show 1 dismissed"; Ctrl+Z brings it back, and so does Restore.
  await cardOf(page, fourth)
    .getByRole('button', { name: /^Dismiss:/ })
    .click();
  await expect(cardOf(page, fourth)).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Show 1 dismissed' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(cardOf(page, fourth)).toHaveCount(1);
  await cardOf(page, fourth)
    .getByRole('button', { name: /^Dismiss:/ })
    .click();
  await panel.getByRole('button', { name: 'Show 1 dismissed' }).click();
  await panel.getByRole('button', { name: /^Restore:/ }).click();
  await expect(cardOf(page, fourth)).toHaveCount(1);
  // Its "Quote dismissed" notice goes too: there is nothing left for it to undo.
  await expect(page.getByRole('status').filter({ hasText: 'Quote dismissed.' })).toHaveCount(0);
  await expect(panel.getByRole('region', { name: 'Dismissed quotes' })).toHaveCount(0);

  // An unsure card offers its two best candidates: press 2 to credit the second, then accept.
  const choosable = unsure.find((u) => u.alternatives.some((n) => n !== u.speaker));
  // What the speakers view lists for the corrected name, in text order.
  const namedQuotes = [{ exact: quotation, start: third.open }];
  if (choosable) {
    const second = choosable.alternatives.find((n) => n !== choosable.speaker) as string;
    const card = cardOf(page, choosable);
    await expect(card.getByRole('group', { name: 'Who said it?' }).getByRole('button')).toHaveText([
      choosable.speaker as string,
      second,
    ]);
    await page.screenshot({ path: screenshotPath('quote-finder-unsure') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: screenshotPath('dark-quote-finder-unsure') });
    await page.emulateMedia({ colorScheme: 'light' });
    await card.locator('.quote-card-main').focus();
    await page.keyboard.press('2');
    await expect(card.locator('.quote-speaker')).toHaveText(second);
    await expect(card.locator('.quote-badge.edited')).toHaveText('Speaker chosen');
    await card.getByRole('button', { name: /^Accept:/ }).click();
    await expect(card.locator('.quote-card')).toHaveClass(/accepted/);
    await expect
      .poll(async () => (await tagName()).find((t) => t.exact === choosable.text)?.tags)
      .toEqual([QUOTE_TAG, speakerTagName(second)]);
    if (second === name) namedQuotes.push({ exact: choosable.text, start: choosable.start });
  }

  // The speakers view lists the corrected speaker; a quote opens in the reader at its highlight.
  await page.keyboard.press('Control+5');
  const row = speakersView.getByRole('button', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await row.click();
  await expect(speakersView.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect
    .poll(async () =>
      (await core(harness, 'listSpeakers', {}))
        .find((s) => s.name === name)
        ?.quotes.map((q) => q.exact),
    )
    .toEqual(namedQuotes.sort((a, b) => a.start - b.start).map((q) => q.exact));
  await page.screenshot({ path: screenshotPath('speakers-view') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('dark-speakers-view') });
  await page.emulateMedia({ colorScheme: 'light' });
  await speakersView.locator('.speaker-quote').first().click();
  await expect(page.getByRole('dialog', { name: 'Edit highlight' })).toBeVisible();
  await expect.poll(() => paintedRanges(page, 'mg-flash')).toEqual([quotation]);
});
