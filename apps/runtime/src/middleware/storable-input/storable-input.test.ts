// storableInput: U+0000 in the path, the query or a JSON body is a 400 naming where; other bodies pass intact.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { body } from '../../../test/support/resources';
import { storableInput } from '.';

const app = new Hono();
app.use('*', storableInput());
app.post('/echo/:id', async (c) => c.text(await c.req.text()));
app.post('/json', async (c) => c.json(await c.req.json()));
const json = { 'content-type': 'application/json' };

describe('storableInput', () => {
  it('rejects U+0000 in the path and the query', async () => {
    const path = await app.request('/echo/a%00b', { method: 'POST' });
    expect(path.status).toBe(400);
    expect((await body(path)).error).toMatchObject({ code: 'invalid_request', path: ['path'] });
    const query = await app.request('/echo/a?cursor=x%00', { method: 'POST' });
    expect((await body(query)).error.path).toEqual(['query', 'cursor']);
  });

  it('rejects U+0000 in a JSON body, naming the field', async () => {
    const payload = JSON.stringify({ user: { names: ['ok', 'bad\u0000'] } });
    const res = await app.request('/json', { method: 'POST', headers: json, body: payload });
    expect(res.status).toBe(400);
    expect((await body(res)).error.path).toEqual(['user', 'names', 1]);
    const untyped = await app.request('/json', { method: 'POST', body: payload });
    expect(untyped.status).toBe(400);
  });

  it('passes other bodies through unchanged, byte for byte', async () => {
    const raw = '{ "sig":  "a\\\\u0000b" ,"x":1}'; // an escaped backslash, not U+0000
    const res = await app.request('/echo/a', { method: 'POST', headers: json, body: raw });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(raw);
    const parsed = await app.request('/json', { method: 'POST', headers: json, body: '{"a":[1,2]}' });
    expect(await body(parsed)).toEqual({ a: [1, 2] });
    const malformed = await app.request('/echo/a', { method: 'POST', headers: json, body: '{"\\u0000' });
    expect(malformed.status).toBe(200);
  });
});
