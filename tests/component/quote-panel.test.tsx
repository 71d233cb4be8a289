import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { QuotePanel, type QuotePanelProps } from '../../renderer/src/quotes/QuotePanel.tsx';
import type { QuoteSuggestion, QuoteSuggestions } from '../../shared/contract.ts';
import { type QuoteDraft, suggestionKey } from '../../shared/quotes/suggestion-list.ts';

const TEXT =
  'Mujahid said: "We are ready to fight you for twenty years." Critics call it "theatre". "Never," said Ann Lee. "It is over."';

function suggestion(words: string, overrides: Partial<QuoteSuggestion> = {}): QuoteSuggestion {
  const start = TEXT.indexOf(words);
  return {
    text: words,
    start,
    end: start + words.length,
    open: start - 1,
    close: start + words.length,
    kind: 'direct',
    speaker: null,
    role: null,
    evidence: null,
    speakerKind: overrides.speaker ? 'person' : null,
    confidence: overrides.speaker ? 0.95 : 0,
    unsure: false,
    alternatives: [],
    status: 'open',
    annotationId: null,
    ...overrides,
  };
}

const ready = suggestion('We are ready to fight you for twenty years.', {
  speaker: 'Mohammad Yaqoob Mujahid',
  role: 'Defense Minister',
  evidence: {
    shape: 'before-quote',
    verb: 'said',
    verbStart: 8,
    mention: 'Mujahid',
    mentionStart: 0,
    introducedAt: null,
  },
});
const theatre = suggestion('theatre', { kind: 'scare' });
const never = suggestion('Never,', {
  speaker: 'Ann Lee',
  status: 'accepted',
  annotationId: 'ann_1',
});
const over = suggestion('It is over.');
const gone = suggestion('Critics', { status: 'dismissed' });

const RESULT: QuoteSuggestions = {
  documentId: 'doc_1',
  suggestions: [ready, theatre, never, over, gone],
  knownSpeakers: ['Zakir Jalali'],
};

function setup(overrides: Partial<QuotePanelProps> = {}) {
  const props: QuotePanelProps = {
    result: RESULT,
    text: TEXT,
    drafts: new Map(),
    acceptedSpeakers: new Map([['ann_1', ['Ann Lee (corrected)']]]),
    selection: null,
    activeKey: null,
    onSelect: vi.fn(),
    onAccept: vi.fn(),
    onAcceptAll: vi.fn(),
    onDismiss: vi.fn(),
    onRestore: vi.fn(),
    onSaveDraft: vi.fn(),
    onOpenHighlight: vi.fn(),
    ...overrides,
  };
  const user = userEvent.setup();
  const view = render(<QuotePanel {...props} />);
  const panel = screen.getByRole('complementary', { name: 'Quotes in this document' });
  const cards = () => within(panel).queryAllByRole('listitem');
  const card = (text: string) => {
    const found = cards().find((li) => li.textContent?.includes(text));
    if (!found) throw new Error(`no card for ${text}`);
    return found;
  };
  return { user, props, panel, cards, card, view };
}

describe('QuotePanel', () => {
  it('says it is looking, then that there is nothing, for a document without quotations', () => {
    const { panel, view, props } = setup({ result: null });
    expect(within(panel).getByText('Looking for quotations…')).toBeTruthy();
    view.rerender(<QuotePanel {...props} result={{ ...RESULT, suggestions: [] }} />);
    expect(within(panel).getByText('No quotations found in this document')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: /Accept all/ })).toBeNull();
  });

  it('lists candidates in text order with speaker, role and evidence; scare quotes on request', async () => {
    const { user, panel, cards, card } = setup();
    expect(panel.querySelector('.count')?.textContent).toBe('3');
    expect(within(panel).getByText(/2 to review · 1 accepted · 1 dismissed/)).toBeTruthy();
    expect(cards().map((li) => li.querySelector('.card-quote')?.textContent)).toEqual([
      ready.text,
      never.text,
      over.text,
    ]);
    const first = card(ready.text);
    expect(first.querySelector('.quote-speaker')?.textContent).toBe('Mohammad Yaqoob Mujahid');
    expect(first.querySelector('.quote-role')?.textContent).toBe('Defense Minister');
    expect(first.querySelector('.quote-evidence')?.textContent).toBe(
      '“Mujahid said”before the quote',
    );
    expect(card(over.text).querySelector('.quote-speaker')?.textContent).toBe('No speaker found');

    const toggle = within(panel).getByRole('checkbox', { name: 'Show scare quotes (1)' });
    await user.click(toggle);
    expect(cards()).toHaveLength(4);
    expect(card('theatre').querySelector('.quote-badge')?.textContent).toBe('Scare quote');
    await user.click(toggle);
    expect(cards()).toHaveLength(3);
  });

  it('shows an accepted candidate dimmed, with the speaker its highlight credits and a link to it', async () => {
    const { user, card, props } = setup();
    const accepted = card(never.text);
    expect(accepted.querySelector('.quote-card')?.className).toContain('accepted');
    expect(accepted.querySelector('.quote-speaker')?.textContent).toBe('Ann Lee (corrected)');
    expect(within(accepted).queryByRole('button', { name: /^Accept:/ })).toBeNull();
    await user.click(within(accepted).getByRole('button', { name: 'Show highlight' }));
    expect(props.onOpenHighlight).toHaveBeenCalledWith('ann_1');
  });

  it('reveals, accepts, dismisses, and accepts all', async () => {
    const { user, panel, card, props } = setup();
    await user.click(card(ready.text).querySelector('.quote-card-main') as HTMLElement);
    expect(props.onSelect).toHaveBeenCalledWith(ready);
    await user.click(within(card(ready.text)).getByRole('button', { name: /^Accept:/ }));
    expect(props.onAccept).toHaveBeenCalledWith(ready);
    await user.click(within(card(over.text)).getByRole('button', { name: /^Dismiss:/ }));
    expect(props.onDismiss).toHaveBeenCalledWith(over);
    await user.click(within(panel).getByRole('button', { name: 'Accept all (2)' }));
    expect(props.onAcceptAll).toHaveBeenCalledOnce();
  });

  it('works from the keyboard on a card: arrows move, A accepts, D dismisses, review moves on', async () => {
    const { user, card, props } = setup();
    const mainOf = (text: string) =>
      card(text).querySelector<HTMLButtonElement>('.quote-card-main');
    mainOf(ready.text)!.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(mainOf(never.text));
    await user.keyboard('{ArrowUp}');
    // A accepts, and focus goes on to the next card; a held key does not accept twice.
    await user.keyboard('{a>3/}');
    expect(props.onAccept).toHaveBeenCalledTimes(1);
    expect(props.onAccept).toHaveBeenCalledWith(ready);
    expect(document.activeElement).toBe(mainOf(never.text));
    await user.keyboard('{ArrowDown}');
    await user.keyboard('d');
    expect(props.onDismiss).toHaveBeenCalledWith(over);
    // The last card: focus goes back to the one before it.
    expect(document.activeElement).toBe(mainOf(never.text));
  });

  it('keeps focus on a card when its editor closes, and on a card brought back', async () => {
    const { user, card, panel, props, view } = setup();
    await user.click(within(card(over.text)).getByRole('button', { name: /^Edit:/ }));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(card(over.text).querySelector('.quote-card-main'));
    // Restore: the card comes back with the next answer, and focus goes to it.
    await user.click(within(panel).getByRole('button', { name: 'Show 1 dismissed' }));
    await user.click(within(panel).getByRole('button', { name: /^Restore:/ }));
    expect(props.onRestore).toHaveBeenCalledWith([gone]);
    const restored = { ...gone, status: 'open' as const };
    view.rerender(
      <QuotePanel
        {...props}
        result={{ ...RESULT, suggestions: [ready, theatre, never, over, restored] }}
      />,
    );
    expect(document.activeElement).toBe(card('Critics').querySelector('.quote-card-main'));
    // The panel remembers the dismissed list open while the app runs: close it for the next test.
    view.rerender(<QuotePanel {...props} />);
    await user.click(within(panel).getByRole('button', { name: 'Hide 1 dismissed' }));
  });

  it('corrects the speaker and the span, then saves or accepts the correction', async () => {
    const from = TEXT.indexOf('ready to fight');
    const { user, card, props, view } = setup({
      selection: { start: from - 1, end: from + 'ready to fight'.length + 1 },
    });
    await user.click(within(card(ready.text)).getByRole('button', { name: /^Edit:/ }));
    const form = within(card(ready.text)).getByRole('group', { name: 'Correct the quote' });
    const speaker = within(form).getByRole('combobox', { name: 'Speaker' });
    expect(document.activeElement).toBe(speaker);
    // Known speakers are offered: the document's first, then the codebook's.
    const options = [...form.querySelectorAll('datalist option')].map((o) =>
      o.getAttribute('value'),
    );
    expect(options).toEqual(['Mohammad Yaqoob Mujahid', 'Ann Lee', 'Zakir Jalali']);
    await user.clear(speaker);
    await user.type(speaker, 'Zakir Jalali');
    // The finder's role went with the finder's speaker.
    expect((within(form).getByRole('textbox', { name: 'Role' }) as HTMLInputElement).value).toBe(
      '',
    );

    const preview = () => form.querySelector('.quote-span-preview')?.textContent;
    expect(preview()).toBe(ready.text);
    const marks = within(form).getByRole('checkbox', { name: 'Include quotation marks' });
    await user.click(marks);
    expect(preview()).toBe(`"${ready.text}"`);
    await user.click(within(form).getByRole('button', { name: 'Use current selection' }));
    expect(preview()).toBe('ready to fight');
    expect((marks as HTMLInputElement).checked).toBe(false);

    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const saved: QuoteDraft = {
      speaker: 'Zakir Jalali',
      role: null,
      start: from,
      end: from + 'ready to fight'.length,
    };
    expect(props.onSaveDraft).toHaveBeenCalledWith(ready, saved);

    // With the draft kept, the card shows it as edited, and its form accepts it.
    view.rerender(<QuotePanel {...props} drafts={new Map([[suggestionKey(ready), saved]])} />);
    const edited = card('ready to fight');
    expect(edited.querySelector('.quote-badge.edited')).toBeTruthy();
    expect(edited.querySelector('.quote-speaker')?.textContent).toBe('Zakir Jalali');
    await user.click(within(edited).getByRole('button', { name: /^Edit:/ }));
    await user.click(within(edited).getByRole('button', { name: /^Accept$/ }));
    expect(props.onAccept).toHaveBeenCalledWith(ready, saved);
  });

  it('cannot take a selection that is not there, and Escape cancels', async () => {
    const { user, card, props } = setup();
    await user.click(within(card(over.text)).getByRole('button', { name: /^Edit:/ }));
    const form = within(card(over.text)).getByRole('group', { name: 'Correct the quote' });
    expect(
      (within(form).getByRole('button', { name: 'Use current selection' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    await user.type(within(form).getByRole('combobox', { name: 'Speaker' }), 'X{Escape}');
    expect(within(card(over.text)).queryByRole('group')).toBeNull();
    expect(props.onSaveDraft).not.toHaveBeenCalled();
  });

  it('keeps dismissed candidates behind a toggle, to restore one or all', async () => {
    const { user, panel, props } = setup({
      result: {
        ...RESULT,
        suggestions: [...RESULT.suggestions, suggestion('call it', { status: 'dismissed' })],
      },
    });
    expect(within(panel).queryByRole('button', { name: /^Restore/ })).toBeNull();
    await user.click(within(panel).getByRole('button', { name: 'Show 2 dismissed' }));
    await user.click(within(panel).getByRole('button', { name: 'Restore: Critics' }));
    expect(props.onRestore).toHaveBeenCalledWith([gone]);
    await user.click(within(panel).getByRole('button', { name: 'Restore all' }));
    expect(props.onRestore).toHaveBeenLastCalledWith([
      gone,
      expect.objectContaining({ text: 'call it' }),
    ]);
    await user.click(within(panel).getByRole('button', { name: 'Hide 2 dismissed' }));
  });

  it('offers the two best candidates on an unsure card instead of a name, by click or by key', async () => {
    const unsure = suggestion('It is over.', {
      kind: 'partial',
      speaker: 'Ann Lee',
      unsure: true,
      confidence: 0.4,
      alternatives: ['Mohammad Yaqoob Mujahid'],
    });
    const org = suggestion('Never,', { speaker: 'Lee Holdings', speakerKind: 'organisation' });
    const { user, card, panel, props } = setup({
      result: { ...RESULT, suggestions: [ready, org, unsure] },
    });
    const item = card('It is over.');
    expect(item.querySelector('.quote-speaker')?.textContent).toBe('Speaker unsure');
    expect(item.querySelector('.quote-badge.partial')?.textContent).toBe('Partial quote');
    const main = item.querySelector('.quote-card-main') as HTMLElement;
    expect(main.getAttribute('aria-label')).toContain(
      'speaker unsure: Ann Lee or Mohammad Yaqoob Mujahid',
    );
    const choices = within(item).getByRole('group', { name: 'Who said it?' });
    expect(
      within(choices)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Ann Lee', 'Mohammad Yaqoob Mujahid']);
    // Accept all leaves it for a decision; the summary says so.
    expect(within(panel).getByRole('button', { name: 'Accept all (2)' })).toBeTruthy();
    expect(within(panel).getByText(/1 speaker unsure/)).toBeTruthy();

    await user.click(within(choices).getByRole('button', { name: 'Mohammad Yaqoob Mujahid' }));
    expect(props.onSaveDraft).toHaveBeenLastCalledWith(
      unsure,
      expect.objectContaining({ speaker: 'Mohammad Yaqoob Mujahid', role: null }),
    );
    main.focus();
    await user.keyboard('1');
    expect(props.onSaveDraft).toHaveBeenLastCalledWith(
      unsure,
      expect.objectContaining({ speaker: 'Ann Lee' }),
    );
    // An organisation is drawn as one; its card asserts its name.
    expect(card('Never,').querySelector('.quote-speaker')?.textContent).toBe('Lee Holdings');
  });

  it('shows a chosen candidate as the speaker, marked as chosen', () => {
    const unsure = suggestion('It is over.', {
      speaker: 'Ann Lee',
      unsure: true,
      alternatives: ['Zakir Jalali'],
    });
    const { card } = setup({
      result: { ...RESULT, suggestions: [unsure] },
      drafts: new Map([
        [
          suggestionKey(unsure),
          { speaker: 'Zakir Jalali', role: null, start: unsure.start, end: unsure.end },
        ],
      ]),
    });
    const item = card('It is over.');
    expect(item.querySelector('.quote-speaker')?.textContent).toBe('Zakir Jalali');
    expect(item.querySelector('.quote-badge.edited')?.textContent).toBe('Speaker chosen');
    // The candidates stay, the chosen one pressed, so the other can be chosen instead.
    const choices = within(item).getByRole('group', { name: 'Who said it?' });
    expect(
      within(choices).getByRole('button', { name: 'Zakir Jalali' }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(
      within(choices).getByRole('button', { name: 'Ann Lee' }).getAttribute('aria-pressed'),
    ).toBe('false');
    // Two candidates: the card's keys 1 and 2 choose them.
    expect(item.querySelector('.quote-card-main')?.getAttribute('aria-keyshortcuts')).toBe(
      'A E D 1 2',
    );
  });
});
