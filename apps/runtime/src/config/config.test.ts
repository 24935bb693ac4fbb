// Configuration: embedded defaults, and a clear error naming the variable for a bad value.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('needs nothing: port 8080, PGlite under ./.data, role all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, role: 'all', databaseUrl: undefined, redisUrl: undefined });
    expect(c.dataDir).toBe(join(import.meta.dirname, '../../../../.data'));
    expect(c.designerDist).toMatch(/apps\/designer\/dist$/);
    expect(c.examplesDir).toMatch(/examples$/);
  });

  it('reads the variables', () => {
    const c = loadConfig({
      PORT: '0',
      DATABASE_URL: 'postgres://x/y',
      SLUICE_ROLE: 'worker',
      SLUICE_EXAMPLES: 'off',
    });
    expect(c).toMatchObject({
      port: 0,
      databaseUrl: 'postgres://x/y',
      role: 'worker',
      examplesDir: undefined,
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(
      new ConfigError('PORT must be an integer >= 0, got "eighty"'),
    );
    expect(() => loadConfig({ SLUICE_ROLE: 'boss' })).toThrow(/SLUICE_ROLE must be one of all, api, worker/);
  });
});
