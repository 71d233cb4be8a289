import { describe, expect, it } from 'vitest';
import { readerKeyAction } from '../../renderer/src/reader/reader-keys.ts';
import { HIGHLIGHT_COLORS } from '../../shared/colors.ts';

/** A key press with no modifiers unless given. */
function key(
  name: string,
  mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) {
  return { key: name, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods };
}

describe('readerKeyAction', () => {
  describe('arrows move or extend the reading caret, with or without a selection', () => {
    it.each([
      ['ArrowRight', 'forward', 'character'],
      ['ArrowLeft', 'backward', 'character'],
      ['ArrowDown', 'forward', 'line'],
      ['ArrowUp', 'backward', 'line'],
    ] as const)('%s moves %s by %s', (name, direction, granularity) => {
      for (const hasSelection of [false, true]) {
        expect(readerKeyAction(key(name), hasSelection)).toEqual({
          kind: 'caret',
          alter: 'move',
          direction,
          granularity,
        });
        expect(readerKeyAction(key(name, { shiftKey: true }), hasSelection)).toEqual({
          kind: 'caret',
          alter: 'extend',
          direction,
          granularity,
        });
      }
    });

    it.each(['ctrlKey', 'altKey', 'metaKey'] as const)('%s with Left/Right goes by word', (mod) => {
      expect(readerKeyAction(key('ArrowRight', { [mod]: true }), false)).toEqual({
        kind: 'caret',
        alter: 'move',
        direction: 'forward',
        granularity: 'word',
      });
      expect(readerKeyAction(key('ArrowLeft', { [mod]: true, shiftKey: true }), true)).toEqual({
        kind: 'caret',
        alter: 'extend',
        direction: 'backward',
        granularity: 'word',
      });
    });

    it('Up and Down stay by line with a modifier', () => {
      expect(readerKeyAction(key('ArrowDown', { ctrlKey: true, shiftKey: true }), false)).toEqual({
        kind: 'caret',
        alter: 'extend',
        direction: 'forward',
        granularity: 'line',
      });
      expect(readerKeyAction(key('ArrowUp', { altKey: true }), true)).toEqual({
        kind: 'caret',
        alter: 'move',
        direction: 'backward',
        granularity: 'line',
      });
    });
  });

  describe('with a selection', () => {
    it('uses the six highlight colours that the digits 1 to 6 name', () => {
      expect(HIGHLIGHT_COLORS).toHaveLength(6);
    });

    it.each(HIGHLIGHT_COLORS.map((color, i) => [String(i + 1), color] as const))(
      '%s highlights in %s and opens the dialog',
      (digit, color) => {
        expect(readerKeyAction(key(digit), true)).toEqual({
          kind: 'highlight',
          color,
          focus: 'dialog',
        });
      },
    );

    it.each(['7', '8', '9', '0'])('%s does nothing', (digit) => {
      expect(readerKeyAction(key(digit), true)).toBeNull();
    });

    it.each(['h', 'H', 'Enter'])(
      '%s highlights in the last colour and opens the dialog',
      (name) => {
        expect(readerKeyAction(key(name), true)).toEqual({
          kind: 'highlight',
          color: null,
          focus: 'dialog',
        });
      },
    );

    it('t highlights and goes to the tag box, c to the comment', () => {
      expect(readerKeyAction(key('t'), true)).toEqual({
        kind: 'highlight',
        color: null,
        focus: 'tag',
      });
      expect(readerKeyAction(key('c'), true)).toEqual({
        kind: 'highlight',
        color: null,
        focus: 'comment',
      });
    });

    it('Escape drops the selection', () => {
      expect(readerKeyAction(key('Escape'), true)).toEqual({ kind: 'clear-selection' });
    });

    it.each([
      ['c', { ctrlKey: true }],
      ['c', { metaKey: true }],
      ['t', { altKey: true }],
      ['1', { ctrlKey: true }],
      ['h', { metaKey: true }],
      ['Enter', { ctrlKey: true }],
      ['Escape', { altKey: true }],
    ] as const)('%s with %o is left alone (copy and shortcuts must work)', (name, mods) => {
      expect(readerKeyAction(key(name, mods), true)).toBeNull();
    });

    it.each(['x', 'a', ' ', 'Tab', 'Backspace', 'Shift'])('%j does nothing', (name) => {
      expect(readerKeyAction(key(name), true)).toBeNull();
    });
  });

  describe('without a selection', () => {
    it('Enter opens the highlight at the caret', () => {
      expect(readerKeyAction(key('Enter'), false)).toEqual({ kind: 'open-at-caret' });
    });

    it('Enter with a modifier is left alone', () => {
      expect(readerKeyAction(key('Enter', { ctrlKey: true }), false)).toBeNull();
      expect(readerKeyAction(key('Enter', { metaKey: true }), false)).toBeNull();
    });

    it.each(['1', '6', 'h', 't', 'c', 'x', 'Escape'])('%s does nothing', (name) => {
      expect(readerKeyAction(key(name), false)).toBeNull();
    });
  });
});
