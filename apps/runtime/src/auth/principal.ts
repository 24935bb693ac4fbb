// Who is calling: an API token today; accounts and sessions will produce the same shape.

export type Role = 'admin' | 'editor' | 'operator' | 'approver';

export interface Principal {
  /** Token id (`tok_...`) or, later, the account id. Audit events record it as the actor. */
  id: string;
  name: string;
  role: Role;
}

/** The actor audit events store for a principal: its stable id (`tok_admin`, `tok_01...`). */
export const actorOf = (p: Principal): string => p.id;
