// The approval state a modifier snippet sees, the changes it may return, and the pure function applying them.
import { withFields } from '@sluice/shared';
import { z } from 'zod';

/** O open, A approved, D denied, I irrelevant (answer no longer needed), P pending phase (not yet notified). */
export const AuthorizerStatusSchema = z.enum(['O', 'A', 'D', 'I', 'P']);
export type AuthorizerStatus = z.infer<typeof AuthorizerStatusSchema>;

export const ApprovalAuthorizerSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['user', 'group']).default('user'),
  weight: z.number().int().min(0).default(1),
  status: AuthorizerStatusSchema,
  note: z.string().max(2000).optional(),
});
export type ApprovalAuthorizer = z.output<typeof ApprovalAuthorizerSchema>;

export const ApprovalPhaseSchema = z.object({
  id: z.string().min(1),
  authorizers: z.array(ApprovalAuthorizerSchema),
  /** 0 = auto-approve. */
  authorizationsRequired: z.number().int().min(0),
  rejectionsRequired: z.number().int().min(1),
});
export type ApprovalPhase = z.output<typeof ApprovalPhaseSchema>;

/** What the modifier gets as `input`. */
export interface ApprovalState {
  requestId: string;
  phases: ApprovalPhase[];
  /** The data the approval step received (read-only for the modifier). */
  subject: unknown;
}

/**
 * What the modifier returns: `null`/`undefined`/`{}` for "no change", else edits by phase id.
 * @example { phases: [{ id: 'managers', authorizationsRequired: 2, add: [{ id: 'u_cfo', status: 'O' }] }] }
 */
export const ApprovalChangesSchema = z
  .object({
    phases: z
      .array(
        z.object({
          id: z.string().min(1),
          authorizationsRequired: z.number().int().min(0).optional(),
          rejectionsRequired: z.number().int().min(1).optional(),
          add: z.array(ApprovalAuthorizerSchema).optional(),
          remove: z.array(z.string()).optional(),
          /** Change one authorizer's status (a response) or weight. */
          set: z
            .array(
              z.object({
                authorizerId: z.string(),
                status: AuthorizerStatusSchema.optional(),
                weight: z.number().int().min(0).optional(),
              }),
            )
            .optional(),
        }),
      )
      .optional(),
    /** Appended after the existing phases. */
    addPhases: z.array(ApprovalPhaseSchema).optional(),
  })
  .strict()
  .nullish();
export type ApprovalChanges = NonNullable<z.output<typeof ApprovalChangesSchema>>;

/** Thrown for changes naming a phase or authorizer that does not exist. */
export class ApprovalChangeError extends Error {
  readonly code = 'ApprovalChangeError';
}

/** Applies `changes` to a copy of `state`; the input is not modified. */
export function applyApprovalChanges(state: ApprovalState, changes: ApprovalChanges): ApprovalState {
  const phases = state.phases.map((p) =>
    withFields(p, { authorizers: p.authorizers.map((a) => ({ ...a })) }),
  );
  for (const edit of changes.phases ?? []) {
    const phase = phases.find((p) => p.id === edit.id);
    if (!phase) throw new ApprovalChangeError(`changes name phase "${edit.id}", which does not exist`);
    if (edit.authorizationsRequired !== undefined) phase.authorizationsRequired = edit.authorizationsRequired;
    if (edit.rejectionsRequired !== undefined) phase.rejectionsRequired = edit.rejectionsRequired;
    if (edit.remove) phase.authorizers = phase.authorizers.filter((a) => !edit.remove!.includes(a.id));
    for (const a of edit.add ?? []) {
      if (!phase.authorizers.some((x) => x.id === a.id)) phase.authorizers.push({ ...a });
    }
    for (const s of edit.set ?? []) {
      const a = phase.authorizers.find((x) => x.id === s.authorizerId);
      if (!a)
        throw new ApprovalChangeError(
          `changes name authorizer "${s.authorizerId}", not in phase "${phase.id}"`,
        );
      if (s.status) a.status = s.status;
      if (s.weight !== undefined) a.weight = s.weight;
    }
  }
  for (const p of changes.addPhases ?? []) {
    if (phases.some((x) => x.id === p.id)) throw new ApprovalChangeError(`phase "${p.id}" already exists`);
    phases.push(p);
  }
  return withFields(state, { phases });
}
