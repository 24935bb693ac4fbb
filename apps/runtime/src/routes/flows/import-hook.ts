// Validation hook of POST /flows/import: reports the failing branch's own issues (a document or {flows}).
import { FlowDocumentSchema } from '@sluice/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import { validationHook } from '../../api/validation-hook';

const ManySchema = z.object({ flows: z.array(FlowDocumentSchema).min(1).max(500) });

/** A union's error says little; re-parse with the shape the body meant so the path names the field. */
export async function importHook(result: { success: boolean; target: string; error?: unknown }, c: Context) {
  if (result.success) return;
  const raw: unknown = await c.req.json().catch(() => undefined);
  const many = typeof raw === 'object' && raw !== null && 'flows' in raw;
  const parsed = (many ? ManySchema : FlowDocumentSchema).safeParse(raw);
  return validationHook({ success: false, target: 'json', error: parsed.error ?? result.error }, c);
}
