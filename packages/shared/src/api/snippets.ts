// Request and response shapes of the snippets API (/api/snippets/...): type checking and test runs.
import { z } from 'zod';

export const SnippetDiagnosticSchema = z
  .object({
    /** 1-based, in the snippet's own code. */
    line: z.number().int(),
    column: z.number().int(),
    message: z.string(),
    severity: z.enum(['error', 'warning']),
  })
  .meta({ id: 'SnippetDiagnostic' });

const code = z.string().min(1, 'code: a snippet is required').max(100_000);

/** Where the input's type comes from: a sample (the upstream step's last output) or a declared TypeScript type. */
export const SnippetInputTypeSchema = z.object({
  inputSample: z.unknown().optional(),
  /** A type expression (`{ id: string }`) or declarations (`interface HrEvent {...}`: the first is the input). */
  inputType: z.string().max(20_000).optional(),
});

export const SnippetCheckBodySchema = SnippetInputTypeSchema.extend({ code }).meta({
  id: 'SnippetCheckBody',
});

export const SnippetCheckResultSchema = z
  .object({ diagnostics: z.array(SnippetDiagnosticSchema) })
  .meta({ id: 'SnippetCheckResult' });

export const SnippetDeclarationsResultSchema = z
  .object({ dts: z.string() })
  .meta({ id: 'SnippetDeclarations' });

export const SnippetTestBodySchema = z
  .object({
    code,
    input: z.unknown(),
    /** Bounded by the runtime's maximum. */
    timeoutMs: z.number().int().min(1).max(60_000).optional(),
    /** What the snippet sees as ctx.variables. */
    variables: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'SnippetTestBody' });

export const SnippetTestResultSchema = z
  .object({ output: z.unknown(), logs: z.array(z.string()), durationMs: z.number() })
  .meta({ id: 'SnippetTestResult' });

/** A snippet that failed (422): the sandbox's code (`SnippetError`, `SnippetTimeout`...), its line if known, its logs. */
export const SnippetTestFailureSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      path: z.array(z.union([z.string(), z.number()])).optional(),
      line: z.number().int().nullable(),
      column: z.number().int().nullable(),
      logs: z.array(z.string()),
    }),
  })
  .meta({ id: 'SnippetTestFailure' });

export type SnippetDiagnosticBody = z.infer<typeof SnippetDiagnosticSchema>;
export type SnippetCheckBody = z.infer<typeof SnippetCheckBodySchema>;
export type SnippetCheckResult = z.infer<typeof SnippetCheckResultSchema>;
export type SnippetTestBody = z.infer<typeof SnippetTestBodySchema>;
export type SnippetTestResult = z.infer<typeof SnippetTestResultSchema>;
export type SnippetTestFailure = z.infer<typeof SnippetTestFailureSchema>;
