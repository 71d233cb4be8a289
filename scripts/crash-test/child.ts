import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { mulberry32 } from '../../bench/search/random.ts';
import { openNotebook } from '../../electron/notebook/notebook.ts';
import { JournalFile } from '../../electron/notebook/store/journal.ts';
import { HIGHLIGHT_COLORS } from '../../shared/colors.ts';
import { CHILD_ANNOTATION, CHILD_NOTE, callFor, type Edit } from './edits.ts';

/**
 * The process the kill test kills: it opens the notebook and edits it without end through
 * `dispatch`, as the app's window would. It speaks in lines on stdout (written synchronously, so
 * what was written before the kill reaches the parent):
 *
 *   ready                      the notebook is open
 *   edit <seq> <json>          about to make this edit (see edits.ts)
 *   fail <seq> <code>          the core refused it: nothing changed
 *   ack <seq> <ms>             a write holding every edit up to <seq> has completed (the
 *                              flush took <ms>)
 *   append start|end           a journal append (write and fsync) begins or has completed
 *   compact start|end          a compaction (in its worker thread) begins or has completed
 *
 * Usage: node scripts/crash-test/child.ts '{"dataDir":…,"seed":…,"cycle":…,"writeDelayMs":…}'
 */

interface Config {
  dataDir: string;
  seed: number;
  cycle: number;
  writeDelayMs: number;
  /** Compact once the journal holds this many bytes (small: compactions all the time). */
  compactAfterBytes?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const say = (line: string) => writeSync(1, `${line}\n`);
const random = mulberry32(config.seed * 7919 + config.cycle);

// Every append says when it starts and ends, so the parent can aim kills inside one.
const append = JournalFile.prototype.append;
JournalFile.prototype.append = async function (this: JournalFile, text: string) {
  say('append start');
  await append.call(this, text);
  say('append end');
};

let writeErrors = 0;
const notebook = await openNotebook({
  dataDir: config.dataDir,
  resourcesDir: join(import.meta.dirname, '..', '..', 'resources'),
  seed: false,
  store: {
    writeDelayMs: config.writeDelayMs,
    compactAfterBytes: config.compactAfterBytes,
    // As in the app: compaction in its worker thread.
    compactionWorker: join(
      import.meta.dirname,
      '..',
      '..',
      'electron',
      'notebook',
      'store',
      'compact-worker.ts',
    ),
    onCompaction: (phase) => say(`compact ${phase}`),
    onWriteError: () => {
      writeErrors++;
    },
  },
});

const { data } = notebook.store;
const documents = data.documents.map((d) => ({ id: d.id, text: d.text }));
const fixtureAnnotations = data.annotations
  .filter((a) => !a.comment.startsWith(CHILD_ANNOTATION))
  .map((a) => a.id);
const myAnnotations = data.annotations
  .filter((a) => a.comment.startsWith(CHILD_ANNOTATION))
  .map((a) => ({ id: a.id, comment: a.comment }));
const notes = data.notes.map((n) => ({ id: n.id, title: n.title }));
const fixtureTags = data.tags.filter((t) => t.id.startsWith('tag_fixture_')).map((t) => t.id);
say('ready');

let seq = 0;
const mark = () => `${config.cycle}.${seq}`;
const filler = () => random.pick(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']);

/** The next edit: a mix of creating, changing and deleting, as a reader working would. */
function nextEdit(): Edit {
  for (;;) {
    const roll = random.next();
    if (roll < 0.22)
      return { op: 'createNote', title: `${CHILD_NOTE}${mark()}`, body: `n ${mark()}` };
    if (roll < 0.32 && notes.length > 0) {
      const note = random.pick(notes);
      return { op: 'updateNote', id: note.id, title: note.title, body: `u ${mark()} ${filler()}` };
    }
    if (roll < 0.4) {
      const mine = notes.filter((n) => n.title.startsWith(CHILD_NOTE));
      if (mine.length === 0) continue;
      const note = random.pick(mine);
      notes.splice(notes.indexOf(note), 1);
      return { op: 'deleteNote', id: note.id, title: note.title };
    }
    if (roll < 0.6 && documents.length > 0) {
      const document = random.pick(documents);
      const start = random.int(0, Math.max(0, document.text.length - 2));
      const end = Math.min(document.text.length, start + random.int(3, 80));
      if (end <= start || document.text.slice(start, end).trim() === '') continue;
      const color = random.pick(HIGHLIGHT_COLORS);
      const comment = `${CHILD_ANNOTATION}${mark()}`;
      return { op: 'createAnnotation', documentId: document.id, start, end, color, comment };
    }
    if (roll < 0.66) {
      if (myAnnotations.length === 0) continue;
      const annotation = myAnnotations.splice(random.int(0, myAnnotations.length - 1), 1)[0]!;
      return { op: 'deleteAnnotation', ...annotation };
    }
    if (roll < 0.86 && fixtureAnnotations.length > 0) {
      const id = random.pick(fixtureAnnotations);
      return { op: 'commentAnnotation', id, comment: `c ${mark()} ${filler()}` };
    }
    if (roll < 0.93) return { op: 'createTag', name: `crash/c${mark().replace('.', '-')}` };
    if (fixtureTags.length === 0) continue;
    return { op: 'describeTag', id: random.pick(fixtureTags), description: `d ${mark()}` };
  }
}

/** Announce an edit, then make it; what it created joins the pools for later edits. */
async function edit(): Promise<void> {
  seq++;
  const mine = seq;
  const change = nextEdit();
  say(`edit ${mine} ${JSON.stringify(change)}`);
  const { method, input } = callFor(change);
  const result = await notebook.dispatch(method, input);
  if (!result.ok) {
    say(`fail ${mine} ${result.error.code}`);
    return;
  }
  const value = result.value as { id: string };
  if (change.op === 'createNote') notes.push({ id: value.id, title: change.title });
  if (change.op === 'createAnnotation')
    myAnnotations.push({ id: value.id, comment: change.comment });
}

/** Write now; acknowledge everything made so far once the write has completed. */
async function acknowledge(): Promise<void> {
  const upTo = seq;
  const errors = writeErrors;
  const started = performance.now();
  await notebook.store.flush();
  if (writeErrors === errors) say(`ack ${upTo} ${Math.round(performance.now() - started)}`);
}

// Bursts of every shape, so kills land in single writes, coalesced ones, timer-driven ones and
// between them. Runs until killed.
for (;;) {
  const shape = random.next();
  if (shape < 0.3) {
    // One edit, written on its own.
    await edit();
    await acknowledge();
  } else if (shape < 0.55) {
    // A burst sent at once (as fast typing does), written as one.
    const n = random.int(2, 30);
    await Promise.all(Array.from({ length: n }, edit));
    await acknowledge();
  } else if (shape < 0.8) {
    // Edits spaced inside the coalescing window: the timer writes them, the flush confirms.
    const n = random.int(2, 10);
    for (let i = 0; i < n; i++) {
      await edit();
      await sleep(random.int(0, Math.max(1, config.writeDelayMs / 2)));
    }
    await sleep(random.int(0, config.writeDelayMs * 3));
    await acknowledge();
  } else {
    // Edits left to the timer alone; a later acknowledgement covers them.
    const n = random.int(1, 8);
    for (let i = 0; i < n; i++) await edit();
    await sleep(random.int(0, config.writeDelayMs * 4));
  }
}
