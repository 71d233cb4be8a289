import { describe, expect, it, vi } from 'vitest';
import { type UndoEntry, UndoStack } from '../../renderer/src/undo-stack.ts';

function entry(label: string, undo: () => Promise<void> = async () => {}) {
  return { label, undo: vi.fn(undo) } satisfies UndoEntry;
}

describe('UndoStack', () => {
  it('starts empty: undoLast has nothing to undo', async () => {
    const stack = new UndoStack();
    expect(stack.size).toBe(0);
    await expect(stack.undoLast()).resolves.toBeNull();
  });

  it('undoLast runs the newest entry, returns its label and takes it off', async () => {
    const stack = new UndoStack();
    const older = entry('delete highlight');
    const newer = entry('delete tag');
    expect(stack.push(older)).toBe(older);
    stack.push(newer);
    expect(stack.size).toBe(2);

    await expect(stack.undoLast()).resolves.toBe('delete tag');
    expect(newer.undo).toHaveBeenCalledTimes(1);
    expect(older.undo).not.toHaveBeenCalled();
    expect(stack.size).toBe(1);

    await expect(stack.undoLast()).resolves.toBe('delete highlight');
    expect(older.undo).toHaveBeenCalledTimes(1);
    expect(newer.undo).toHaveBeenCalledTimes(1);
    expect(stack.size).toBe(0);
    await expect(stack.undoLast()).resolves.toBeNull();
  });

  it('runs a given entry once, however often it is asked (toast and Ctrl+Z)', async () => {
    const stack = new UndoStack();
    const below = entry('below');
    const target = entry('target');
    const above = entry('above');
    stack.push(below);
    stack.push(target);
    stack.push(above);

    await expect(stack.run(target)).resolves.toBe(true);
    await expect(stack.run(target)).resolves.toBe(false);
    expect(target.undo).toHaveBeenCalledTimes(1);
    expect(stack.size).toBe(2);

    // The others are untouched and still undo newest first.
    await expect(stack.undoLast()).resolves.toBe('above');
    await expect(stack.undoLast()).resolves.toBe('below');
    expect(target.undo).toHaveBeenCalledTimes(1);
  });

  it('forgets a withdrawn entry without running it', async () => {
    const stack = new UndoStack();
    const kept = entry('kept');
    const withdrawn = entry('withdrawn');
    stack.push(kept);
    stack.push(withdrawn);
    stack.remove(withdrawn);
    stack.remove(withdrawn);
    expect(stack.size).toBe(1);
    await expect(stack.undoLast()).resolves.toBe('kept');
    await expect(stack.run(withdrawn)).resolves.toBe(false);
    expect(withdrawn.undo).not.toHaveBeenCalled();
  });

  it('runs an entry once even when asked twice before the first undo finishes', async () => {
    const stack = new UndoStack();
    let finish!: () => void;
    const slow = entry('slow', () => new Promise<void>((resolve) => (finish = resolve)));
    stack.push(slow);
    const first = stack.run(slow);
    const second = stack.run(slow);
    await expect(second).resolves.toBe(false);
    finish();
    await expect(first).resolves.toBe(true);
    expect(slow.undo).toHaveBeenCalledTimes(1);
    expect(stack.size).toBe(0);
  });

  it('does not run an entry that was never pushed', async () => {
    const stack = new UndoStack();
    const stranger = entry('stranger');
    await expect(stack.run(stranger)).resolves.toBe(false);
    expect(stranger.undo).not.toHaveBeenCalled();
  });

  it('keeps an entry whose undo fails, passes the failure on, and retries it later', async () => {
    const stack = new UndoStack();
    const older = entry('older');
    let attempts = 0;
    const flaky = entry('delete document', async () => {
      attempts++;
      if (attempts === 1) throw new Error('disk full');
    });
    stack.push(older);
    stack.push(flaky);

    await expect(stack.undoLast()).rejects.toThrow('disk full');
    expect(stack.size).toBe(2);
    expect(older.undo).not.toHaveBeenCalled();

    // Still the newest: the next undo tries it again rather than the one below.
    await expect(stack.undoLast()).resolves.toBe('delete document');
    expect(flaky.undo).toHaveBeenCalledTimes(2);
    expect(older.undo).not.toHaveBeenCalled();
    expect(stack.size).toBe(1);
  });

  it('a failed run of a specific entry keeps it, as the next thing to undo', async () => {
    const stack = new UndoStack();
    const a = entry('a');
    const failing = entry('b', async () => {
      throw new Error('gone');
    });
    const c = entry('c');
    stack.push(a);
    stack.push(failing);
    stack.push(c);

    await expect(stack.run(failing)).rejects.toThrow('gone');
    expect(stack.size).toBe(3);
    // The user just tried to take it back: it is first in line, ahead of c.
    await expect(stack.undoLast()).rejects.toThrow('gone');
    expect(failing.undo).toHaveBeenCalledTimes(2);
    expect(c.undo).not.toHaveBeenCalled();
    expect(a.undo).not.toHaveBeenCalled();
  });

  it('drops the oldest entries beyond its limit', async () => {
    const stack = new UndoStack(2);
    const first = entry('first');
    const second = entry('second');
    const third = entry('third');
    stack.push(first);
    stack.push(second);
    stack.push(third);
    expect(stack.size).toBe(2);

    await expect(stack.run(first)).resolves.toBe(false);
    expect(first.undo).not.toHaveBeenCalled();
    await expect(stack.undoLast()).resolves.toBe('third');
    await expect(stack.undoLast()).resolves.toBe('second');
    await expect(stack.undoLast()).resolves.toBeNull();
    expect(first.undo).not.toHaveBeenCalled();
  });

  it('keeps 50 entries by default', async () => {
    const stack = new UndoStack();
    const entries = Array.from({ length: 51 }, (_, i) => entry(`entry ${i}`));
    for (const e of entries) stack.push(e);
    expect(stack.size).toBe(50);
    await expect(stack.run(entries[0]!)).resolves.toBe(false);
    await expect(stack.run(entries[1]!)).resolves.toBe(true);
  });
});
