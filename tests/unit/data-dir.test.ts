import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, profileDir, resolveDataDir } from '../../electron/notebook/data-dir.ts';

describe('resolveDataDir', () => {
  const fallback = '/home/user/.config/Marginalia/notebook';

  it('uses the platform folder by default', () => {
    expect(resolveDataDir(['electron', '.'], {}, fallback)).toBe(resolve(fallback));
  });

  it('takes MARGINALIA_DATA_DIR over the default', () => {
    expect(resolveDataDir([], { MARGINALIA_DATA_DIR: '/tmp/env-notes' }, fallback)).toBe(
      '/tmp/env-notes',
    );
  });

  it('takes --data-dir (both spellings) over the environment', () => {
    const env = { MARGINALIA_DATA_DIR: '/tmp/env-notes' };
    expect(resolveDataDir(['app', '--data-dir', '/tmp/flag'], env, fallback)).toBe('/tmp/flag');
    expect(resolveDataDir(['app', '--data-dir=/tmp/flag2'], env, fallback)).toBe('/tmp/flag2');
  });

  it('resolves relative folders and ignores an empty variable', () => {
    expect(resolveDataDir(['--data-dir', 'rel'], {}, fallback)).toBe(resolve('rel'));
    expect(resolveDataDir([], { MARGINALIA_DATA_DIR: '  ' }, fallback)).toBe(resolve(fallback));
  });
});

describe('MARGINALIA_USER_DATA_DIR', () => {
  it('moves the app’s user-data folder, and with it the default notebook the command line finds', () => {
    expect(profileDir({})).toBeNull();
    expect(profileDir({ MARGINALIA_USER_DATA_DIR: '  ' })).toBeNull();
    expect(profileDir({ MARGINALIA_USER_DATA_DIR: 'rel/profile' })).toBe(resolve('rel/profile'));
    expect(appDataDir('linux', { MARGINALIA_USER_DATA_DIR: '/tmp/p' }, '/home/u')).toBe(
      join('/tmp/p', 'notebook'),
    );
    expect(appDataDir('linux', {}, '/home/u')).toBe(
      join('/home/u', '.config', 'Marginalia', 'notebook'),
    );
  });
});
