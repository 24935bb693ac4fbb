// A fixed number of isolate slots, each used by one run at a time; dead or retired slots are replaced.
import { SnippetSandboxError } from '../errors';
import { IsolateSlot, type RealmLimits } from './isolate-slot';

export interface IsolatePoolOptions {
  size: number;
  memoryLimitMb: number;
  limits: RealmLimits;
  onCatastrophicError: (message: string) => void;
}

export class IsolatePool {
  private readonly slots: IsolateSlot[] = [];
  private readonly waiters: { resolve: (slot: IsolateSlot) => void; reject: (e: Error) => void }[] = [];
  private disposed = false;
  /** Slots created since start, replacements included (for metrics and tests). */
  created = 0;

  constructor(private readonly options: IsolatePoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.slots.push(this.create());
  }

  /** A free slot now, or null when all are busy (the sync fast path uses this). */
  tryAcquire(): IsolateSlot | null {
    if (this.disposed) return null;
    for (let i = 0; i < this.slots.length; i++) {
      let slot = this.slots[i]!;
      if (slot.busy) continue;
      if (!slot.alive) slot = this.replaceAt(i);
      slot.busy = true;
      return slot;
    }
    return null;
  }

  /** Waits for a free slot, first come first served. */
  acquire(): Promise<IsolateSlot> {
    if (this.disposed) return Promise.reject(new SnippetSandboxError('the sandbox was disposed'));
    const slot = this.tryAcquire();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Gives the slot back; a slot that died or was retired during the run is disposed and replaced. */
  release(slot: IsolateSlot): void {
    const i = this.slots.indexOf(slot);
    slot.busy = false;
    if (i < 0) {
      slot.dispose();
      return;
    }
    let next = slot;
    if (!slot.alive) next = this.replaceAt(i);
    const waiter = this.waiters.shift();
    if (waiter && !this.disposed) {
      next.busy = true;
      waiter.resolve(next);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.waiters.splice(0)) w.reject(new SnippetSandboxError('the sandbox was disposed'));
    for (const s of this.slots) s.dispose();
    this.slots.length = 0;
  }

  private replaceAt(i: number): IsolateSlot {
    this.slots[i]!.dispose();
    const fresh = this.create();
    this.slots[i] = fresh;
    return fresh;
  }

  private create(): IsolateSlot {
    this.created++;
    return new IsolateSlot(this.options.memoryLimitMb, this.options.limits, this.options.onCatastrophicError);
  }
}
