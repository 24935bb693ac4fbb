// startSluice in-process on PostgreSQL: the API role serves and is ready; a worker serves its operations endpoints;
// a worker without DATABASE_URL is refused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../../test/support/databases';
import { type Config, ConfigError, loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { startSluice } from './start';

const log = createLogger('silent');

function config(overrides: Partial<Config>): Config {
  return {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'sluice-start-')),
    examplesDir: undefined,
    workerPort: 0,
    queuePrefix: uniquePrefix('start'),
    ...overrides,
  };
}

describe('startSluice', () => {
  it('starts the api role on PostgreSQL, answers /ready, and stops', { timeout: 60_000 }, async () => {
    const running = await startSluice(
      config({ role: 'api', databaseUrl: inject('databaseUrl'), adminToken: 'start-test-token' }),
      log,
    );
    try {
      const base = `http://127.0.0.1:${running.port}`;
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
      expect((await ready.json()) as unknown).toEqual({
        ready: true,
        checks: { postgres: { ok: true }, redis: { ok: true } },
      });
      const flows = await fetch(`${base}/api/flows`, {
        headers: { authorization: 'Bearer start-test-token' },
      });
      expect(flows.status).toBe(200);
      // Checks (snippets compile) run before the engine's schedule registration.
      const hooks = running.resources.flowHooks;
      expect(hooks.length).toBeGreaterThan(1);
      expect(hooks.at(-1)).toBe(running.resources.engine?.flowHooks);
    } finally {
      await running.stop();
    }
    await expect(fetch(`http://127.0.0.1:${running.port}/health`)).rejects.toThrow();
  });

  it('starts a worker on PostgreSQL that serves only /health, /ready and /metrics', {
    timeout: 60_000,
  }, async () => {
    const running = await startSluice(config({ role: 'worker', databaseUrl: inject('databaseUrl') }), log);
    try {
      expect(running.resources.engine).toBeDefined();
      const base = `http://127.0.0.1:${running.port}`;
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(200);
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain('sluice_step_duration_seconds');
      expect(text).toMatch(/sluice_audit_unsealed\{measure="blocks"\} \d+/);
      // No API, no designer, no webhooks on a worker.
      expect((await fetch(`${base}/api/flows`)).status).toBe(404);
      expect((await fetch(`${base}/webhooks/x`, { method: 'POST' })).status).toBe(404);
    } finally {
      await running.stop();
    }
  });

  it('starts a worker without any HTTP server when SLUICE_WORKER_PORT=off', { timeout: 60_000 }, async () => {
    const off = config({ role: 'worker', databaseUrl: inject('databaseUrl'), workerPort: null });
    const running = await startSluice(off, log);
    expect(running.port).toBeUndefined();
    await running.stop();
  });

  it('refuses a separate worker on embedded PGlite', async () => {
    await expect(startSluice(config({ role: 'worker', databaseUrl: undefined }), log)).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});
