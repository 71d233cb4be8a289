import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { agreementCsv } from '../../shared/agreement/csv.ts';
import { agreementReportHtml } from '../../shared/agreement/report-html.ts';
import { agreementTable } from '../../shared/agreement/table.ts';
import { describeRange } from '../../shared/anchoring/describe.ts';
import { DEFAULT_COLOR } from '../../shared/colors.ts';
import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { fileNameStem } from '../../shared/export/format-info.ts';
import type { Annotation, Coder, Round, StoreData } from '../../shared/model.ts';
import { NotebookError } from '../../shared/result.ts';
import { agreementInput } from '../../shared/rounds/agreement-input.ts';
import {
  CODING_EXTENSION,
  PACKAGE_EXTENSION,
  type PackageFile,
} from '../../shared/rounds/files.ts';
import type { RoundSummary } from '../../shared/rounds/summary.ts';
import { announceAnnotations } from './annotation-delta.ts';
import { checkExportTarget, writeExportFile } from './export-file.ts';
import type { NotebookHost } from './host.ts';
import { newId } from './ids.ts';
import { checkRange, findDocument } from './lookups.ts';
import { buildCodingFile, layerFromCodingFile, parseCodingFile } from './rounds/coding-file.ts';
import { buildPackage, parsePackage, planOpenPackage } from './rounds/package-file.ts';
import type { Changed } from './service.ts';
import type { Store } from './store.ts';
import { filesDirIn, keepFile, readKeptFile, sha256Hex } from './stored-files.ts';

type RoundHandlers = Pick<
  NotebookHandlers,
  | 'listRounds'
  | 'createRound'
  | 'openRoundPackage'
  | 'proposeCode'
  | 'exportCodingFile'
  | 'importCodingFiles'
  | 'roundLayers'
  | 'settleCluster'
  | 'roundAgreement'
  | 'exportAgreement'
>;

/** Past this a round's file is not one Marginalia wrote. */
const ROUND_FILE_MAX_BYTES = 1024 * 1024 * 1024;

export function summarizeRound(round: Round): RoundSummary {
  return {
    ...round,
    layers: round.layers.map((l) => ({
      coder: l.coder,
      importedAt: l.importedAt,
      fileName: l.fileName,
      highlights: l.highlights.length,
    })),
  };
}

function findRound(data: StoreData, id: string): Round {
  const round = data.rounds.find((r) => r.id === id);
  if (!round)
    throw new NotebookError('not-found', 'That coding round is no longer in the notebook.');
  return round;
}

async function readRoundFile(path: string): Promise<string> {
  const size = (await stat(path)).size;
  if (size > ROUND_FILE_MAX_BYTES)
    throw new NotebookError(
      'invalid-input',
      `${basename(path)} is larger than any round file Marginalia writes.`,
    );
  return readFile(path, 'utf8');
}

/**
 * Coding rounds. The lead hands out a package (documents, PDFs, codebook, name and
 * instructions) and collects each coder's coding file as a layer, kept apart from the notebook's
 * own highlights and from the other coders'; settling a disagreement makes a consensus highlight
 * of the notebook's own. A coder opens the package as a round (the codebook read-only), codes,
 * proposes codes, and hands in their coding file. Files travel by any means; paths come from the
 * host's dialogs only.
 */
export function createRoundsService(
  store: Store,
  changed: Changed,
  options: {
    host: NotebookHost;
    emit: (event: NotebookEvent) => void;
    now: () => string;
    coder: () => Coder;
  },
) {
  const { host, now } = options;
  const filesDir = () => filesDirIn(store.dataDir);

  /** The coder profile, which a round needs a name for (asked in the round's dialogs). */
  function coderProfile(): Coder {
    const coder = options.coder();
    if (!coder.name.trim())
      throw new NotebookError(
        'invalid-input',
        'Set your name as coder first (Preferences › Coder), so the team knows whose coding this is.',
      );
    return coder;
  }

  async function writeJson(path: string, value: unknown) {
    await checkExportTarget(path, store.dataDir);
    await writeExportFile(path, [JSON.stringify(value, null, 1)], () => false);
  }

  /**
   * The round's agreement for a subset of its documents and codes (all when not given); the
   * disagreements listed only where they are shown (the report and the CSV).
   */
  function agreementOf(
    round: Round,
    documentIds?: readonly string[],
    tagIds?: readonly string[],
    listDisagreements = true,
  ) {
    if (round.role !== 'lead')
      throw new NotebookError(
        'invalid-input',
        'Agreement is measured in the round the lead handed out.',
      );
    if (round.layers.length < 2)
      throw new NotebookError(
        'invalid-input',
        'Agreement needs the coding of at least two coders: collect their coding files first.',
      );
    const docs = store.data.documents
      .filter((d) => round.documentIds.includes(d.id))
      .map((d) => ({ id: d.id, length: d.text.length }));
    const input = agreementInput(
      docs,
      round.layers.map((l) => ({ coder: l.coder.id, highlights: l.highlights })),
    );
    return agreementTable(input, {
      ...(documentIds ? { documents: documentIds } : {}),
      ...(tagIds ? { codes: tagIds } : {}),
      listDisagreements,
    });
  }

  const handlers: RoundHandlers = {
    listRounds: () => store.data.rounds.map(summarizeRound),

    async createRound({ name, instructions, documentIds }) {
      const lead = coderProfile();
      for (const id of documentIds) findDocument(store.data, id);
      const at = now();
      const round: Round = {
        id: newId('round'),
        name: name.trim(),
        instructions,
        role: 'lead',
        documentIds: [...new Set(documentIds)],
        tagIds: store.data.tags.map((t) => t.id),
        coder: lead,
        proposals: [],
        layers: [],
        createdAt: at,
        updatedAt: at,
      };
      const pkg = buildPackage(store.data, round, lead);
      const files: PackageFile['files'] = {};
      for (const doc of pkg.documents) {
        if (!doc.pdf) continue;
        const bytes = await readKeptFile(filesDir(), doc.pdf.file, 'pdf');
        files[`${doc.pdf.file}.pdf`] = Buffer.from(bytes).toString('base64');
      }
      const path = await host.chooseSavePath({
        title: 'Save the coding package',
        defaultName: `${fileNameStem(round.name) || 'Round'} – package.${PACKAGE_EXTENSION}`,
        filters: [{ name: 'Marginalia coding package', extensions: [PACKAGE_EXTENSION] }],
      });
      if (!path) return null;
      await writeJson(path, { ...pkg, files });
      store.change((data) => data.rounds.push(round));
      changed('rounds');
      return { round: summarizeRound(round), path };
    },

    async openRoundPackage() {
      const coder = coderProfile();
      const [path] = await host.chooseImportFiles({
        multiple: false,
        title: 'Open a coding package',
        filters: [{ name: 'Marginalia coding package', extensions: [PACKAGE_EXTENSION, 'json'] }],
      });
      if (!path) return null;
      const pkg = parsePackage(await readRoundFile(path), basename(path));
      // The PDFs go into files/ first, each checked against its name.
      for (const [name, base64] of Object.entries(pkg.files)) {
        const bytes = Buffer.from(base64, 'base64');
        const hash = name.slice(0, 64);
        if (sha256Hex(bytes) !== hash)
          throw new NotebookError(
            'invalid-input',
            `${basename(path)} is damaged: its file ${name} does not match its name.`,
          );
        await keepFile(filesDir(), hash, bytes, 'pdf');
      }
      const plan = planOpenPackage(store.data, pkg, coder, now(), (kind) => newId(kind));
      store.change((data) => {
        data.documents.push(...plan.documents);
        data.tags.push(...plan.tags);
        data.rounds.push(plan.round);
      });
      changed('documents', 'tags', 'rounds');
      return summarizeRound(plan.round);
    },

    proposeCode({ roundId, name, description }) {
      const round = findRound(store.data, roundId);
      if (round.role !== 'coder' || round.closedAt)
        throw new NotebookError(
          'invalid-input',
          'Codes are proposed in an open round you are coding.',
        );
      const proposal = {
        name: name.trim(),
        description,
        coder: round.coder ?? coderProfile(),
        createdAt: now(),
      };
      const next = { ...round, proposals: [...round.proposals, proposal], updatedAt: now() };
      store.change((data) => {
        data.rounds = data.rounds.map((r) => (r.id === roundId ? next : r));
      });
      changed('rounds');
      return summarizeRound(next);
    },

    async exportCodingFile({ roundId, close }) {
      const round = findRound(store.data, roundId);
      const file = buildCodingFile(store.data, round, now());
      const path = await host.chooseSavePath({
        title: 'Save your coding file',
        defaultName: `${fileNameStem(round.name)} – ${fileNameStem(round.coder?.name ?? '') || 'coder'}.${CODING_EXTENSION}`,
        filters: [{ name: 'Marginalia coding file', extensions: [CODING_EXTENSION] }],
      });
      if (!path) return null;
      await writeJson(path, file);
      if (close && !round.closedAt) {
        const closed = { ...round, closedAt: now(), updatedAt: now() };
        store.change((data) => {
          data.rounds = data.rounds.map((r) => (r.id === roundId ? closed : r));
        });
        changed('rounds');
      }
      return { path, highlights: file.highlights.length, proposals: file.proposals.length };
    },

    async importCodingFiles({ roundId }) {
      findRound(store.data, roundId);
      const paths = await host.chooseImportFiles({
        multiple: true,
        title: 'Collect coding files',
        filters: [{ name: 'Marginalia coding file', extensions: [CODING_EXTENSION, 'json'] }],
      });
      const items = [];
      for (const path of paths.slice(0, 50)) {
        const fileName = basename(path);
        try {
          const round = findRound(store.data, roundId);
          const file = parseCodingFile(await readRoundFile(path), fileName);
          const { layer, unknownCodes } = layerFromCodingFile(
            store.data,
            round,
            file,
            fileName,
            now(),
          );
          const replaced = round.layers.some((l) => l.coder.id === layer.coder.id);
          const proposals = file.proposals.filter(
            (p) => !round.proposals.some((q) => q.name === p.name && q.coder.id === p.coder.id),
          );
          const next: Round = {
            ...round,
            layers: [...round.layers.filter((l) => l.coder.id !== layer.coder.id), layer],
            proposals: [...round.proposals, ...proposals],
            updatedAt: now(),
          };
          store.change((data) => {
            data.rounds = data.rounds.map((r) => (r.id === roundId ? next : r));
          });
          items.push({
            fileName,
            status: replaced ? ('replaced' as const) : ('imported' as const),
            coder: layer.coder,
            highlights: layer.highlights.length,
            proposals: proposals.length,
            unknownCodes,
          });
        } catch (error) {
          if (!(error instanceof NotebookError)) throw error;
          items.push({ fileName, status: 'failed' as const, reason: error.message });
        }
      }
      if (items.some((i) => i.status !== 'failed')) changed('rounds');
      return items;
    },

    roundLayers({ roundId, documentId }) {
      const round = findRound(store.data, roundId);
      return round.layers.map((l) => ({
        coder: l.coder,
        highlights: l.highlights.filter((h) => h.documentId === documentId),
      }));
    },

    roundAgreement({ roundId, documentIds, tagIds }) {
      // The Team view shows the figures; it compares documents itself, so no list crosses IPC.
      return agreementOf(findRound(store.data, roundId), documentIds, tagIds, false);
    },

    async exportAgreement({ roundId, format, documentIds, tagIds }) {
      const round = findRound(store.data, roundId);
      // The report quotes the disagreements; the CSV holds the figures only.
      const table = agreementOf(round, documentIds, tagIds, format === 'html');
      const docs = store.data.documents.filter((d) => round.documentIds.includes(d.id));
      const codes = store.data.tags
        .filter((t) => table.codes.includes(t.id))
        .map((t) => ({ id: t.id, name: t.name }));
      const safe = fileNameStem(round.name) || 'Round';
      const path = await host.chooseSavePath({
        title: format === 'html' ? 'Save the agreement report' : 'Save the agreement table',
        defaultName: `${safe} – agreement.${format}`,
        filters: [
          { name: format === 'html' ? 'HTML report' : 'CSV spreadsheet', extensions: [format] },
        ],
      });
      if (!path) return null;
      const text =
        format === 'csv'
          ? agreementCsv(table, {
              codes: Object.fromEntries(codes.map((c) => [c.id, c.name])),
              documents: Object.fromEntries(docs.map((d) => [d.id, d.title])),
            })
          : agreementReportHtml(table, {
              title: `Agreement in “${round.name}”`,
              generatedAt: now(),
              documents: docs.map((d) => ({ id: d.id, title: d.title, text: d.text })),
              coders: round.layers.map((l) => ({ id: l.coder.id, name: l.coder.name })),
              codes,
            });
      await checkExportTarget(path, store.dataDir);
      await writeExportFile(path, [text], () => false);
      return { path };
    },

    settleCluster({ roundId, documentId, tagId, start, end, how, coders }) {
      const round = findRound(store.data, roundId);
      if (round.role !== 'lead')
        throw new NotebookError('invalid-input', 'Disagreements are settled in the lead’s round.');
      if (!round.documentIds.includes(documentId))
        throw new NotebookError('invalid-input', 'That document is not in the round.');
      const document = findDocument(store.data, documentId);
      checkRange(document, start, end);
      const tag = store.data.tags.find((t) => t.id === tagId);
      if (!tag) throw new NotebookError('not-found', 'That code is no longer in the codebook.');
      const { position, quote } = describeRange(document.text, start, end);
      const at = now();
      const lead = options.coder();
      const annotation: Annotation = {
        id: newId('ann'),
        documentId,
        target: { documentId, position, quote },
        color: tag.color ?? DEFAULT_COLOR,
        tagIds: [tag.id],
        comment: '',
        createdAt: at,
        updatedAt: at,
        coder: { id: lead.id, name: lead.name },
        consensus: { roundId, coders: [...new Set(coders)], how, settledAt: at },
      };
      store.change((data) => data.annotations.push(annotation));
      announceAnnotations(store, changed, { put: [annotation] });
      return annotation;
    },
  };
  return { handlers };
}
