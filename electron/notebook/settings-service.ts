import { join } from 'node:path';
import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { NotebookError } from '../../shared/result.ts';
import {
  applySettingsPatch,
  defaultSettings,
  type Settings,
} from '../../shared/settings/settings.ts';
import { readSettings } from '../../shared/settings/settings-schema.ts';
import { newId } from './ids.ts';
import { readSideFile, sideFileWriter } from './side-file.ts';

export const SETTINGS_FILE = 'settings.json';

/** Synchronous reads (the handler type would allow a promise; callers here never need one). */
interface SettingsHandlers extends Pick<NotebookHandlers, 'updateSettings'> {
  getSettings(input: Record<string, never>): { settings: Settings; problem: string | null };
}

/**
 * Preferences, kept in `settings.json` beside the store (not in it: they are this person's, not
 * the notebook's). A damaged file is set aside under a new name and named in `problem`, never
 * overwritten; fields that fail validation fall back to their defaults one by one.
 */
export async function createSettingsService(
  dataDir: string,
  emit: (event: NotebookEvent) => void,
  options: { readOnly?: boolean } = {},
): Promise<SettingsHandlers> {
  const path = join(dataDir, SETTINGS_FILE);
  const loaded = await load(path, Boolean(options.readOnly));
  let settings = loaded.settings;
  let problem = loaded.problem;
  const write = sideFileWriter(path);
  const save = (next: Settings) => write(`${JSON.stringify(next, null, 2)}\n`);
  // A new coder id is written at once, so it is the same the next time the notebook opens.
  if (loaded.fresh && !options.readOnly) {
    await save(settings).catch((error: unknown) => {
      problem ??= `Preferences could not be saved (${error instanceof Error ? error.message : String(error)}).`;
    });
  }

  return {
    getSettings() {
      return { settings, problem };
    },
    async updateSettings(patch) {
      if (options.readOnly)
        throw new NotebookError(
          'unavailable',
          'Preferences cannot change in a read-only notebook.',
        );
      settings = applySettingsPatch(settings, patch);
      problem = null;
      const next = settings;
      try {
        await save(next);
      } catch (error) {
        throw new NotebookError(
          'internal',
          `Preferences could not be saved (${error instanceof Error ? error.message : String(error)}); they apply until Marginalia closes.`,
        );
      } finally {
        emit({ type: 'settings', settings: next });
      }
      return next;
    },
  };
}

async function load(
  path: string,
  readOnly: boolean,
): Promise<{ settings: Settings; problem: string | null; fresh: boolean }> {
  const file = await readSideFile(path, { readOnly });
  if (file.kind === 'damaged')
    // The damaged file stays for the user (or support) to look at; defaults are used.
    return {
      settings: defaultSettings(newId('coder')),
      problem: `The preferences file could not be read (${file.reason}); defaults are in use${file.keptAs ? ` and the damaged file was kept as ${file.keptAs}` : ''}.`,
      fresh: true,
    };
  if (file.kind === 'missing')
    return { settings: defaultSettings(newId('coder')), problem: null, fresh: true };
  const { settings, problems } = readSettings(file.value, () => newId('coder'));
  return {
    settings,
    problem:
      problems.length > 0
        ? `Some preferences were not valid and went back to their defaults: ${problems.join(', ')}.`
        : null,
    fresh: false,
  };
}
