// Webhook routes by path, cached for a moment: a burst of webhooks costs one lookup, a publish shows within `ttlMs`.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookRoutes } from '../../db/schema';

export type WebhookRoute = typeof webhookRoutes.$inferSelect;

export class RouteCache {
  private entries = new Map<string, { route: WebhookRoute | null; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 1000,
  ) {}

  async get(path: string): Promise<WebhookRoute | null> {
    const hit = this.entries.get(path);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.route;
    const [route] = await this.db.select().from(webhookRoutes).where(eq(webhookRoutes.path, path));
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(path, { route: route ?? null, at: Date.now() });
    return route ?? null;
  }

  /** Forgets every path (after a publish or unpublish in this process). */
  clear(): void {
    this.entries.clear();
  }
}
