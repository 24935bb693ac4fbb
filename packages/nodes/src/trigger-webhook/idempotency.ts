// The idempotency key of an inbound webhook: a header (default `webhook-id`) or a payload field, per trigger config.
import { createHash } from 'node:crypto';
import { getPath } from '../kit/path';
import type { WebhookConfig } from './config';

/** Keys longer than this are stored as `sha256:<hex>` so a caller cannot bloat the index. */
export const MAX_KEY_LENGTH = 200;

/**
 * The key that makes duplicate deliveries return the first run, or null when there is none
 * (source `none`, header absent or empty, field missing or not a string/number).
 *
 * @example webhookIdempotencyKey({ ...config, idempotency: { source: 'field', key: 'event.id' } }, {}, { event: { id: 'e1' } }) // 'e1'
 */
export function webhookIdempotencyKey(
  config: Pick<WebhookConfig, 'idempotency'>,
  headers: Record<string, string>,
  payload: unknown,
): string | null {
  const { source, key } = config.idempotency;
  if (source === 'none') return null;
  const raw = source === 'header' ? headerValue(headers, key) : fieldValue(payload, key);
  const value = raw?.trim();
  if (!value) return null;
  return value.length > MAX_KEY_LENGTH ? `sha256:${createHash('sha256').update(value).digest('hex')}` : value;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  // Servers hand headers over with lower-case names: look there first, scan only names that are not.
  if (Object.hasOwn(headers, wanted)) return headers[wanted];
  for (const k in headers) if (/[A-Z]/.test(k) && k.toLowerCase() === wanted) return headers[k];
  return undefined;
}

function fieldValue(payload: unknown, path: string): string | undefined {
  const value = getPath(payload, path);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
