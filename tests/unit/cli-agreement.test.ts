import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contentHash } from '../../electron/notebook/content-hash.ts';
import { agreementTable } from '../../shared/agreement/table.ts';
import type { AgreementInput, CodedSegment } from '../../shared/agreement/types.ts';
import { isTextAnnotation } from '../../shared/annotations.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from '../../shared/export/backup.ts';
import type { Annotation } from '../../shared/model.ts';
import { type CodingFile, codingFileSchema } from '../../shared/rounds/files.ts';
import { exportFixture } from '../fixtures/export/notebook.ts';
import { cli } from './cli-process.ts';
import { tempDirs } from './temp-dir.ts';

// Each case starts the command line as a process (seconds on a busy 2-core machine).
vi.setConfig({ testTimeout: 30_000 });

const tempDir = tempDirs();

// Two real texts: the sample article and a short note.
const ARTICLE = readFileSync(resolve('resources/seed-article.txt'), 'utf8');
const NOTE = 'Field note, Kabul. A shopkeeper said the base is not for sale, and laughed.';
const TEXTS = [
  { title: "Afghan officials reject Trump's demands", text: ARTICLE },
  { title: 'Field note: Kabul', text: NOTE },
].map((d) => ({ ...d, contentHash: contentHash(d.text), length: d.text.length }));
const [article, note] = TEXTS as [(typeof TEXTS)[0], (typeof TEXTS)[0]];

type Coding = { doc: typeof article; phrase: string; codes: string[]; trim?: number };

/** A coder's coding file as a round hands it in (checked against its schema). */
function codingFile(coder: string, codings: Coding[], round = 'round-1'): CodingFile {
  return codingFileSchema.parse({
    format: 'marginalia-coding',
    formatVersion: 1,
    round: { id: round, name: round === 'round-1' ? 'Round 1' : 'Round 2' },
    coder: { id: `coder-${coder.toLowerCase()}`, name: coder },
    exportedAt: '2026-11-24T09:00:00.000Z',
    documents: TEXTS.map(({ contentHash, title, length }) => ({ contentHash, title, length })),
    highlights: codings.map(({ doc, phrase, codes, trim = 0 }, i) => {
      const at = doc.text.indexOf(phrase);
      expect(at).toBeGreaterThanOrEqual(0);
      const start = at + trim;
      const end = at + phrase.length;
      return {
        id: `h-${coder}-${i}`,
        contentHash: doc.contentHash,
        start,
        end,
        exact: doc.text.slice(start, end),
        codes,
        comment: '',
      };
    }),
    proposals: [],
  });
}

/** The same coding as the agreement module's input, to compare the command's figures with. */
function inputOf(files: CodingFile[]): AgreementInput {
  return {
    documents: TEXTS.map((d) => ({ id: d.contentHash, length: d.length })),
    coders: files.map((f) => f.coder.id),
    segments: files.flatMap((f) =>
      f.highlights.flatMap((h) =>
        h.codes.map(
          (code): CodedSegment => ({
            coder: f.coder.id,
            document: h.contentHash,
            code,
            start: h.start,
            end: h.end,
          }),
        ),
      ),
    ),
  };
}

const ANA: Coding[] = [
  {
    doc: article,
    phrase: 'we are ready to fight you for the next 20 years',
    codes: ['stance/defiance', 'actors/afghan'],
  },
  { doc: article, phrase: 'even an inch', codes: ['stance/defiance'] },
  { doc: article, phrase: 'President Donald Trump', codes: ['actors/us'] },
  { doc: note, phrase: 'the base is not for sale', codes: ['stance/defiance'] },
];
const BEN: Coding[] = [
  {
    doc: article,
    phrase: 'we are ready to fight you for the next 20 years',
    codes: ['stance/defiance'],
    trim: 7,
  },
  { doc: article, phrase: 'U.S. President Donald Trump', codes: ['actors/us', 'actors/afghan'] },
  { doc: note, phrase: 'the base is not for sale, and laughed', codes: ['Stance/Defiance'] },
];

async function write(dir: string, name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value, null, 2));
  return path;
}

interface Json {
  coders: { id: string; name: string; file: string }[];
  documents: { contentHash: string; title: string; length: number }[];
  codes: string[];
  method: string;
  overall: { alpha: number | null; reading: string; ci: { low: number; high: number } | null };
  perCode: { code: string; alpha: number | null; kappa: number | null }[];
  perDocument: { document: string; title: string; alpha: number | null }[];
}

describe('agreement FILE...', () => {
  it('gives α = 1 for identical coding, as JSON ending with a newline', async () => {
    const dir = await tempDir();
    const a = await write(dir, 'ana.mcoding', codingFile('Ana', ANA));
    const b = await write(dir, 'ben.mcoding', codingFile('Ben', ANA));
    const { code, stdout } = await cli(['agreement', a, b, '--json', '--samples', '50']);
    expect(code).toBe(0);
    expect(stdout.endsWith('}\n')).toBe(true);
    const json = JSON.parse(stdout) as Json;
    expect(json.method).toBe('u-alpha');
    expect(json.overall).toMatchObject({ alpha: 1, reading: 'reliable' });
    expect(json.coders.map((c) => [c.name, c.file])).toEqual([
      ['Ana', 'ana.mcoding'],
      ['Ben', 'ben.mcoding'],
    ]);
    expect(json.documents.map((d) => [d.title, d.length])).toEqual(
      TEXTS.map((d) => [d.title, d.length]),
    );
    expect(json.codes).toEqual(['actors/afghan', 'actors/us', 'stance/defiance']);
  });

  it('gives the figures agreementTable gives for the same coding; --tag narrows to a subtree', async () => {
    const dir = await tempDir();
    const files = [codingFile('Ana', ANA), codingFile('Ben', BEN)];
    const a = await write(dir, 'ana.mcoding', files[0]);
    const b = await write(dir, 'ben.mcoding', files[1]);
    const { code, stdout } = await cli(['agreement', a, b, '--json', '--samples', '200']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Json;
    // Codes match by path ignoring case: Ben's "Stance/Defiance" is "stance/defiance".
    const input = inputOf(files);
    const expected = agreementTable(
      {
        ...input,
        segments: input.segments.map((s) => ({ ...s, code: s.code.toLowerCase() })),
      },
      { bootstrapSamples: 200, seed: 1 },
    );
    expect(json.overall.alpha).toBeLessThan(1);
    expect(json.overall).toEqual(JSON.parse(JSON.stringify(expected.overall)));
    expect(json.perCode).toEqual(JSON.parse(JSON.stringify(expected.perCode)));
    expect(json.perDocument.map((d) => [d.title, d.alpha])).toEqual(
      expected.perDocument.map((d, i) => [TEXTS[i]!.title, d.alpha]),
    );
    expect(json.overall.ci).not.toBeNull();

    const tagged = await cli(['agreement', a, b, '--json', '--tag', 'Actors', '--samples', '200']);
    expect(tagged.code).toBe(0);
    const narrowed = JSON.parse(tagged.stdout) as Json;
    expect(narrowed.codes).toEqual(['actors/afghan', 'actors/us']);
    const expectedActors = agreementTable(input, {
      codes: ['actors/afghan', 'actors/us'],
      bootstrapSamples: 200,
      seed: 1,
    });
    expect(narrowed.overall.alpha).toBe(expectedActors.overall.alpha);

    // One document, by the start of its title: no interval.
    const one = await cli(['agreement', a, b, '--json', '--doc', 'field note']);
    expect(one.code).toBe(0);
    const single = JSON.parse(one.stdout) as Json;
    expect(single.documents.map((d) => d.title)).toEqual(['Field note: Kabul']);
    expect(single.overall.ci).toBeNull();

    // And for people: a compact table.
    const text = await cli(['agreement', a, b, '--samples', '200']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Round:     Round 1');
    expect(text.stdout).toContain('Coders:    Ana (ana.mcoding), Ben (ben.mcoding)');
    expect(text.stdout).toContain('Krippendorff’s uα (two coders)');
    expect(text.stdout).toContain(`α = ${expected.overall.alpha!.toFixed(3).replace('-', '−')}`);
    expect(text.stdout).toContain('Krippendorff (2004, p. 241)');
    expect(text.stdout).toMatch(/^stance\/defiance +\S+/m);
  });

  it('reads a backup whose highlights carry two coders, leaving out those without one', async () => {
    const data = exportFixture();
    const ana = { id: 'coder-ana', name: 'Ana' };
    const ben = { id: 'coder-ben', name: 'Ben' };
    const original = data.annotations.filter((a) => a.tagIds.length > 0);
    const anas = original.map((a): Annotation => ({ ...a, coder: ana }));
    // Ben agrees on all but the first quote, which he codes only as defiance.
    const bens = original.map(
      (a, i): Annotation => ({
        ...structuredClone(a),
        id: `${a.id}-ben`,
        coder: ben,
        tagIds: i === 0 ? ['tag-defiance'] : a.tagIds,
      }),
    );
    data.annotations = [...anas, ...bens, data.annotations.find((a) => a.tagIds.length === 0)!];
    const dir = await tempDir();
    const path = await write(dir, 'team.json', {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      schemaVersion: data.schemaVersion,
      notebook: data,
    });
    const { code, stdout, stderr } = await cli(['agreement', path, '--json', '--samples', '100']);
    expect(code).toBe(0);
    expect(stderr).toContain('note: team.json: 1 highlight without a coder');
    const json = JSON.parse(stdout) as Json;
    expect(json.coders.map((c) => c.name)).toEqual(['Ana', 'Ben']);
    const segments = [...anas, ...bens].flatMap((a) =>
      a.tagIds.map((t) => ({
        coder: a.coder!.id,
        document: data.documents.find((d) => d.id === a.documentId)!.contentHash,
        code: data.tags.find((tag) => tag.id === t)!.name,
        start: isTextAnnotation(a) ? a.target.position.start : 0,
        end: isTextAnnotation(a) ? a.target.position.end : 0,
      })),
    );
    const expected = agreementTable(
      {
        documents: data.documents.map((d) => ({ id: d.contentHash, length: d.text.length })),
        coders: [ana.id, ben.id],
        segments,
      },
      { bootstrapSamples: 100 },
    );
    expect(json.overall.alpha).toBe(expected.overall.alpha);
    expect(json.overall.alpha).toBeLessThan(1);
    // A document of the backup by its id.
    const doc = await cli(['agreement', path, '--json', '--doc', 'doc-field']);
    expect(JSON.parse(doc.stdout).documents).toEqual([
      expect.objectContaining({ contentHash: 'sha256-fixture-field' }),
    ]);
  });

  it('refuses one coder, coding files of different rounds, other files and bad usage', async () => {
    const dir = await tempDir();
    const a = await write(dir, 'ana.mcoding', codingFile('Ana', ANA));
    const other = await write(dir, 'ben.mcoding', codingFile('Ben', BEN, 'round-2'));
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'Just some notes.');

    const alone = await cli(['agreement', a, '--json']);
    expect(alone.code).toBe(1);
    expect(JSON.parse(alone.stdout).error.message).toMatch(/at least two coders.*only Ana/);
    expect(alone.stderr).toMatch(/^marginalia: Agreement needs at least two coders/);

    const rounds = await cli(['agreement', a, other]);
    expect(rounds.code).toBe(1);
    expect(rounds.stderr).toContain(
      'ana.mcoding and ben.mcoding belong to different rounds (“Round 1” and “Round 2”)',
    );

    const notCoding = await cli(['agreement', a, text, '--json']);
    expect(notCoding.code).toBe(1);
    expect(JSON.parse(notCoding.stdout).error).toMatchObject({ code: 'invalid-input' });
    expect(notCoding.stderr).toContain(
      'notes.txt is neither a Marginalia coding file nor a backup',
    );

    const usage = await cli(['agreement', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout).error.code).toBe('usage');
  });
});
