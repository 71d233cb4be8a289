import type { NotebookInfo } from './contract.ts';

const KINDS: Record<string, string> = {
  documents: 'document',
  annotations: 'highlight',
  tags: 'tag',
  notes: 'note',
  quarantine: 'earlier set-aside record',
};

/** What the user is told about records set aside when the notebook was read; null for none. */
export function quarantineNotice(quarantine: NotebookInfo['quarantine']): string | null {
  if (quarantine.length === 0) return null;
  const counts = new Map<string, number>();
  for (const q of quarantine) counts.set(q.collection, (counts.get(q.collection) ?? 0) + 1);
  const what = [...counts].map(([c, n]) => `${n} ${KINDS[c] ?? c}${n === 1 ? '' : 's'}`).join(', ');
  const first = quarantine[0]!;
  return `${what} could not be read and ${quarantine.length === 1 ? 'was' : 'were'} set aside, so the rest of the notebook opened (${first.reason}${quarantine.length > 1 ? '; …' : ''}). Nothing was deleted: ${quarantine.length === 1 ? 'it is' : 'they are'} kept as ${quarantine.length === 1 ? 'it was' : 'they were'} in notebook.json under "quarantine", and a copy of the file from before is in the backups folder.`;
}
