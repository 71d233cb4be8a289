import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ColorLabelsContext } from '../../renderer/src/preferences/color-labels.ts';
import { ColorPicker } from '../../renderer/src/ui/ColorPicker.tsx';
import { COLOR_LABELS, type HighlightColor } from '../../shared/colors.ts';

const LABELS = ['Yellow', 'Green', 'Blue', 'Pink', 'Purple', 'Orange'];

function setup(value: HighlightColor | null, label?: string) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(
    <>
      <button type="button">before</button>
      <ColorPicker value={value} onChange={onChange} {...(label ? { label } : {})} />
    </>,
  );
  const swatches = screen.getAllByRole('button').slice(1);
  return { user, onChange, swatches };
}

describe('ColorPicker', () => {
  it('shows six labelled toggle buttons in a named group, only the value pressed', () => {
    const { swatches } = setup('green');
    expect(screen.getByRole('group', { name: 'Highlight colour' })).toBeTruthy();
    expect(swatches.map((b) => b.getAttribute('aria-label'))).toEqual(LABELS);
    expect(swatches.map((b) => b.getAttribute('aria-pressed'))).toEqual([
      'false',
      'true',
      'false',
      'false',
      'false',
      'false',
    ]);
    expect(swatches.map((b) => b.tabIndex)).toEqual([-1, 0, -1, -1, -1, -1]);
    expect(swatches[3]!.title).toBe('Pink · key 4');
    expect(swatches[1]!.className).toContain('swatch-green');
  });

  it('names a colour as the project does, keeping the colour in the label', () => {
    render(
      <ColorLabelsContext.Provider value={{ ...COLOR_LABELS, blue: 'Claim' }}>
        <ColorPicker value={null} onChange={() => {}} />
      </ColorLabelsContext.Provider>,
    );
    const blue = screen.getByRole('button', { name: 'Claim (blue)' });
    expect(blue.title).toBe('Claim (blue) · key 3');
    expect(screen.getByRole('button', { name: 'Green' })).toBeTruthy();
  });

  it('with no value nothing is pressed and the first swatch takes Tab', async () => {
    const { user, swatches } = setup(null, 'Tag colour');
    expect(screen.getByRole('group', { name: 'Tag colour' })).toBeTruthy();
    expect(swatches.every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(document.activeElement).toBe(swatches[0]);
  });

  it('Tab lands on the chosen swatch and leaves the group in one step', async () => {
    const { user, swatches } = setup('purple');
    await user.click(screen.getByRole('button', { name: 'before' }));
    await user.tab();
    expect(document.activeElement).toBe(swatches[4]);
    await user.tab();
    expect(swatches).not.toContain(document.activeElement);
  });

  it('a click reports the colour', async () => {
    const { user, onChange } = setup('yellow');
    await user.click(screen.getByRole('button', { name: 'Blue' }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith('blue');
  });

  it('arrow keys move focus around the group, wrapping, without choosing', async () => {
    const { user, onChange, swatches } = setup('green');
    swatches[1]!.focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(swatches[2]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(swatches[3]);
    await user.keyboard('{ArrowLeft}{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(swatches[0]);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(swatches[5]);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(swatches[0]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('Enter and Space pick the focused swatch', async () => {
    const { user, onChange, swatches } = setup('yellow');
    swatches[0]!.focus();
    await user.keyboard('{ArrowRight}{Enter}');
    expect(onChange).toHaveBeenLastCalledWith('green');
    await user.keyboard('{ArrowRight} ');
    expect(onChange).toHaveBeenLastCalledWith('blue');
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
