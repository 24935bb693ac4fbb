// The load generator: fires N webhook requests with C in flight, keep-alive, and records each ack latency.
import { Agent, request } from 'undici';

export interface LoadResult {
  startedAt: number;
  endedAt: number;
  latenciesMs: number[];
  statuses: Record<number, number>;
}

export async function fire(
  url: string,
  n: number,
  concurrency: number,
  body: (i: number) => string,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const agent = new Agent({ connections: concurrency, keepAliveTimeout: 60_000, pipelining: 1 });
  const latenciesMs: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const startedAt = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', ...headers },
        body: body(i),
      });
      await res.body.text();
      latenciesMs.push(performance.now() - t0);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const endedAt = performance.now();
  await agent.close();
  return { startedAt, endedAt, latenciesMs, statuses };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
