import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { NotebookEvent, NotebookHandlers } from '../../shared/contract.ts';
import { NotebookError } from '../../shared/result.ts';
import {
  applySettingsPatch,
  defaultSettings,
  type Settings,
} from '../../shared/settings/settings.ts';
import { readSettings } from '../../shared/settings/settings-schema.ts';
import { readJsonFile, writeFileDurably } from './durable-json-file.ts';
import { newId } from './ids.ts';

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
  // Writes go one after another so the file always ends as the last change left it.
  let writing: Promise<void> = Promise.resolve();
  // A new coder id is written at once, so it is the same the next time the notebook opens.
  if (loaded.fresh && !options.readOnly) {
    await save(path, settings).catch((error: unknown) => {
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
      writing = writing.catch(() => {}).then(() => save(path, next));
      try {
        await writing;
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
  let file: Awaited<ReturnType<typeof readJsonFile>>;
  try {
    file = await readJsonFile(path);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // Keep the damaged file for the user (or support) to look at; start from defaults.
    const keptAs = `settings.damaged-${Date.now()}.json`;
    if (!readOnly) await rename(path, join(path, '..', keptAs));
    return {
      settings: defaultSettings(newId('coder')),
      problem: `The preferences file could not be read (${error.message}); defaults are in use${readOnly ? '' : ` and the damaged file was kept as ${keptAs}`}.`,
      fresh: true,
    };
  }
  if (!file.found) return { settings: defaultSettings(newId('coder')), problem: null, fresh: true };
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

function save(path: string, settings: Settings): Promise<void> {
  return writeFileDurably(path, `${JSON.stringify(settings, null, 2)}\n`);
}
