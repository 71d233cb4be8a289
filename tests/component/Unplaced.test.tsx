import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnnotationPanel } from '../../renderer/src/annotations/AnnotationPanel.tsx';
import { makeAnnotation, makeTag, withPanelLayout } from './fixtures.ts';

// The panel's cards are a virtual list: give it a box to lay them out in.
let restoreLayout = () => {};
beforeEach(() => {
  restoreLayout = withPanelLayout();
});
afterEach(() => restoreLayout());

const tags = [makeTag('tag_1', 'threat', 'orange')];
const placed = makeAnnotation('ann_1', 'a passage still in the text', { start: 5 });
const lost = {
  ...makeAnnotation('ann_2', 'a passage the new version dropped', {
    start: 60,
    tagIds: ['tag_1'],
    comment: 'Important.',
  }),
  orphan: true,
};

function setup(reattachingId: string | null = null) {
  const onReattach = vi.fn();
  const onDelete = vi.fn();
  render(
    <AnnotationPanel
      annotations={[placed, lost]}
      tags={tags}
      activeId={null}
      onOpen={() => {}}
      onDelete={onDelete}
      orphanActions={{ reattachingId, onReattach }}
    />,
  );
  return { onReattach, onDelete, user: userEvent.setup() };
}

describe('unplaced highlights in the panel', () => {
  it('are listed apart, with their tags and comment, and not among the placed ones', () => {
    setup();
    const region = screen.getByRole('region', { name: '1 highlight could not be placed' });
    expect(region.textContent).toContain('a passage the new version dropped');
    expect(within(region).getByText('threat')).toBeTruthy();
    expect(within(region).getByText('Important.')).toBeTruthy();
    const list = document.querySelector('.annotation-list');
    expect(list?.textContent).toContain('a passage still in the text');
    expect(list?.textContent).not.toContain('dropped');
  });

  it('offer Re-attach and Delete for each one', async () => {
    const { onReattach, onDelete, user } = setup();
    await user.click(screen.getByRole('button', { name: /^Re-attach: a passage the new/ }));
    expect(onReattach).toHaveBeenCalledWith(lost);
    await user.click(screen.getByRole('button', { name: /^Delete unplaced highlight/ }));
    expect(onDelete).toHaveBeenCalledWith(lost);
  });

  it('show which one is being re-attached', () => {
    setup('ann_2');
    expect(screen.getByRole('button', { name: /^Re-attach/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('leave no empty-filter message when every highlight is unplaced', () => {
    render(
      <AnnotationPanel
        annotations={[lost]}
        tags={tags}
        activeId={null}
        onOpen={() => {}}
        onDelete={() => {}}
        orphanActions={{ reattachingId: null, onReattach: () => {} }}
      />,
    );
    expect(screen.queryByText('Nothing matches the filter')).toBeNull();
  });
});
