// Per-host circuit breakers for delivery.http (cockatiel), shared by all steps of this process.
import { RetryableError } from '@sluice/shared';
import type { CircuitBreakerPolicy } from 'cockatiel';
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { isHostFailure } from './classify';
import type { DeliveryHttpConfig } from './config';

type BreakerSettings = DeliveryHttpConfig['breaker'];

// Keyed by host and settings, so two nodes with different thresholds for one host do not share counts. Found
// through the settings object first (a node's parsed config: one per node, stable): no key string per call.
const breakers = new Map<string, CircuitBreakerPolicy>();
let bySettings = new WeakMap<BreakerSettings, Map<string, CircuitBreakerPolicy>>();

const keyOf = (host: string, s: BreakerSettings) => `${host}|${s.threshold}|${s.halfOpenAfterMs}`;

/** The breaker of `host` (`name:port`) for these settings, created on first use. */
export function breakerFor(host: string, settings: BreakerSettings): CircuitBreakerPolicy {
  let hosts = bySettings.get(settings);
  if (!hosts) {
    hosts = new Map();
    bySettings.set(settings, hosts);
  }
  let policy = hosts.get(host);
  if (!policy) {
    const key = keyOf(host, settings);
    policy = breakers.get(key);
    if (!policy) {
      policy = circuitBreaker(handleWhen(isHostFailure), {
        halfOpenAfter: settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.threshold),
      });
      breakers.set(key, policy);
    }
    hosts.set(host, policy);
  }
  return policy;
}

/**
 * Runs `call` through the host's breaker (directly when disabled). Only host failures (network, timeout, 5xx)
 * count; while open, fails fast with a retryable `CircuitOpen` without touching the network.
 */
export async function withBreaker<T>(
  host: string,
  settings: BreakerSettings,
  call: () => Promise<T>,
): Promise<T> {
  if (!settings.enabled) return call();
  try {
    return await breakerFor(host, settings).execute(call);
  } catch (err) {
    if (err instanceof BrokenCircuitError) {
      throw new RetryableError(
        `circuit open for ${host}: ${settings.threshold} consecutive failures, next probe after ${settings.halfOpenAfterMs} ms`,
        { host, threshold: settings.threshold, halfOpenAfterMs: settings.halfOpenAfterMs },
        'CircuitOpen',
      );
    }
    throw err;
  }
}

/** The breaker state of a host, `closed` when it has none yet (for logs and tests). */
export function breakerState(
  host: string,
  settings: BreakerSettings,
): 'closed' | 'open' | 'halfOpen' | 'isolated' {
  const state = breakers.get(keyOf(host, settings))?.state ?? CircuitState.Closed;
  return (['closed', 'open', 'halfOpen', 'isolated'] as const)[state]!;
}

/** Forgets every breaker (tests). */
export function resetBreakers(): void {
  breakers.clear();
  bySettings = new WeakMap();
}
