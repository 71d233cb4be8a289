import { type Edit, effectOf } from './edits.ts';

/** What one child said before it was killed. */
export interface ChildReport {
  /** Edits announced, by sequence number (announced before they were made). */
  edits: Map<number, Edit>;
  /** Edits the core refused: they changed nothing. */
  failed: Set<number>;
  /** Every edit up to this one was in a completed write (0: none acknowledged). */
  acked: number;
  /** How many edits each acknowledgement covered. */
  ackSizes: number[];
  /** How long each acknowledged flush took. */
  flushMs: number[];
  ready: boolean;
}

export interface Lost {
  key: string;
  expected: string[];
  found: string;
}

/**
 * What the disk must show, across all kill cycles. For every key an edit touched, the value on
 * disk must come from the newest acknowledged edit of that key or from a later edit (made, maybe
 * written, never acknowledged); with no acknowledged edit this cycle, from what the disk showed
 * after the previous cycle or from one of this cycle's edits. Anything else is a lost
 * acknowledged edit. After each check the disk's value becomes the key's settled value.
 */
export class Ledger {
  private readonly settled = new Map<string, string>();

  get keys(): number {
    return this.settled.size;
  }

  check(report: ChildReport, read: (key: string) => string): Lost[] {
    const byKey = new Map<string, { value: string; acked: boolean }[]>();
    for (const seq of [...report.edits.keys()].sort((a, b) => a - b)) {
      if (report.failed.has(seq)) continue;
      const { key, value } = effectOf(report.edits.get(seq)!);
      const list = byKey.get(key) ?? [];
      list.push({ value, acked: seq <= report.acked });
      byKey.set(key, list);
    }
    const lost: Lost[] = [];
    for (const key of new Set([...this.settled.keys(), ...byKey.keys()])) {
      const found = read(key);
      const edits = byKey.get(key) ?? [];
      const lastAcked = edits.findLastIndex((e) => e.acked);
      const before = this.settled.get(key);
      let allowed: string[] | null;
      if (lastAcked >= 0) allowed = edits.slice(lastAcked).map((e) => e.value);
      else if (before !== undefined) allowed = [before, ...edits.map((e) => e.value)];
      else allowed = null; // never acknowledged: nothing to lose yet
      if (allowed && !allowed.includes(found)) lost.push({ key, expected: allowed, found });
      this.settled.set(key, found);
    }
    return lost;
  }
}
