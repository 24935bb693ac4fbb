// Test support: a real local HTTP consumer that records what it receives and answers through a handler.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export type Answer = (
  d: Omit<Delivery, 'status'>,
  index: number,
) => { status: number; headers?: Record<string, string>; body?: string };

export interface HttpConsumer {
  url: string;
  received: Delivery[];
  close(): Promise<void>;
}

export async function startHttpConsumer(answer: Answer = () => ({ status: 200 })): Promise<HttpConsumer> {
  const received: Delivery[] = [];
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const d = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      const a = answer(d, received.length);
      received.push({ ...d, status: a.status });
      res
        .writeHead(a.status, { 'content-type': 'application/json', ...a.headers })
        .end(a.body ?? '{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
