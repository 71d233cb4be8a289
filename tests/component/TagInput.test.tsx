import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TagInput } from '../../renderer/src/ui/TagInput.tsx';
import { tagSchema } from '../../shared/model.ts';
import { makeTag } from './fixtures.ts';

const method = makeTag('tag_1', 'method', 'green');
const methodology = makeTag('tag_2', 'methodology', 'pink');
const history = makeTag('tag_3', 'history/science', 'purple');
const questions = makeTag('tag_4', 'open questions', 'orange');
const allTags = [method, methodology, history, questions];

function setup(selectedIds: string[] = [], tags = allTags) {
  const onAdd = vi.fn();
  const onCreate = vi.fn();
  const onRemove = vi.fn();
  const onParentKeyDown = vi.fn();
  const user = userEvent.setup();
  render(
    // biome-ignore lint/a11y/noStaticElementInteractions: stands in for the editor dialog that Escape must not reach.
    <div onKeyDown={onParentKeyDown}>
      <TagInput
        allTags={tags}
        selectedIds={selectedIds}
        onAdd={onAdd}
        onCreate={onCreate}
        onRemove={onRemove}
      />
      <button type="button">elsewhere</button>
    </div>,
  );
  const input = screen.getByRole('combobox', { name: 'Add a tag' }) as HTMLInputElement;
  return { user, input, onAdd, onCreate, onRemove, onParentKeyDown };
}

const optionTexts = () => screen.getAllByRole('option').map((o) => o.textContent);
const activeOption = () =>
  screen.getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');

describe('TagInput', () => {
  it('uses fixtures that satisfy the tag schema', () => {
    for (const tag of allTags) expect(tagSchema.parse(tag)).toEqual(tag);
  });

  it('shows a chip per selected tag in the given order and skips unknown ids', () => {
    const { input } = setup(['tag_3', 'missing', 'tag_1']);
    const chips = screen.getByRole('list', { name: 'Tags' });
    const items = Array.from(chips.querySelectorAll('li'));
    expect(items.map((li) => li.querySelector('span')?.textContent)).toEqual([
      'history/science',
      'method',
    ]);
    expect(items[0]!.className).toContain('chip-purple');
    expect(screen.getByRole('button', { name: 'Remove tag method' })).toBeTruthy();
    expect(input.placeholder).toBe('Add another tag…');
  });

  it('has an empty-state placeholder and a closed list before focus', () => {
    const { input } = setup();
    expect(input.placeholder).toBe('Add a tag…');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('opens the list of unselected tags, sorted by name, on focus', async () => {
    const { user, input } = setup(['tag_2']);
    await user.click(input);
    const listbox = screen.getByRole('listbox', { name: 'Tag suggestions' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    expect(optionTexts()).toEqual(['history/science', 'method', 'open questions']);
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
  });

  it('filters by path segment or word and offers to create the typed name first', async () => {
    const { user, input } = setup();
    await user.type(input, 'sci');
    expect(optionTexts()).toEqual(['Create tag “sci”', 'history/science']);
    expect(activeOption()?.textContent).toBe('Create tag “sci”');
    expect(input.getAttribute('aria-activedescendant')).toBe(activeOption()!.id);
    await user.clear(input);
    await user.type(input, 'quest');
    expect(optionTexts()).toEqual(['Create tag “quest”', 'open questions']);
    expect(activeOption()?.textContent).toBe('Create tag “quest”');
  });

  it('moves the active option with the arrow keys, wrapping, and Enter picks it', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, 'meth');
    expect(optionTexts()).toEqual(['Create tag “meth”', 'method', 'methodology']);
    expect(activeOption()?.textContent).toBe('Create tag “meth”');

    await user.keyboard('{ArrowDown}');
    expect(activeOption()?.textContent).toBe('method');
    expect(input.getAttribute('aria-activedescendant')).toBe(activeOption()!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(activeOption()?.textContent).toBe('Create tag “meth”'); // wrapped past the last tag
    await user.keyboard('{ArrowUp}');
    expect(activeOption()?.textContent).toBe('methodology'); // and back the other way
    expect(input.getAttribute('aria-activedescendant')).toBe(activeOption()!.id);

    await user.keyboard('{Enter}');
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd).toHaveBeenCalledWith(methodology);
    expect(onCreate).not.toHaveBeenCalled();
    expect(input.value).toBe('');
    expect(document.activeElement).toBe(input);
  });

  it('Enter on an exact name (any case) adds that tag instead of creating a duplicate', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, 'METHOD');
    expect(optionTexts()).toEqual(['method', 'methodology']); // no create option
    expect(activeOption()?.textContent).toBe('method');
    await user.keyboard('{Enter}');
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd).toHaveBeenCalledWith(method);
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('Enter creates the typed name rather than a longer tag that starts with it', async () => {
    const warlords = makeTag('tag_5', 'warlords', 'yellow');
    const { user, input, onAdd, onCreate } = setup([], [...allTags, warlords]);
    await user.type(input, 'war');
    expect(optionTexts()).toEqual(['Create tag “war”', 'warlords']);
    expect(activeOption()?.textContent).toBe('Create tag “war”');
    await user.keyboard('{Enter}');
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onCreate).toHaveBeenCalledWith('war');
    expect(onAdd).not.toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('a longer tag that starts with the typed text is picked only by arrowing to it', async () => {
    const warlords = makeTag('tag_5', 'warlords', 'yellow');
    const { user, input, onAdd, onCreate } = setup([], [...allTags, warlords]);
    await user.type(input, 'war{ArrowDown}');
    expect(activeOption()?.textContent).toBe('warlords');
    await user.keyboard('{Enter}');
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd).toHaveBeenCalledWith(warlords);
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('typing again after arrowing puts the highlight back on the first option', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, 'met');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(activeOption()?.textContent).toBe('methodology');
    await user.type(input, 'h');
    expect(activeOption()?.textContent).toBe('Create tag “meth”');
    await user.keyboard('{Enter}');
    expect(onCreate).toHaveBeenCalledWith('meth');
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('Enter creates a new tag with the tidied name', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, '  new   idea /  sub ');
    expect(optionTexts()).toEqual(['Create tag “new idea/sub”']);
    await user.keyboard('{Enter}');
    expect(onCreate).toHaveBeenCalledWith('new idea/sub');
    expect(onAdd).not.toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('the create option can be picked with the arrow keys when suggestions match too', async () => {
    const { user, input, onCreate, onAdd } = setup();
    await user.type(input, 'hist');
    expect(optionTexts()).toEqual(['Create tag “hist”', 'history/science']);
    await user.keyboard('{ArrowDown}');
    expect(activeOption()?.textContent).toBe('history/science');
    await user.keyboard('{ArrowDown}'); // wraps back to the create option
    expect(activeOption()?.textContent).toBe('Create tag “hist”');
    await user.keyboard('{Enter}');
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onCreate).toHaveBeenCalledWith('hist');
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('picks an option with the mouse, keeps focus in the input and closes the list', async () => {
    const { user, input, onAdd } = setup();
    await user.click(input);
    await user.click(screen.getByRole('option', { name: 'open questions' }));
    expect(onAdd).toHaveBeenCalledWith(questions);
    expect(document.activeElement).toBe(input);
    // Closed, so it does not cover what lies below; typing opens it again.
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('o');
    expect(screen.getByRole('listbox')).toBeTruthy();
  });

  it('Enter in the empty input does nothing', async () => {
    const { user, input, onAdd, onCreate, onRemove } = setup(['tag_1']);
    await user.click(input);
    await user.keyboard('{Enter}');
    expect(onAdd).not.toHaveBeenCalled();
    expect(onCreate).not.toHaveBeenCalled();
    expect(onRemove).not.toHaveBeenCalled();
  });

  it('does not suggest chosen tags; an exact chosen name with nothing else to offer just clears', async () => {
    const { user, input, onAdd, onCreate } = setup(['tag_3']);
    await user.type(input, 'History/Science');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Enter}');
    expect(onAdd).not.toHaveBeenCalled();
    expect(onCreate).not.toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('Enter on the exact name of a chosen tag just clears, even with longer names on offer', async () => {
    const { user, input, onAdd, onCreate } = setup(['tag_1']);
    await user.type(input, 'Method');
    expect(optionTexts()).toEqual(['methodology']); // no create option: the name exists
    expect(activeOption()?.textContent).toBe('methodology');
    await user.keyboard('{Enter}');
    expect(onAdd).not.toHaveBeenCalled();
    expect(onCreate).not.toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('Backspace in the empty input removes the last chip, but not while text is typed', async () => {
    const { user, input, onRemove } = setup(['tag_1', 'tag_4']);
    await user.type(input, 'ab');
    await user.keyboard('{Backspace}');
    expect(onRemove).not.toHaveBeenCalled();
    expect(input.value).toBe('a');
    await user.keyboard('{Backspace}');
    expect(onRemove).not.toHaveBeenCalled();
    expect(input.value).toBe('');
    await user.keyboard('{Backspace}');
    expect(onRemove).toHaveBeenCalledTimes(1);
    expect(onRemove).toHaveBeenCalledWith('tag_4');
  });

  it('Backspace with no chips calls nothing', async () => {
    const { user, input, onRemove } = setup();
    await user.click(input);
    await user.keyboard('{Backspace}');
    expect(onRemove).not.toHaveBeenCalled();
  });

  it('the chip button removes that tag', async () => {
    const { user, onRemove } = setup(['tag_1', 'tag_4']);
    await user.click(screen.getByRole('button', { name: 'Remove tag method' }));
    expect(onRemove).toHaveBeenCalledWith('tag_1');
  });

  it('Escape closes an open list without reaching the parent; the next Escape does', async () => {
    const { user, input, onParentKeyDown } = setup();
    await user.type(input, 'meth');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(input.value).toBe('meth');
    expect(onParentKeyDown.mock.calls.filter(([e]) => e.key === 'Escape')).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(onParentKeyDown.mock.calls.filter(([e]) => e.key === 'Escape')).toHaveLength(1);
  });

  it('with the list closed, Enter creates the typed name, not a suggestion', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, 'hist');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Enter}');
    expect(onCreate).toHaveBeenCalledTimes(1);
    expect(onCreate).toHaveBeenCalledWith('hist');
    expect(onAdd).not.toHaveBeenCalled();
    expect(input.value).toBe('');
  });

  it('with the list closed, Enter on an existing name (any case) picks that tag', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, 'History/Science');
    await user.keyboard('{Escape}{Enter}');
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd).toHaveBeenCalledWith(history);
    expect(onCreate).not.toHaveBeenCalled();
  });

  it('with the list closed, Enter ignores an option arrowed to before closing', async () => {
    const { user, input, onAdd, onCreate } = setup();
    await user.type(input, 'meth');
    await user.keyboard('{ArrowDown}{Escape}{Enter}');
    expect(onCreate).toHaveBeenCalledWith('meth');
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('ArrowDown reopens a closed list at its first option', async () => {
    const { user, input } = setup();
    await user.type(input, 'meth');
    await user.keyboard('{ArrowDown}');
    expect(activeOption()?.textContent).toBe('method');
    await user.keyboard('{Escape}{ArrowDown}');
    expect(screen.getByRole('listbox')).toBeTruthy();
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(activeOption()?.textContent).toBe('Create tag “meth”');
    expect(input.getAttribute('aria-activedescendant')).toBe(activeOption()!.id);
  });

  it('closes the list when focus leaves', async () => {
    const { user, input } = setup();
    await user.click(input);
    expect(screen.getByRole('listbox')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });
});
