// Authenticate an inbound webhook request against its trigger config: none, a static token, or Standard Webhooks HMAC.
import { createHash, timingSafeEqual } from 'node:crypto';
import { StepError } from '@sluice/shared';
import { standardWebhook } from '../kit/standard-webhooks';
import type { WebhookConfig } from './config';

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface WebhookRequest {
  headers: Record<string, string>;
  /** The body exactly as received: signatures cover these bytes, not a re-serialised JSON. */
  rawBody: string;
}

/**
 * Checks a webhook request. Never throws for bad requests: a failure comes back as `{ok: false, reason}` that is
 * safe to show the caller (it never contains the secret or the expected value).
 *
 * HMAC follows Standard Webhooks: `webhook-signature` holds space-separated `v1,<base64>` HMAC-SHA256 values of
 * `${webhook-id}.${webhook-timestamp}.${rawBody}`. The `standardwebhooks` package's `verify()` pins a 300 s
 * tolerance to `Date.now()`, so the timestamp is checked here against `toleranceSec` and `now`, and the signature
 * with the package's `sign()` and a timing-safe comparison.
 */
export function verifyWebhook(
  config: WebhookConfig,
  req: WebhookRequest,
  now: Date = new Date(),
): VerifyResult {
  const { auth } = config;
  if (auth.kind === 'none') return { ok: true };
  const headers = lowerCaseKeys(req.headers);
  if (auth.kind === 'token') {
    const name = auth.header.toLowerCase();
    const given = headers[name];
    if (!given) return { ok: false, reason: `missing ${name} header` };
    return safeEqual(given, auth.token)
      ? { ok: true }
      : { ok: false, reason: `${name} header does not match` };
  }
  return verifyStandardWebhook(auth.secret, auth.toleranceSec, headers, req.rawBody, now);
}

function verifyStandardWebhook(
  secret: string,
  toleranceSec: number,
  headers: Record<string, string>,
  rawBody: string,
  now: Date,
): VerifyResult {
  const required = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
  const missing = required.filter((h) => !headers[h]);
  if (missing.length)
    return { ok: false, reason: `missing ${missing.join(', ')} header${missing.length > 1 ? 's' : ''}` };
  const id = headers['webhook-id']!;
  const stamp = headers['webhook-timestamp']!.trim();
  if (!/^\d{1,12}$/.test(stamp))
    return { ok: false, reason: 'webhook-timestamp is not a Unix time in seconds' };
  const age = Math.floor(now.getTime() / 1000) - Number(stamp);
  if (age > toleranceSec) {
    return { ok: false, reason: `webhook-timestamp is too old (${age} s, tolerance ${toleranceSec} s)` };
  }
  if (-age > toleranceSec) {
    return {
      ok: false,
      reason: `webhook-timestamp is too far in the future (${-age} s, tolerance ${toleranceSec} s)`,
    };
  }
  let expected: string;
  try {
    expected = standardWebhook(secret)
      .sign(id, new Date(Number(stamp) * 1000), rawBody)
      .slice('v1,'.length);
  } catch (err) {
    // A misconfigured secret is the flow's fault, but the caller still only learns that verification failed.
    return { ok: false, reason: err instanceof StepError ? 'webhook secret is not usable' : 'cannot verify' };
  }
  const candidates = headers['webhook-signature']!.split(' ').filter((s) => s.startsWith('v1,'));
  if (candidates.length === 0) return { ok: false, reason: 'webhook-signature has no v1 signature' };
  // Check every candidate (no early exit) so timing does not reveal which one matched.
  let matched = false;
  for (const candidate of candidates) matched = safeEqual(candidate.slice(3), expected) || matched;
  return matched ? { ok: true } : { ok: false, reason: 'no matching signature' };
}

/** Constant-time equality of two strings of any length (compares their SHA-256 digests). */
function safeEqual(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}
