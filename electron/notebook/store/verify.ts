import { RECORD_COLLECTIONS, type StoreData } from '../../../shared/model.ts';
import { type JournalEntry, ReplayState } from './changes.ts';

/**
 * A shadow of the notebook built only from journal lines: after every change it must equal the
 * notebook in memory, or a change reached memory without reaching the journal (a field set on
 * a record without `touch`), which a restart would lose. Tests turn it on (it serialises the
 * whole notebook per change); the app does not.
 */
const VERIFIED_RECORDS = 1000;
const EMPTY = { documents: [], annotations: [], tags: [], notes: [], quarantine: [] };

export class JournalVerifier {
  private readonly shadow: ReplayState;
  private off = false;

  constructor(data: StoreData) {
    const records = RECORD_COLLECTIONS.reduce((n, c) => n + data[c].length, 0);
    this.off = records > VERIFIED_RECORDS;
    this.shadow = new ReplayState(this.off ? { ...data, ...EMPTY } : structuredClone(data));
  }

  check(line: string, data: StoreData): void {
    if (this.off) return;
    // Comparing costs the whole notebook per change: tests that build thousands of records are
    // checked while they are small, and the check stops for good once they are not.
    const records = RECORD_COLLECTIONS.reduce((n, c) => n + data[c].length, 0);
    if (records > VERIFIED_RECORDS) {
      this.off = true;
      return;
    }
    const entry = JSON.parse(line) as JournalEntry;
    this.shadow.apply(entry.ops);
    for (const collection of RECORD_COLLECTIONS) {
      const expected = JSON.stringify(data[collection]);
      const replayed = JSON.stringify([...this.shadow.lists[collection].values()]);
      if (expected !== replayed)
        throw new Error(
          `Journal check: after change ${entry.seq}, ${collection} in memory differ from the journal's replay (a record was changed in place without touch()): ${firstDifference(data[collection], [...this.shadow.lists[collection].values()])}`,
        );
    }
    if (JSON.stringify(data.meta) !== JSON.stringify(this.shadow.meta))
      throw new Error(`Journal check: after change ${entry.seq}, meta differs from the journal.`);
    if (JSON.stringify(data.quarantine) !== JSON.stringify(this.shadow.quarantine))
      throw new Error(`Journal check: after change ${entry.seq}, quarantine differs.`);
  }
}

function firstDifference(a: readonly unknown[], b: readonly unknown[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = JSON.stringify(a[i]);
    const y = JSON.stringify(b[i]);
    if (x !== y) return `at ${i}: memory ${x?.slice(0, 300)} vs journal ${y?.slice(0, 300)}`;
  }
  return '(order)';
}
