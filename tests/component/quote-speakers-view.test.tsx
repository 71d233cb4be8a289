import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppServices, AppServicesContext } from '../../renderer/src/app-services.ts';
import { SpeakersView } from '../../renderer/src/speakers/SpeakersView.tsx';
import type { NotebookEvent, SpeakerSummary } from '../../shared/contract.ts';

const quote = (id: string, documentId: string, documentTitle: string, start: number) => ({
  annotationId: id,
  documentId,
  documentTitle,
  exact: `Quote ${id}`,
  start,
});

const MUJAHID: SpeakerSummary = {
  tagId: 'tag_m',
  name: 'Mohammad Yaqoob Mujahid',
  role: 'Defense Minister',
  documentCount: 2,
  quotes: [
    quote('ann_1', 'doc_b', 'Bagram', 40),
    quote('ann_2', 'doc_k', 'Kabul', 10),
    quote('ann_3', 'doc_b', 'Bagram', 5),
  ],
};
const TRUMP: SpeakerSummary = {
  tagId: 'tag_t',
  name: 'Donald Trump',
  role: 'U.S. President',
  documentCount: 1,
  quotes: [quote('ann_4', 'doc_b', 'Bagram', 90)],
};

/** A notebook that answers listSpeakers from `answers`, in turn, and can send events. */
function stubNotebook(answers: SpeakerSummary[][]) {
  const listeners = new Set<(event: NotebookEvent) => void>();
  const listSpeakers = vi.fn(async () => ({ ok: true, value: answers.shift() ?? [] }));
  window.notebook = {
    listSpeakers,
    onEvent: (listener: (event: NotebookEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as typeof window.notebook;
  const emit = (event: NotebookEvent) => {
    for (const listener of listeners) listener(event);
  };
  return { listSpeakers, emit };
}

function renderView() {
  const services = {
    onError: vi.fn(),
    openQuote: vi.fn(),
    navigate: vi.fn(),
  } as unknown as AppServices;
  render(
    <AppServicesContext.Provider value={services}>
      <SpeakersView />
    </AppServicesContext.Provider>,
  );
  return { services, user: userEvent.setup() };
}

afterEach(() => {
  Reflect.deleteProperty(window, 'notebook');
});

describe('SpeakersView', () => {
  it('explains the quote finder while nobody is quoted', async () => {
    stubNotebook([[]]);
    const { services, user } = renderView();
    expect(await screen.findByText('No speakers yet')).toBeTruthy();
    expect(screen.getByText(/Find quotes/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Go to the Reader' }));
    expect(services.navigate).toHaveBeenCalledWith('reader');
  });

  it('lists speakers with role and counts, and the chosen one’s quotes by document', async () => {
    stubNotebook([[MUJAHID, TRUMP]]);
    const { services, user } = renderView();
    const list = await screen.findByRole('navigation', { name: 'Speakers list' });
    const rows = within(list).getAllByRole('button');
    expect(rows.map((r) => r.textContent)).toEqual([
      'MMMohammad Yaqoob MujahidDefense Minister3 quotes · 2 documents',
      'DTDonald TrumpU.S. President1 quote · 1 document',
    ]);
    // The first is chosen until another is.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Mohammad Yaqoob Mujahid');
    const groups = screen.getAllByRole('region', { name: /^Quotes in/ });
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual([
      'Quotes in Bagram',
      'Quotes in Kabul',
    ]);
    expect(
      within(groups[0]!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Quote ann_3', 'Quote ann_1']);
    await user.click(within(groups[1]!).getByRole('button'));
    expect(services.openQuote).toHaveBeenCalledWith('ann_2');

    await user.click(rows[1]!);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Donald Trump');
    expect(rows[1]!.getAttribute('aria-current')).toBe('true');
    // Arrow keys move through the list.
    rows[1]!.focus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Mohammad Yaqoob Mujahid');

    await user.type(screen.getByRole('searchbox', { name: 'Filter speakers' }), 'president');
    expect(within(list).getAllByRole('button')).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Donald Trump');
    await user.clear(screen.getByRole('searchbox', { name: 'Filter speakers' }));
  });

  it('reloads when highlights or tags change', async () => {
    const { listSpeakers, emit } = stubNotebook([
      [TRUMP],
      [TRUMP, { ...MUJAHID, tagId: 'tag_new' }],
    ]);
    renderView();
    const list = await screen.findByRole('navigation', { name: 'Speakers list' });
    expect(within(list).getAllByRole('button')).toHaveLength(1);
    await act(async () => emit({ type: 'changed', entities: ['notes'] }));
    expect(listSpeakers).toHaveBeenCalledTimes(1);
    await act(async () => emit({ type: 'changed', entities: ['annotations', 'tags'] }));
    expect(listSpeakers).toHaveBeenCalledTimes(2);
    expect(await within(list).findByText('Mohammad Yaqoob Mujahid')).toBeTruthy();
  });
});
