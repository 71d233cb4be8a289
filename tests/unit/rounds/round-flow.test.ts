import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Notebook, openNotebook } from '../../../electron/notebook/notebook.ts';
import { codeClusters, settledRange } from '../../../shared/rounds/compare.ts';
import { RESOURCES_DIR, tempDirs } from '../temp-dir.ts';

const tempDir = tempDirs();

/** A notebook whose dialogs answer what the test sets (as the person choosing files). */
async function person(name: string, seed = true) {
  const io = { open: [] as string[], save: '' };
  const notebook = await openNotebook({
    dataDir: await tempDir(),
    resourcesDir: RESOURCES_DIR,
    seed,
    host: {
      chooseImportFiles: async () => io.open,
      chooseSavePath: async ({ defaultName }) => (io.save ? join(io.save, defaultName) : null),
    },
  });
  await notebook.handlers.updateSettings({ coderName: name });
  return { notebook, io };
}

/** Highlight the words `phrase` in the round's first document with a code. */
async function code(nb: Notebook, documentId: string, phrase: string, tagName: string, from = 0) {
  const doc = nb.store.data.documents.find((d) => d.id === documentId)!;
  const start = doc.text.indexOf(phrase, from);
  expect(start).toBeGreaterThanOrEqual(0);
  const tag = nb.store.data.tags.find((t) => t.name === tagName)!;
  return nb.handlers.createAnnotation({
    documentId,
    start,
    end: start + phrase.length,
    color: 'yellow',
    tagIds: [tag.id],
  });
}

describe('a coding round, file by file', () => {
  it('hands out a package, two coders code blind, the lead collects layers and settles', async () => {
    const out = await tempDir();
    const lead = await person('Lead');
    lead.io.save = out;
    const [sample] = await lead.notebook.handlers.listDocuments({});
    await lead.notebook.handlers.createTag({ name: 'stance/defiance' });
    await lead.notebook.handlers.createTag({ name: 'actors' });
    // Blind: the lead's own highlights do not travel.
    await code(lead.notebook, sample!.id, 'we are ready to fight you', 'actors');
    const created = await lead.notebook.handlers.createRound({
      name: 'Round 1',
      instructions: 'Code stance.',
      documentIds: [sample!.id],
    });
    const pkgPath = created!.path;
    const pkg = JSON.parse(await readFile(pkgPath, 'utf8'));
    expect(pkg).toMatchObject({
      format: 'marginalia-coding-package',
      round: { name: 'Round 1', instructions: 'Code stance.' },
    });
    expect(JSON.stringify(pkg)).not.toContain('"annotations"');
    expect(pkg.tags.map((t: { name: string }) => t.name).sort()).toEqual([
      'actors',
      'stance',
      'stance/defiance',
    ]);

    const coders = [];
    for (const [name, phrase] of [
      ['Ana', 'we are ready to fight you for the next 20 years'],
      ['Ben', 'ready to fight you'],
    ] as const) {
      const c = await person(name, false);
      c.io.open = [pkgPath];
      c.io.save = out;
      const round = await c.notebook.handlers.openRoundPackage({});
      expect(round).toMatchObject({ role: 'coder', coder: { name } });
      const docId = round!.documentIds[0]!;
      // The codebook is the lead's while the round is open; a new code is proposed.
      expect(() => c.notebook.handlers.createTag({ name: 'mine' })).toThrow(/read-only/);
      await c.notebook.handlers.proposeCode({
        roundId: round!.id,
        name: `${name}'s code`,
        description: '',
      });
      const a = await code(c.notebook, docId, phrase, 'stance/defiance');
      expect(a.coder).toMatchObject({ name });
      const saved = await c.notebook.handlers.exportCodingFile({ roundId: round!.id, close: true });
      expect(saved).toMatchObject({ highlights: 1, proposals: 1 });
      // Handed in: the codebook is the coder's own again.
      await c.notebook.handlers.createTag({ name: 'mine' });
      coders.push(saved!.path);
      await c.notebook.close();
    }

    lead.io.open = coders;
    const items = await lead.notebook.handlers.importCodingFiles({ roundId: created!.round.id });
    expect(items.map((i) => i.status)).toEqual(['imported', 'imported']);
    const [summary] = await lead.notebook.handlers.listRounds({});
    expect(summary!.layers.map((l) => [l.coder.name, l.highlights])).toEqual([
      ['Ana', 1],
      ['Ben', 1],
    ]);
    expect(summary!.proposals.map((p) => p.name)).toEqual(["Ana's code", "Ben's code"]);
    // Layers stay apart from the notebook's own highlights.
    expect(await lead.notebook.handlers.listAnnotations({ documentId: sample!.id })).toHaveLength(
      1,
    );

    const layers = await lead.notebook.handlers.roundLayers({
      roundId: summary!.id,
      documentId: sample!.id,
    });
    const clusters = codeClusters(
      layers.map((l) => ({ coder: l.coder.id, highlights: l.highlights })),
      sample!.id,
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      agreed: false,
      coders: expect.arrayContaining(layers.map((l) => l.coder.id)),
    });
    const overlap = settledRange(clusters[0]!, 'overlap')!;
    const doc = lead.notebook.store.data.documents.find((d) => d.id === sample!.id)!;
    expect(doc.text.slice(overlap.start, overlap.end)).toBe('ready to fight you');
    const settled = await lead.notebook.handlers.settleCluster({
      roundId: summary!.id,
      documentId: sample!.id,
      tagId: clusters[0]!.tagId,
      ...overlap,
      how: 'overlap',
      coders: clusters[0]!.coders,
    });
    expect(settled.consensus).toMatchObject({ roundId: summary!.id, how: 'overlap' });
    expect(settled.consensus!.coders).toHaveLength(2);
    // Importing a coder's file again replaces their layer.
    lead.io.open = [coders[0]!];
    expect(
      (await lead.notebook.handlers.importCodingFiles({ roundId: summary!.id }))[0]!.status,
    ).toBe('replaced');

    // The Team view's figures come without the list of disagreements; the report quotes them.
    const agreement = await lead.notebook.handlers.roundAgreement({ roundId: summary!.id });
    expect(agreement.coders).toHaveLength(2);
    expect(agreement.overall.units).toBeGreaterThan(0);
    expect(agreement.disagreements).toEqual([]);
    const report = await lead.notebook.handlers.exportAgreement({
      roundId: summary!.id,
      format: 'html',
    });
    const html = await readFile(report!.path, 'utf8');
    expect(html).toContain('1 passage where the coders differ');
    expect(html).toContain('ready to fight you');
    const csv = await lead.notebook.handlers.exportAgreement({
      roundId: summary!.id,
      format: 'csv',
    });
    expect(await readFile(csv!.path, 'utf8')).toContain('scope,document_id');
    await lead.notebook.close();
  });

  it('keeps the quote finder from adding codes to the lead’s codebook during a round', async () => {
    const lead = await person('Lead');
    lead.io.save = await tempDir();
    const [sample] = await lead.notebook.handlers.listDocuments({});
    await lead.notebook.handlers.createTag({ name: 'speaker/Ana Lopez' });
    const created = await lead.notebook.handlers.createRound({
      name: 'Round Q',
      instructions: '',
      documentIds: [sample!.id],
    });
    const coder = await person('Ben', false);
    coder.io.open = [created!.path];
    const round = await coder.notebook.handlers.openRoundPackage({});
    const documentId = round!.documentIds[0]!;
    const quote = { start: 0, end: 12, speaker: 'Ana Lopez', role: '' };
    const tagsBefore = coder.notebook.store.data.tags.map((t) => t.name).sort();
    // The lead's codebook has the speaker but no "quote" code: refused, naming it, nothing added.
    expect(() =>
      coder.notebook.handlers.acceptQuotes({ documentId, quotes: [quote], color: 'yellow' }),
    ).toThrow(
      'The codebook is read-only while you code in the round “Round Q”, and accepting these quotes would add the code “quote”. Propose it instead (proposals reach the lead with your coding file).',
    );
    expect(coder.notebook.store.data.tags.map((t) => t.name).sort()).toEqual(tagsBefore);
    expect(coder.notebook.store.data.annotations).toHaveLength(0);
    await coder.notebook.close();

    // With "quote" in the lead's codebook, a known speaker is accepted and an unknown one named.
    await lead.notebook.handlers.createTag({ name: 'quote' });
    const second = await lead.notebook.handlers.createRound({
      name: 'Round R',
      instructions: '',
      documentIds: [sample!.id],
    });
    const other = await person('Cy', false);
    other.io.open = [second!.path];
    const r = await other.notebook.handlers.openRoundPackage({});
    const doc = r!.documentIds[0]!;
    expect(() =>
      other.notebook.handlers.acceptQuotes({
        documentId: doc,
        quotes: [{ ...quote, speaker: 'Someone Else' }],
        color: 'yellow',
      }),
    ).toThrow(
      /would add the code “speaker\/Someone Else”.*or accept the quotes without a speaker\./,
    );
    const accepted = await other.notebook.handlers.acceptQuotes({
      documentId: doc,
      quotes: [quote],
      color: 'yellow',
    });
    expect(accepted.createdTagIds).toEqual([]);
    expect(accepted.annotations[0]?.coder).toMatchObject({ name: 'Cy' });
    await other.notebook.close();
  });

  it('refuses a coding file whose document text differs from the package’s, by name', async () => {
    const out = await tempDir();
    const lead = await person('Lead');
    lead.io.save = out;
    const [sample] = await lead.notebook.handlers.listDocuments({});
    const created = await lead.notebook.handlers.createRound({
      name: 'R',
      instructions: '',
      documentIds: [sample!.id],
    });
    const coder = await person('Ana', false);
    coder.io.open = [created!.path];
    coder.io.save = out;
    const round = await coder.notebook.handlers.openRoundPackage({});
    const saved = await coder.notebook.handlers.exportCodingFile({
      roundId: round!.id,
      close: false,
    });
    await coder.notebook.close();
    const file = JSON.parse(await readFile(saved!.path, 'utf8'));
    file.documents[0].contentHash = 'sha256:0000';
    const changed = join(out, 'changed.mcoding');
    await writeFile(changed, JSON.stringify(file));
    const junk = join(out, 'junk.mcoding');
    await writeFile(junk, '{"format":"something else"}');
    lead.io.open = [changed, junk];
    const items = await lead.notebook.handlers.importCodingFiles({ roundId: created!.round.id });
    expect(items[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/text of “Afghan officials.*differs/),
    });
    expect(items[1]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/not a Marginalia coding file/),
    });
    expect((await lead.notebook.handlers.listRounds({}))[0]!.layers).toEqual([]);
    await lead.notebook.close();
  });

  it('asks for the coder’s name before a round starts', async () => {
    const lead = await person('');
    const [sample] = await lead.notebook.handlers.listDocuments({});
    await expect(
      lead.notebook.handlers.createRound({
        name: 'R',
        instructions: '',
        documentIds: [sample!.id],
      }),
    ).rejects.toThrow(/Set your name as coder/);
    await lead.notebook.close();
  });
});

describe('agreement from a lead’s backup', () => {
  it('compares the coders’ layers of its round, not the notebook’s own highlights', async () => {
    const { agreementFromFiles } = await import('../../../shared/rounds/agreement-files.ts');
    const { agreementTable } = await import('../../../shared/agreement/table.ts');
    const lead = await person('Lead');
    const [sample] = await lead.notebook.handlers.listDocuments({});
    const tag = await lead.notebook.handlers.createTag({ name: 'stance' });
    await code(lead.notebook, sample!.id, 'we are ready', 'stance');
    const at = new Date().toISOString();
    const layer = (id: string, end: number) => ({
      coder: { id, name: id.toUpperCase() },
      importedAt: at,
      fileName: `${id}.mcoding`,
      highlights: [
        { id: `h-${id}`, documentId: sample!.id, start: 100, end, tagIds: [tag.id], comment: '' },
      ],
    });
    const round = {
      id: 'round_x',
      name: 'X',
      instructions: '',
      role: 'lead' as const,
      documentIds: [sample!.id],
      tagIds: [tag.id],
      proposals: [],
      layers: [layer('ana', 150), layer('ben', 160)],
      createdAt: at,
      updatedAt: at,
    };
    lead.notebook.store.change((data) => data.rounds.push(round));
    const read = agreementFromFiles(
      [{ kind: 'backup', file: 'lead.json', data: lead.notebook.store.data }],
      {},
    );
    expect(read.coders.map((c) => c.name)).toEqual(['ANA', 'BEN']);
    expect(read.notes.join(' ')).toMatch(/layers of the round “X”/);
    const table = agreementTable(read.input, { bootstrapSamples: 0 });
    expect(table.overall.alpha).not.toBeNull();
    await lead.notebook.close();
  });
});
