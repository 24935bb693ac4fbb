// Build the outbound request of delivery.http from its config, the input and the step context (no I/O).
import { JsonData } from '@sluice/shared';
import type { ExecutionContext } from '../kit/executor';
import { standardWebhook } from '../kit/standard-webhooks';
import { renderTemplate } from '../kit/template';
import type { DeliveryHttpConfig } from './config';
import { renderHeaders, renderUrl } from './template';

export interface PreparedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

type Ctx = Pick<ExecutionContext, 'runId' | 'nodeId' | 'variables' | 'now'>;

/**
 * What templates may read: `input.*`, `vars.*`, `run.id`, `node.id`. An input given as JSON text (JsonData) stays
 * so: `getPath` parses it only if a template reads into it.
 */
export function templateScope(input: unknown, ctx: Ctx): Record<string, unknown> {
  return { input, vars: ctx.variables, run: { id: ctx.runId }, node: { id: ctx.nodeId } };
}

/** `runId:nodeId`: stable across attempts so consumers can de-duplicate redeliveries. */
export const idempotencyKey = (ctx: Pick<ExecutionContext, 'runId' | 'nodeId'>) =>
  `${ctx.runId}:${ctx.nodeId}`;

/**
 * Renders URL, headers and body, then adds auth and the `idempotency-key` header.
 * GET requests never carry a body. Header names in the result are lower-case.
 */
export function prepareRequest(input: unknown, config: DeliveryHttpConfig, ctx: Ctx): PreparedRequest {
  const scope = templateScope(input, ctx);
  const url = renderUrl(config.url, scope);
  const headers = renderHeaders(config.headers, scope);
  const body = config.method === 'GET' ? undefined : renderBody(input, config, scope, headers);
  const key = idempotencyKey(ctx);
  headers['idempotency-key'] = key;
  headers['user-agent'] ??= 'sluice';
  applyAuth(config.auth, headers, key, body, ctx.now());
  return body === undefined
    ? { method: config.method, url, headers }
    : { method: config.method, url, headers, body };
}

function renderBody(
  input: unknown,
  config: DeliveryHttpConfig,
  scope: Record<string, unknown>,
  headers: Record<string, string>,
): string | undefined {
  const { body } = config;
  if (body.mode === 'none') return undefined;
  if (body.mode === 'input') {
    headers['content-type'] ??= 'application/json';
    // The previous step's JSON text as it was stored: no parse, no re-stringify.
    return input instanceof JsonData ? input.text : JSON.stringify(input ?? null);
  }
  const text = renderTemplate(body.template, scope, { field: 'body.template' });
  headers['content-type'] ??= parsesAsJson(text) ? 'application/json' : 'text/plain; charset=utf-8';
  return text;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function applyAuth(
  auth: DeliveryHttpConfig['auth'],
  headers: Record<string, string>,
  key: string,
  body: string | undefined,
  now: Date,
) {
  if (auth.kind === 'bearer') headers.authorization = `Bearer ${auth.token}`;
  if (auth.kind === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  }
  if (auth.kind === 'hmac') {
    // Standard Webhooks: the receiver verifies `${id}.${timestamp}.${body}` with the shared secret.
    headers['webhook-id'] = key;
    headers['webhook-timestamp'] = String(Math.floor(now.getTime() / 1000));
    headers['webhook-signature'] = standardWebhook(auth.secret).sign(key, now, body ?? '');
  }
}
