// A local HTTP consumer the flow delivers to; it can be told to fail (500) and to recover.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestConsumer {
  url: string;
  received: { body: string; headers: Record<string, unknown> }[];
  failing: boolean;
  close(): Promise<void>;
}

export async function startTestConsumer(): Promise<TestConsumer> {
  const state: TestConsumer = { url: '', received: [], failing: false, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      if (state.failing)
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"consumer down"}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((r) => server.close(() => r()));
  return state;
}
