// The local consumer every delivery goes to: counts deliveries and notes when the last one of a batch arrived.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sink {
  url: string;
  count(): number;
  /** Resolves when `n` deliveries have arrived in total (or rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  let received = 0;
  let waiter: { n: number; resolve: (t: number) => void } | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (waiter && received >= waiter.n) {
        waiter.resolve(performance.now());
        waiter = undefined;
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => received,
    waitFor: (n, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (received >= n) return resolve(performance.now());
        const timer = setTimeout(
          () => reject(new Error(`sink got ${received} of ${n} deliveries in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiter = {
          n,
          resolve: (t) => {
            clearTimeout(timer);
            resolve(t);
          },
        };
      }),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
