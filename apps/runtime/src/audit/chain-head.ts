// What this process believes the audit chain's last hash is, so a commit can hash its rows without reading it.

/**
 * Learnt from this process's own appends. A belief, never trusted by itself: the chain guard checks it under the
 * lock and fails the transaction when another transaction (another process, or a flow change through
 * `appendAudit`) appended meanwhile. After such a miss it is forgotten for a cool-down that doubles with each miss
 * (up to 1024 batches; each success winds the streak down by one), so processes that keep appending side by side settle on reading the head under
 * the lock instead of failing every other batch.
 */
export class ChainHead {
  private hash: string | null = null;
  private coolDown = 0;
  private misses = 0;

  /** The expected head to hash the next rows from, or null: read it under the lock. */
  expected(): string | null {
    if (this.coolDown > 0) {
      this.coolDown--;
      return null;
    }
    return this.hash;
  }

  /** Rows up to `hash` were sent (not yet committed): the next batch may chain on them. */
  sent(hash: string | undefined): void {
    if (hash !== undefined) this.hash = hash;
  }

  /** A batch that used the belief committed: the miss streak winds down one step. */
  confirmed(): void {
    if (this.misses > 0) this.misses--;
  }

  /** The guard found the chain moved, or a batch failed: nothing is known until the next append. */
  forget(moved: boolean): void {
    this.hash = null;
    if (moved) {
      this.misses++;
      this.coolDown = Math.min(1024, 2 ** this.misses);
    }
  }
}
