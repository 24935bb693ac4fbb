// GET /api/runs/:id/events: Server-Sent Events of the run's step and run transitions, from any process (Redis pub/sub).
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Db } from '../../db/client';
import type { RunEvent } from '../../engine/effects';
import { getRunDetail } from '../../engine/read-runs';
import { isRunTerminal, type RunStatus } from '../../engine/rules/run-status';
import type { RunEventBus } from '../../engine/run-event-bus';

/**
 * Sends a `snapshot` event (the run detail) first, then `run` and `step` events as they commit; ends after the run
 * reaches a terminal status. Subscribing before reading the snapshot means no transition falls in between.
 */
export function streamRunEvents(c: Context, db: Db, bus: RunEventBus, runId: string) {
  return streamSSE(c, async (stream) => {
    const queue: RunEvent[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = await bus.subscribe(runId, (e) => {
      queue.push(e);
      wake?.();
    });
    let done = false;
    stream.onAbort(() => {
      done = true;
      wake?.();
    });
    try {
      const detail = await getRunDetail(db, runId);
      await stream.writeSSE({ event: 'snapshot', data: JSON.stringify(detail) });
      if (detail && isRunTerminal(detail.run.status as RunStatus)) return;
      let id = 0;
      while (!done) {
        const e = queue.shift();
        if (!e) {
          await new Promise<void>((r) => {
            wake = r;
            setTimeout(r, 15_000);
          });
          if (queue.length === 0 && !done) await stream.writeSSE({ event: 'ping', data: '{}' });
          continue;
        }
        await stream.writeSSE({ event: e.type, id: String(++id), data: JSON.stringify(e) });
        if (e.type === 'run' && isRunTerminal(e.status)) done = true;
      }
    } finally {
      unsubscribe();
    }
  });
}
