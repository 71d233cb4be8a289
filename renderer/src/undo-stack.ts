/** A destructive action that can be taken back. */
export interface UndoEntry {
  label: string;
  undo: () => Promise<void>;
}

/**
 * The renderer's undo history (Ctrl/Cmd+Z and toast buttons). Entries are taken at most once:
 * an undo that a toast already ran is gone from the stack too.
 */
export class UndoStack {
  private entries: UndoEntry[] = [];
  private readonly limit: number;
  constructor(limit = 50) {
    this.limit = limit;
  }

  push(entry: UndoEntry): UndoEntry {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    return entry;
  }

  /** Run a specific entry (from its toast) if it has not been undone yet. */
  async run(entry: UndoEntry): Promise<boolean> {
    const i = this.entries.lastIndexOf(entry);
    if (i < 0) return false;
    this.entries.splice(i, 1);
    try {
      await entry.undo();
    } catch (error) {
      // Still undoable, and next in line: the deleted data may live only in this entry.
      this.push(entry);
      throw error;
    }
    return true;
  }

  /** Forget an entry without running it (what it would undo was taken back another way). */
  remove(entry: UndoEntry): void {
    const i = this.entries.lastIndexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
  }

  /** Undo the most recent entry; returns its label, or null when there is nothing to undo. */
  async undoLast(): Promise<string | null> {
    const entry = this.entries.at(-1);
    if (!entry) return null;
    await this.run(entry);
    return entry.label;
  }

  /** The entry Ctrl/Cmd+Z would undo next. */
  peek(): UndoEntry | undefined {
    return this.entries.at(-1);
  }

  get size(): number {
    return this.entries.length;
  }
}
