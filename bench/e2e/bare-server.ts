// The floor: a bare node:http server doing the reference flow's work inline (condition, then POST to the sink),
// with nothing stored. Runs in its own process: `node bare-server.ts <sinkUrl>`; prints its port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

const sink = new URL(process.argv[2] ?? '');
const agent = new Agent({ connections: 128, keepAliveTimeout: 60_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    try {
      const event = JSON.parse(Buffer.concat(chunks).toString());
      if (event?.op !== 'changeSN') {
        res.writeHead(202).end('{}');
        return;
      }
      const r = await request(sink, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      await r.body.text();
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`));
