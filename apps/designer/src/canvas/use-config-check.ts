// Local check of a node's config against its kind's zod schema: first problem and the card's summary line.
import { useMemo } from 'react';
import { descriptorOf } from '../graph/ports';

export interface ConfigCheck {
  problem?: string;
  summary?: string;
  /** Problems by dotted field path (`auth.token`), for the config panel. */
  byField: Record<string, string>;
}

// Cards mount and unmount as a large flow pans; a config object is immutable, so its check is computed once.
const checked = new WeakMap<object, { type: string; result: ConfigCheck }>();

export function checkConfig(type: string, config: unknown): ConfigCheck {
  if (config === null || typeof config !== 'object') return computeCheck(type, config);
  const hit = checked.get(config);
  if (hit?.type === type) return hit.result;
  const result = computeCheck(type, config);
  checked.set(config, { type, result });
  return result;
}

function computeCheck(type: string, config: unknown): ConfigCheck {
  const d = descriptorOf(type);
  if (!d) return { problem: `unknown node kind "${type}"`, byField: {} };
  const r = d.config.safeParse(config);
  if (!r.success) {
    const byField: Record<string, string> = {};
    for (const i of r.error.issues) byField[i.path.join('.')] ??= i.message;
    const first = r.error.issues[0];
    return { problem: first ? withPath(first.path.join('.'), first.message) : 'invalid config', byField };
  }
  let summary: string | undefined;
  try {
    summary = d.ui.summary?.(r.data);
  } catch {
    summary = undefined;
  }
  return { summary, byField: {} };
}

export const useConfigCheck = (type: string, config: unknown): ConfigCheck =>
  useMemo(() => checkConfig(type, config), [type, config]);

// Schema messages often already start with their field ("url: required"); don't say it twice.
const withPath = (path: string, message: string) =>
  !path || message.startsWith(`${path.split('.').pop()}:`) ? message : `${path}: ${message}`;
