// bodySizeLimit: a declared Content-Length decides from the header alone; bodies without one are counted as they stream.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodySizeLimit } from './index';

const app = new Hono();
app.use('*', bodySizeLimit(10));
app.post('/', async (c) => c.text(`got ${(await c.req.text()).length}`));

const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
  app.request('/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('bodySizeLimit', () => {
  it('accepts a declared length within the limit', async () => {
    const res = await post('0123456789', { 'content-length': '10' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('got 10');
  });

  it('answers 413 in the error shape for a declared length over the limit', async () => {
    const res = await post('01234567890', { 'content-length': '11' });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('counts a body without a declared length as it streams', async () => {
    const stream = (text: string) =>
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text));
          controller.close();
        },
      });
    expect((await post(stream('0123456789'))).status).toBe(200);
    expect((await post(stream('01234567890'))).status).toBe(413);
  });
});
