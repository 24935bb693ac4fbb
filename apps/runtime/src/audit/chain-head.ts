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
  private locked: Promise<void> | null = null;
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

  /**
   * Rows up to `hash` were sent (not yet committed): the next batch may chain on them. `locked`: answered once the
   * transaction that sent them holds the chain lock (absent: it already does).
   */
  sent(hash: string | undefined, locked?: Promise<void>): void {
    if (hash === undefined) return;
    this.hash = hash;
    this.locked = locked ?? null;
  }

  /**
   * Resolves once the transaction whose rows the belief ends with holds the chain lock, or after `maxWaitMs`.
   * A guard sent earlier could reach PostgreSQL first (that transaction's backend still busy with its earlier
   * statements), find the chain not yet at the belief and fail its batch: measured 5-10 re-run batches per 3,000
   * runs in bench/e2e, each a stall of every webhook in it. Bounded, because that transaction may itself wait for
   * a row lock the caller's holds (two branches of a run completing in both): the caller's guard must then go first.
   */
  lockTaken(maxWaitMs: number): Promise<void> | null {
    const locked = this.locked;
    if (!locked) return null;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxWaitMs);
    });
    return Promise.race([locked, waited]).finally(() => clearTimeout(timer));
  }

  /** A batch that used the belief committed: the miss streak winds down one step. */
  confirmed(): void {
    if (this.misses > 0) this.misses--;
  }

  /** The guard found the chain moved, or a batch failed: nothing is known until the next append. */
  forget(moved: boolean): void {
    this.hash = null;
    this.locked = null;
    if (moved) {
      this.misses++;
      this.coolDown = Math.min(1024, 2 ** this.misses);
    }
  }
}
