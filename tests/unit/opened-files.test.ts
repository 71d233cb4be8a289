import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import {
  ANSWER_WITHIN_MS,
  createOpenedFilesQueue,
} from '../../electron/main/opened-files-queue.ts';
import {
  filesInArguments,
  kindOfOpenedFile,
  planOpenedFiles,
} from '../../electron/notebook/opened-files.ts';
import { tempDirs } from './temp-dir.ts';

const tempDir = tempDirs();

describe('files the system asks Marginalia to open', () => {
  it('sends each kind to the command that takes it', async () => {
    const dir = await tempDir();
    const backup = join(dir, 'backup.json');
    const hypothesis = join(dir, 'annotations.json');
    await writeFile(backup, '{\n  "format": "marginalia-backup",\n  "formatVersion": 1 }');
    await writeFile(hypothesis, '{"export_date":"2026-01-01","annotations":[]}');
    expect(kindOfOpenedFile('/a/paper.PDF')).toBe('import-files');
    expect(kindOfOpenedFile('/a/notes.md')).toBe('import-files');
    expect(kindOfOpenedFile('/a/page.html')).toBe('import-files');
    expect(kindOfOpenedFile('/a/project.qdpx')).toBe('import-other');
    expect(kindOfOpenedFile('/a/round.mpackage')).toBe('open-package');
    expect(kindOfOpenedFile(backup)).toBe('restore');
    expect(kindOfOpenedFile(hypothesis)).toBe('import-other');
    expect(kindOfOpenedFile('/a/movie.mp4')).toBeNull();
  });

  it('takes only existing files from a launch’s arguments, relative to where it was launched', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'paper.pdf'), '%PDF-1.7');
    const files = filesInArguments(
      ['/opt/Marginalia/marginalia', '--no-sandbox', 'paper.pdf', 'missing.md', dir],
      dir,
    );
    expect(files).toEqual([join(dir, 'paper.pdf')]);
  });

  it('takes the file:// URLs a Linux desktop hands over (%U), spaces and all', async () => {
    const dir = await tempDir();
    const spaced = join(dir, 'field notes é.md');
    await writeFile(spaced, '# Notes');
    const files = filesInArguments(
      ['/opt/Marginalia/marginalia', pathToFileURL(spaced).href, 'file:///nowhere/missing.pdf'],
      '/',
    );
    expect(files).toEqual([spaced]);
  });

  it('groups documents into one import, and gives the others one at a time', () => {
    const kinds: Record<string, ReturnType<typeof kindOfOpenedFile>> = {
      'a.pdf': 'import-files',
      'p.qdpx': 'import-other',
      'b.md': 'import-files',
      'x.mp4': null,
      'r.mpackage': 'open-package',
    };
    expect(planOpenedFiles(Object.keys(kinds), (p) => kinds[p] ?? null)).toEqual([
      { command: 'import-files', paths: ['a.pdf', 'b.md'] },
      { command: 'import-other', paths: ['p.qdpx'] },
      { command: 'open-package', paths: ['r.mpackage'] },
    ]);
  });

  it('waits for the page, sends one command at a time, and answers its dialog once', async () => {
    vi.useFakeTimers();
    try {
      const sent: string[] = [];
      const queue = createOpenedFilesQueue((c) => sent.push(c));
      queue.add(['/x/a.pdf', '/x/p.qdpx']);
      expect(sent).toEqual([]);
      queue.ready();
      await vi.advanceTimersByTimeAsync(500);
      expect(sent).toEqual(['import-files']);
      expect(queue.take()).toEqual(['/x/a.pdf']);
      // The user's own Open dialog afterwards is a real one.
      expect(queue.take()).toBeNull();
      await vi.advanceTimersByTimeAsync(500);
      expect(sent).toEqual(['import-files', 'import-other']);
      expect(queue.take()).toEqual(['/x/p.qdpx']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets files go that the page never asked for, so a later Import… shows its dialog', async () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const sent: string[] = [];
      const queue = createOpenedFilesQueue((c) => sent.push(c));
      queue.ready();
      await vi.advanceTimersByTimeAsync(500);
      queue.add(['/x/a.pdf', '/x/p.qdpx']);
      expect(sent).toEqual(['import-files']);
      // The page was busy and never showed the Open dialog.
      await vi.advanceTimersByTimeAsync(ANSWER_WITHIN_MS - 1);
      expect(sent).toEqual(['import-files']);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toEqual(['import-files', 'import-other']);
      expect(queue.take()).toEqual(['/x/p.qdpx']);
      // Taken in time: nothing expires later.
      await vi.advanceTimersByTimeAsync(ANSWER_WITHIN_MS * 2);
      expect(queue.take()).toBeNull();
      expect(sent).toEqual(['import-files', 'import-other']);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });
});
