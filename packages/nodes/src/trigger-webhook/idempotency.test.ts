// webhookIdempotencyKey: header or payload field per config, absent values, long keys hashed.
import { describe, expect, it } from 'vitest';
import { WebhookConfigSchema } from './config';
import { MAX_KEY_LENGTH, webhookIdempotencyKey } from './idempotency';

const config = (idempotency?: object) => WebhookConfigSchema.parse({ path: 'hr', idempotency });

describe('webhookIdempotencyKey', () => {
  it('defaults to the webhook-id header, in any case', () => {
    expect(webhookIdempotencyKey(config(), { 'Webhook-Id': 'msg_1' }, {})).toBe('msg_1');
    expect(webhookIdempotencyKey(config(), {}, { id: 'x' })).toBeNull();
    expect(webhookIdempotencyKey(config(), { 'webhook-id': '  ' }, {})).toBeNull();
  });

  it('reads a configured header', () => {
    const c = config({ source: 'header', key: 'X-Request-Id' });
    expect(webhookIdempotencyKey(c, { 'x-request-id': 'r-9' }, {})).toBe('r-9');
  });

  it('reads a payload field by dotted path, strings and numbers only', () => {
    const c = config({ source: 'field', key: 'event.ids.0' });
    expect(webhookIdempotencyKey(c, {}, { event: { ids: ['e1'] } })).toBe('e1');
    expect(webhookIdempotencyKey(c, {}, { event: { ids: [42] } })).toBe('42');
    expect(webhookIdempotencyKey(c, {}, { event: { ids: [{ nested: 1 }] } })).toBeNull();
    expect(webhookIdempotencyKey(c, {}, { event: {} })).toBeNull();
    expect(webhookIdempotencyKey(c, {}, 'not an object')).toBeNull();
  });

  it('returns null for source none even when a header is present', () => {
    expect(webhookIdempotencyKey(config({ source: 'none' }), { 'webhook-id': 'm' }, {})).toBeNull();
  });

  it('hashes keys longer than the limit, stably', () => {
    const long = 'k'.repeat(MAX_KEY_LENGTH + 1);
    const key = webhookIdempotencyKey(config(), { 'webhook-id': long }, {});
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(webhookIdempotencyKey(config(), { 'webhook-id': long }, {})).toBe(key);
    expect(webhookIdempotencyKey(config(), { 'webhook-id': 'k'.repeat(MAX_KEY_LENGTH) }, {})).toHaveLength(
      MAX_KEY_LENGTH,
    );
  });
});
