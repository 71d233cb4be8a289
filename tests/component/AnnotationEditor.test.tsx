import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, type Mock, vi } from 'vitest';
import {
  AnnotationEditor,
  type AnnotationEditorActions,
  type EditorFocus,
} from '../../renderer/src/reader/AnnotationEditor.tsx';
import type { Annotation } from '../../shared/model.ts';
import { makeAnnotation, makeTag } from './fixtures.ts';

const tags = [makeTag('tag_1', 'method', 'green'), makeTag('tag_2', 'open questions', 'orange')];
const outer = makeAnnotation('ann_1', 'the whole sentence here', { start: 0, color: 'blue' });
const inner = makeAnnotation('ann_2', 'sentence', {
  start: 10,
  tagIds: ['tag_1'],
  comment: 'Earlier note',
});
const third = makeAnnotation('ann_3', 'whole', { start: 4, color: 'pink' });

type MockActions = { [K in keyof AnnotationEditorActions]: Mock<AnnotationEditorActions[K]> };

function mockActions(): MockActions {
  return {
    onColor: vi.fn(),
    onAddTag: vi.fn(),
    onCreateTag: vi.fn(),
    onRemoveTag: vi.fn(),
    // Resolves at once, like a save that is stored; tests that need control swap it for `deferred`.
    onComment: vi.fn<AnnotationEditorActions['onComment']>(async () => {}),
    onDelete: vi.fn(),
    onClose: vi.fn(),
    onSwitch: vi.fn(),
  };
}

function setup({
  annotation = inner,
  overlapping = [annotation],
  focus = 'dialog',
  fakeTimers = false,
}: {
  annotation?: Annotation;
  overlapping?: readonly Annotation[];
  focus?: EditorFocus;
  fakeTimers?: boolean;
} = {}) {
  // shouldAdvanceTime: Testing Library's async wrapper waits on a real setTimeout(0), which
  // never fires under fully frozen (non-Jest) fake timers. The checks below leave a wide margin
  // for the little real time that passes meanwhile.
  if (fakeTimers) vi.useFakeTimers({ shouldAdvanceTime: true });
  const user = userEvent.setup(fakeTimers ? { advanceTimers: vi.advanceTimersByTime } : {});
  const actions = mockActions();
  const view = render(
    <AnnotationEditor
      annotation={annotation}
      overlapping={overlapping}
      tags={tags}
      focus={focus}
      position={{ top: 120, left: 48 }}
      actions={actions}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Edit highlight' });
  const comment = dialog.querySelector('textarea') as HTMLTextAreaElement;
  return { user, actions, dialog, comment, view };
}

/** Like the app: closing the editor unmounts it, before any saved comment comes back as a prop. */
function ClosingParent({ actions }: { actions: MockActions }) {
  const [open, setOpen] = useState(true);
  return open ? (
    <AnnotationEditor
      annotation={outer}
      overlapping={[outer]}
      tags={tags}
      focus="comment"
      position={{ top: 0, left: 0 }}
      actions={{ ...actions, onClose: () => setOpen(false) }}
    />
  ) : null;
}

const saveState = () => document.querySelector('.save-state')?.textContent;
const saveStateClass = () => document.querySelector('.save-state')?.className;

/** A promise the test settles itself, for a save that is still on its way. */
function deferred() {
  let resolve!: () => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let settled save promises call back and React re-render. */
const settle = () => act(async () => {});

describe('AnnotationEditor', () => {
  it('shows the quote, colour, tags and comment of the highlight at its position', () => {
    const { dialog, comment } = setup();
    expect(dialog.querySelector('blockquote')?.textContent).toBe('sentence');
    expect(dialog.style.top).toBe('120px');
    expect(dialog.style.left).toBe('48px');
    const pressed = screen
      .getAllByRole('button')
      .filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((b) => b.getAttribute('aria-label'))).toEqual(['Yellow']);
    expect(screen.getByRole('button', { name: 'Remove tag method' })).toBeTruthy();
    expect(comment.value).toBe('Earlier note');
    expect(comment.placeholder).toBe('Comment (Markdown)…');
    expect(saveState()).toBe('Saved');
    expect(screen.queryByText(/ of /)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Next overlapping highlight' })).toBeNull();
  });

  it.each([
    ['dialog', () => screen.getByRole('dialog')],
    ['comment', () => document.querySelector('textarea')],
    ['tag', () => screen.getByRole('combobox', { name: 'Add a tag' })],
  ] as const)('focus="%s" puts focus there on open', (focus, target) => {
    setup({ focus });
    expect(document.activeElement).toBe(target());
  });

  it('a swatch click reports the colour', async () => {
    const { user, actions } = setup();
    await user.click(screen.getByRole('button', { name: 'Purple' }));
    expect(actions.onColor).toHaveBeenCalledWith('purple');
  });

  it('tag actions go through: add, create, remove', async () => {
    const { user, actions } = setup({ focus: 'tag' });
    // Enter takes the typed name; a longer existing tag needs an arrow key first.
    await user.keyboard('open{ArrowDown}{Enter}');
    expect(actions.onAddTag).toHaveBeenCalledTimes(1);
    expect(actions.onAddTag).toHaveBeenCalledWith(tags[1]);
    expect(actions.onCreateTag).not.toHaveBeenCalled();
    await user.keyboard('open{Enter}');
    expect(actions.onCreateTag).toHaveBeenCalledWith('open');
    await user.keyboard('brand new{Enter}');
    expect(actions.onCreateTag).toHaveBeenLastCalledWith('brand new');
    expect(actions.onCreateTag).toHaveBeenCalledTimes(2);
    expect(actions.onAddTag).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Remove tag method' }));
    expect(actions.onRemoveTag).toHaveBeenCalledWith('tag_1');
    expect(actions.onClose).not.toHaveBeenCalled();
  });

  it('autosaves the comment 500 ms after typing stops, once', async () => {
    const { user, actions } = setup({ annotation: outer, focus: 'comment', fakeTimers: true });
    await user.keyboard('Wor');
    expect(saveState()).toBe('Editing…');
    act(() => vi.advanceTimersByTime(300));
    await user.keyboard('th');
    act(() => vi.advanceTimersByTime(300));
    expect(actions.onComment).not.toHaveBeenCalled(); // the timer restarts on every keystroke
    expect(saveState()).toBe('Editing…');
    await act(async () => vi.advanceTimersByTime(250));
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onComment).toHaveBeenCalledWith('Worth');
    expect(saveState()).toBe('Saved');
    await act(async () => vi.advanceTimersByTime(2000));
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onClose).not.toHaveBeenCalled();
  });

  it('saves the comment at once when the box loses focus', async () => {
    const { user, actions, comment } = setup({ focus: 'comment', fakeTimers: true });
    await user.keyboard(' and more');
    await user.tab();
    await settle();
    expect(document.activeElement).not.toBe(comment);
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onComment).toHaveBeenCalledWith('Earlier note and more');
    expect(saveState()).toBe('Saved');
    await act(async () => vi.advanceTimersByTime(1000));
    expect(actions.onComment).toHaveBeenCalledTimes(1); // the pending timer was cancelled
  });

  it('does not save an unchanged comment', async () => {
    const { user, actions } = setup({ focus: 'comment' });
    await user.tab();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(actions.onComment).not.toHaveBeenCalled();
    expect(actions.onClose).toHaveBeenCalledTimes(1);
  });

  it('Escape in the comment saves, then closes', async () => {
    const { user, actions } = setup({ annotation: outer, focus: 'comment' });
    await user.keyboard('Key point{Escape}');
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onComment).toHaveBeenCalledWith('Key point');
    expect(actions.onClose).toHaveBeenCalledTimes(1);
    expect(actions.onComment.mock.invocationCallOrder[0]!).toBeLessThan(
      actions.onClose.mock.invocationCallOrder[0]!,
    );
  });

  it.each(['Control', 'Meta'])(
    '%s+Enter saves and closes without adding a line break',
    async (modifier) => {
      const { user, actions, comment } = setup({ annotation: outer, focus: 'comment' });
      await user.keyboard(`Done here{${modifier}>}{Enter}{/${modifier}}`);
      expect(comment.value).toBe('Done here');
      expect(actions.onComment).toHaveBeenCalledTimes(1);
      expect(actions.onComment).toHaveBeenCalledWith('Done here');
      expect(actions.onClose).toHaveBeenCalledTimes(1);
    },
  );

  it('Done saves typed text once, then closes', async () => {
    const { user, actions } = setup({ annotation: outer, focus: 'comment' });
    await user.keyboard('Last words');
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onComment).toHaveBeenCalledWith('Last words');
    expect(actions.onClose).toHaveBeenCalledTimes(1);
    expect(actions.onComment.mock.invocationCallOrder[0]!).toBeLessThan(
      actions.onClose.mock.invocationCallOrder[0]!,
    );
  });

  it('plain Enter in the comment is a line break, not a close', async () => {
    const { user, actions, comment } = setup({ annotation: outer, focus: 'comment' });
    await user.keyboard('a{Enter}b');
    expect(comment.value).toBe('a\nb');
    expect(actions.onClose).not.toHaveBeenCalled();
  });

  it('Escape from the dialog itself closes it', async () => {
    const { user, actions } = setup({ focus: 'dialog' });
    await user.keyboard('{Escape}');
    expect(actions.onClose).toHaveBeenCalledTimes(1);
    expect(actions.onComment).not.toHaveBeenCalled();
  });

  it('Escape in the tag box first closes its list, then the editor', async () => {
    const { user, actions } = setup({ focus: 'tag' });
    expect(screen.getByRole('listbox')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(actions.onClose).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(actions.onClose).toHaveBeenCalledTimes(1);
  });

  it('Delete deletes and Done closes', async () => {
    const { user, actions } = setup();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(actions.onDelete).toHaveBeenCalledTimes(1);
    expect(actions.onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(actions.onClose).toHaveBeenCalledTimes(1);
  });

  it('saves typed text that has not been saved yet when it is unmounted', async () => {
    const { user, actions, view } = setup({
      annotation: outer,
      focus: 'comment',
      fakeTimers: true,
    });
    await user.keyboard('unsaved');
    expect(actions.onComment).not.toHaveBeenCalled();
    view.unmount();
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onComment).toHaveBeenCalledWith('unsaved');
    await act(async () => vi.advanceTimersByTime(1000)); // no timer left to save it again
    expect(actions.onComment).toHaveBeenCalledTimes(1);
  });

  it("limits the comment to the contract's 100 000 characters", () => {
    const { comment } = setup();
    expect(comment.maxLength).toBe(100_000);
  });

  it('shows "Saving…" while the save is on its way and "Saved" once it is stored', async () => {
    const { user, actions } = setup({ annotation: outer, focus: 'comment' });
    const save = deferred();
    actions.onComment.mockReturnValueOnce(save.promise);
    await user.keyboard('Pending');
    expect(saveState()).toBe('Editing…');
    await user.tab();
    await settle();
    expect(actions.onComment).toHaveBeenCalledWith('Pending');
    expect(saveState()).toBe('Saving…');
    expect(saveStateClass()).toContain('save-saving');
    await act(async () => save.resolve());
    expect(saveState()).toBe('Saved');
    expect(saveStateClass()).toContain('save-saved');
    expect(actions.onComment).toHaveBeenCalledTimes(1);
  });

  it('does not claim "Saved" when newer text was typed while a save was on its way', async () => {
    const { user, actions, comment } = setup({ annotation: outer, focus: 'comment' });
    const first = deferred();
    actions.onComment.mockReturnValueOnce(first.promise);
    await user.keyboard('One');
    await user.tab();
    expect(saveState()).toBe('Saving…');
    await user.click(comment);
    await user.keyboard(' two');
    expect(saveState()).toBe('Editing…');
    await act(async () => first.resolve());
    expect(saveState()).toBe('Editing…'); // " two" is not stored yet
    await user.tab();
    await settle();
    expect(actions.onComment).toHaveBeenCalledTimes(2);
    expect(actions.onComment).toHaveBeenLastCalledWith('One two');
    expect(saveState()).toBe('Saved');
  });

  it('says why a save failed and retries the same text on the next blur', async () => {
    const { user, actions, comment } = setup({ annotation: outer, focus: 'comment' });
    const first = deferred();
    const second = deferred();
    actions.onComment.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    await user.keyboard('Keep me');
    await user.tab();
    await act(async () => first.reject(new Error('disk full')));
    expect(saveState()).toBe('Not saved: disk full');
    expect(saveStateClass()).toContain('save-failed');
    expect(actions.onComment).toHaveBeenCalledTimes(1);

    await user.click(comment);
    await user.tab();
    expect(actions.onComment).toHaveBeenCalledTimes(2);
    expect(actions.onComment).toHaveBeenLastCalledWith('Keep me');
    expect(saveState()).toBe('Saving…');
    await act(async () => second.resolve());
    expect(saveState()).toBe('Saved');
    expect(saveStateClass()).not.toContain('save-failed');

    // Stored now: another blur sends nothing.
    await user.click(comment);
    await user.tab();
    expect(actions.onComment).toHaveBeenCalledTimes(2);
  });

  it('a failed save is retried when typing pauses again, with the new text', async () => {
    const { user, actions } = setup({ annotation: outer, focus: 'comment', fakeTimers: true });
    actions.onComment.mockRejectedValueOnce(new Error('disk full'));
    await user.keyboard('Try');
    await act(async () => vi.advanceTimersByTime(600));
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(saveState()).toBe('Not saved: disk full');
    await user.keyboard(' again');
    await act(async () => vi.advanceTimersByTime(600));
    expect(actions.onComment).toHaveBeenCalledTimes(2);
    expect(actions.onComment).toHaveBeenLastCalledWith('Try again');
    expect(saveState()).toBe('Saved');
  });

  it('saves pending text when the window is about to unload, and only once', async () => {
    const { user, actions, view } = setup({
      annotation: outer,
      focus: 'comment',
      fakeTimers: true,
    });
    await user.keyboard('closing');
    expect(actions.onComment).not.toHaveBeenCalled();
    await act(async () => {
      window.dispatchEvent(new Event('beforeunload'));
    });
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    expect(actions.onComment).toHaveBeenCalledWith('closing');
    expect(saveState()).toBe('Saved');
    await act(async () => vi.advanceTimersByTime(1000)); // the typing timer was cancelled
    view.unmount();
    expect(actions.onComment).toHaveBeenCalledTimes(1);
  });

  it('stops listening for unload once it is gone', async () => {
    const { user, actions, view } = setup({ annotation: outer, focus: 'comment' });
    // The save on unmount fails, so a listener left behind would have something to retry.
    actions.onComment.mockRejectedValueOnce(new Error('disk full'));
    await user.keyboard('bye');
    view.unmount();
    expect(actions.onComment).toHaveBeenCalledTimes(1);
    await settle();
    window.dispatchEvent(new Event('beforeunload'));
    expect(actions.onComment).toHaveBeenCalledTimes(1);
  });

  describe('overlapping highlights', () => {
    const overlapping = [third, inner, outer]; // innermost first

    it('shows the position among them and switches to the next and previous', async () => {
      const { user, actions } = setup({ annotation: inner, overlapping });
      expect(screen.getByText('2 of 3')).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Next overlapping highlight' }));
      expect(actions.onSwitch).toHaveBeenLastCalledWith('ann_1');
      await user.click(screen.getByRole('button', { name: 'Previous overlapping highlight' }));
      expect(actions.onSwitch).toHaveBeenLastCalledWith('ann_3');
    });

    it('wraps around at both ends', async () => {
      const { user, actions, view } = setup({ annotation: outer, overlapping });
      expect(screen.getByText('3 of 3')).toBeTruthy();
      await user.click(screen.getByRole('button', { name: 'Next overlapping highlight' }));
      expect(actions.onSwitch).toHaveBeenLastCalledWith('ann_3');
      view.unmount();

      const first = setup({ annotation: third, overlapping });
      expect(screen.getByText('1 of 3')).toBeTruthy();
      await first.user.click(
        screen.getByRole('button', { name: 'Previous overlapping highlight' }),
      );
      expect(first.actions.onSwitch).toHaveBeenLastCalledWith('ann_1');
    });
  });

  // Escape saves, then the unmount cleanup runs before the saved comment has come back as a
  // prop (the app's update is an async call): the editor must remember what it already saved.
  it('saves a typed comment once when closed with Escape by its parent', async () => {
    const actions = mockActions();
    const user = userEvent.setup();
    render(<ClosingParent actions={actions} />);
    await user.keyboard('once{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(actions.onComment).toHaveBeenCalledTimes(1);
  });
});
