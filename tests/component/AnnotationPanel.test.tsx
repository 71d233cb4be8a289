import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationPanel } from '../../renderer/src/annotations/AnnotationPanel.tsx';
import { type Annotation, annotationSchema } from '../../shared/model.ts';
import { makeAnnotation, makeTag, withPanelLayout } from './fixtures.ts';

// The panel's cards are a virtual list: give it a box to lay them out in.
let restoreLayout = () => {};
beforeEach(() => {
  restoreLayout = withPanelLayout();
});
afterEach(() => restoreLayout());

const tags = [makeTag('tag_1', 'method', 'green'), makeTag('tag_2', 'open questions', 'orange')];
// Deliberately not in position order: the panel shows them in the order it is given.
const annotations: Annotation[] = [
  makeAnnotation('ann_2', 'second passage', { start: 40, color: 'blue', tagIds: ['tag_2'] }),
  makeAnnotation('ann_1', 'first passage', {
    start: 5,
    tagIds: ['tag_1', 'tag_gone', 'tag_2'],
    comment: 'Check the source.',
  }),
  makeAnnotation('ann_3', 'third passage', { start: 90, color: 'pink' }),
];

function setup(list: readonly Annotation[] = annotations, activeId: string | null = null) {
  const onOpen = vi.fn();
  const onDelete = vi.fn();
  const user = userEvent.setup();
  render(
    <AnnotationPanel
      annotations={list}
      tags={tags}
      activeId={activeId}
      onOpen={onOpen}
      onDelete={onDelete}
    />,
  );
  const panel = screen.getByRole('complementary', { name: 'Highlights in this document' });
  return { user, onOpen, onDelete, panel };
}

const cards = () => within(screen.getByRole('list')).getAllByRole('button');

describe('AnnotationPanel', () => {
  it('draws only the cards in view of 2,000 highlights', async () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      makeAnnotation(`ann_${i}`, `passage ${i}`, { start: i * 20 }),
    );
    const { user, panel } = setup(many);
    expect(panel.querySelector('.count')?.textContent).toBe('2000');
    // A 4,000-pixel panel of 90-pixel cards: a screenful and a few more, not 2,000.
    const drawn = cards().length;
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(80);
    // The arrow keys move through the drawn cards (past them, the browser's scrolling draws
    // the next: the end-to-end test of the panel checks that in Chromium).
    (cards()[0] as HTMLElement).focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toContain('passage 2');
  });

  it('uses fixtures that satisfy the annotation schema', () => {
    for (const a of annotations) expect(annotationSchema.parse(a)).toEqual(a);
  });

  it('shows the empty state with no highlights', () => {
    const { panel } = setup([]);
    expect(within(panel).getByRole('heading', { name: 'Highlights' })).toBeTruthy();
    expect(within(panel).getByText('No highlights yet')).toBeTruthy();
    expect(panel.querySelector('.count')?.textContent).toBe('0');
    expect(within(panel).queryByRole('list')).toBeNull();
    expect(within(panel).queryAllByRole('button')).toHaveLength(0);
  });

  it('lists one card per highlight in the given order with its colour and quote', () => {
    const { panel } = setup();
    expect(within(panel).queryByText('No highlights yet')).toBeNull();
    expect(panel.querySelector('.count')?.textContent).toBe('3');
    // Named by their content: the colour (visually hidden), then the quote and the rest.
    expect(cards().map((c) => c.textContent)).toEqual([
      'Blue highlight: second passageopen questions',
      'Yellow highlight: first passagemethodopen questionsCheck the source.',
      'Pink highlight: third passage',
    ]);
    expect(cards().map((c) => c.querySelector('q')?.textContent)).toEqual([
      'second passage',
      'first passage',
      'third passage',
    ]);
  });

  it("shows a card's known tags and its comment", () => {
    setup();
    const [second, first, third] = cards();
    const chipNames = (card: HTMLElement) =>
      Array.from(card.querySelectorAll('.chip')).map((c) => c.textContent);
    expect(chipNames(first!)).toEqual(['method', 'open questions']);
    expect(first!.querySelector('.chip-green')?.textContent).toBe('method');
    expect(first!.querySelector('.card-comment')?.textContent).toBe('Check the source.');
    expect(chipNames(second!)).toEqual(['open questions']);
    expect(second!.querySelector('.card-comment')).toBeNull();
    expect(third!.querySelector('.card-tags')).toBeNull();
  });

  it('marks only the active card as current', () => {
    setup(annotations, 'ann_1');
    expect(cards().map((c) => c.getAttribute('aria-current'))).toEqual([null, 'true', null]);
    expect(cards()[1]!.className).toContain('active');
    expect(cards()[0]!.className).not.toContain('active');
  });

  it('a click or Enter opens that highlight', async () => {
    const { user, onOpen, onDelete } = setup();
    await user.click(screen.getByRole('button', { name: /^Yellow highlight: first passage/ }));
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenLastCalledWith(annotations[1]);
    cards()[2]!.focus();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(onOpen).toHaveBeenLastCalledWith(annotations[2]);
    expect(onDelete).not.toHaveBeenCalled();
  });

  it('Delete or Backspace on a card deletes that highlight without opening it', async () => {
    const { user, onOpen, onDelete } = setup();
    cards()[0]!.focus();
    await user.keyboard('{Delete}');
    expect(onDelete).toHaveBeenCalledTimes(1);
    expect(onDelete).toHaveBeenLastCalledWith(annotations[0]);
    cards()[2]!.focus();
    await user.keyboard('{Backspace}');
    expect(onDelete).toHaveBeenCalledTimes(2);
    expect(onDelete).toHaveBeenLastCalledWith(annotations[2]);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('ArrowDown and ArrowUp move focus between cards and stop at the ends', async () => {
    const { user, onOpen } = setup();
    const [a, b, c] = cards();
    a!.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(b);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(c);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(c);
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(a);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(a);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('Tab moves through every card', async () => {
    const { user } = setup();
    await user.tab();
    expect(document.activeElement).toBe(cards()[0]);
    await user.tab();
    expect(document.activeElement).toBe(cards()[1]);
  });
});
