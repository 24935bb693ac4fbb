// Sandbox settings from the environment, with defaults that suit a small machine.
import type { Logger } from '../logging/logger';
import type { SandboxOptions } from './sandbox';

const int = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * SLUICE_SANDBOX_POOL_SIZE (default 2 isolates), SLUICE_SANDBOX_MEMORY_MB (64), SLUICE_SANDBOX_MAX_TIMEOUT_MS (5000),
 * SLUICE_SANDBOX_DEFAULT_TIMEOUT_MS (1000), SLUICE_SANDBOX_MAX_OUTPUT_BYTES (1 MiB).
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv, log: Logger): SandboxOptions {
  return {
    poolSize: int(env.SLUICE_SANDBOX_POOL_SIZE, 2),
    memoryLimitMb: Math.max(8, int(env.SLUICE_SANDBOX_MEMORY_MB, 64)),
    maxTimeoutMs: int(env.SLUICE_SANDBOX_MAX_TIMEOUT_MS, 5000),
    defaultTimeoutMs: int(env.SLUICE_SANDBOX_DEFAULT_TIMEOUT_MS, 1000),
    maxOutputBytes: int(env.SLUICE_SANDBOX_MAX_OUTPUT_BYTES, 1024 * 1024),
    log,
  };
}
