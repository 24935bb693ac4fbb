// Typed errors of the flows service; the API answers each with its status and the contract's error body.
import type { FlowProblem } from '@sluice/shared';
import { ApiError, NotFoundError } from '../api/api-error';

export class FlowNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('flow', id);
  }
}

export class FlowVersionNotFoundError extends ApiError {
  constructor(id: string, version: number) {
    super(404, 'not_found', `flow ${id} has no version ${version}`, ['version']);
  }
}

/** A flow that cannot be published: 400 `invalid_flow` with every problem in `details.problems`. */
export class FlowValidationError extends ApiError {
  constructor(readonly problems: FlowProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    super(400, 'invalid_flow', `${first?.message ?? 'the flow is not valid'}${more}`, first?.path, {
      problems,
    });
    this.name = 'FlowValidationError';
  }
}

/** The flow changed while a publish was checking it; the caller may retry. */
export class FlowConflictError extends ApiError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}
