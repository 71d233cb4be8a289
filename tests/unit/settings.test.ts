import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsService, SETTINGS_FILE } from '../../electron/notebook/settings-service.ts';
import type { NotebookEvent } from '../../shared/contract.ts';
import {
  applySettingsPatch,
  colorLabels,
  defaultSettings,
} from '../../shared/settings/settings.ts';
import { readSettings, settingsPatchSchema } from '../../shared/settings/settings-schema.ts';

describe('settings (shared)', () => {
  it('merges colour names per colour and drops an emptied one back to the default', () => {
    const base = defaultSettings('coder_1');
    const named = applySettingsPatch(base, { colorNames: { yellow: 'Evidence', blue: 'Claim' } });
    const renamed = applySettingsPatch(named, { colorNames: { blue: '  ' } });
    expect(renamed.colorNames).toEqual({ yellow: 'Evidence' });
    expect(colorLabels(renamed.colorNames)).toMatchObject({ yellow: 'Evidence', blue: 'Blue' });
  });

  it('never lets a patch change the coder id', () => {
    const base = defaultSettings('coder_1');
    expect(settingsPatchSchema.safeParse({ coder: { id: 'x' } }).success).toBe(false);
    expect(applySettingsPatch(base, { coder: { id: 'x' } } as never).coder.id).toBe('coder_1');
    expect(applySettingsPatch(base, { coderName: ' Ana ' }).coder).toEqual({
      id: 'coder_1',
      name: 'Ana',
    });
  });

  it('keeps every valid field of a partly bad file and names the bad ones', () => {
    const { settings, problems } = readSettings(
      { theme: 'sepia', readerFontSize: 22, lineWidth: 'wide', coder: { id: 'c9', name: 'Bo' } },
      () => 'fresh',
    );
    expect(settings.theme).toBe('system');
    expect(settings.readerFontSize).toBe(22);
    expect(settings.lineWidth).toBe(70);
    expect(settings.coder).toEqual({ id: 'c9', name: 'Bo' });
    expect(problems).toEqual(['theme', 'lineWidth']);
  });
});

describe('the settings service', () => {
  let dir: string;
  const events: NotebookEvent[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'marginalia-settings-'));
    events.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the file with a coder id once and keeps it across openings', async () => {
    const first = await createSettingsService(dir, (e) => events.push(e));
    const { settings } = first.getSettings({});
    expect(settings.coder.id).toMatch(/^coder_/);
    await first.updateSettings({ theme: 'dark', colorNames: { pink: 'Emotion' } });
    expect(events.at(-1)).toMatchObject({ type: 'settings', settings: { theme: 'dark' } });

    const again = await createSettingsService(dir, () => {});
    expect(again.getSettings({})).toEqual({
      settings: { ...settings, theme: 'dark', colorNames: { pink: 'Emotion' } },
      problem: null,
    });
    const onDisk = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk.theme).toBe('dark');
  });

  it('sets a damaged file aside under a new name, says so, and starts from defaults', async () => {
    await writeFile(join(dir, SETTINGS_FILE), '{"theme": "dark",');
    const service = await createSettingsService(dir, () => {});
    const { settings, problem } = service.getSettings({});
    expect(settings.theme).toBe('system');
    expect(problem).toMatch(/could not be read.*kept as settings\.damaged-\d+\.json/);
    const files = await readdir(dir);
    const kept = files.find((f) => f.startsWith('settings.damaged-'));
    expect(await readFile(join(dir, kept!), 'utf8')).toBe('{"theme": "dark",');
  });

  it('applies the last of several quick changes, on disk too', async () => {
    const service = await createSettingsService(dir, () => {});
    await Promise.all([
      service.updateSettings({ readerFontSize: 20 }),
      service.updateSettings({ readerFontSize: 24 }),
      service.updateSettings({ lineWidth: 90 }),
    ]);
    const onDisk = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk).toMatchObject({ readerFontSize: 24, lineWidth: 90 });
  });

  it('does not write in a read-only notebook', async () => {
    const service = await createSettingsService(dir, () => {}, { readOnly: true });
    await expect(
      Promise.resolve().then(() => service.updateSettings({ theme: 'light' })),
    ).rejects.toThrow(/read-only/);
    expect(await readdir(dir)).toEqual([]);
  });
});
