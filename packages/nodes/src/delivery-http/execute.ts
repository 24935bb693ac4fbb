// delivery.http executor: render the request, send it through the host's breaker, classify the outcome.
import { defineExecutor } from '../kit/executor';
import { withBreaker } from './breaker';
import { classifyStatus, classifyThrown } from './classify';
import { requestDeadline } from './deadline';
import { deliveryHttp } from './index';
import { prepareRequest } from './request';
import { readCapped, toOutput } from './response';

export const deliveryHttpExecutor = defineExecutor(deliveryHttp, async (input, config, ctx) => {
  const req = prepareRequest(input, config, ctx);
  const deadline = requestDeadline(ctx.signal, config.timeoutMs);
  const started = performance.now();
  const output = await withBreaker(req.url.host, config.breaker, async () => {
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: deadline.signal,
      });
      const body = await readCapped(res);
      const failure = classifyStatus(res.status, res.headers.get('retry-after'), body.text, ctx.now());
      if (failure) throw failure;
      return toOutput(res, body);
    } catch (err) {
      throw classifyThrown(err, {
        timedOut: deadline.timedOut,
        outer: ctx.signal,
        timeoutMs: config.timeoutMs,
      });
    }
  })
    .catch((err) => {
      ctx.log(`${req.method} ${req.url.origin}${req.url.pathname} failed: ${err.message}`);
      throw err;
    })
    .finally(() => deadline.dispose());
  const ms = Math.round(performance.now() - started);
  ctx.log(`${req.method} ${req.url.origin}${req.url.pathname} -> ${output.status} in ${ms} ms`);
  return { status: 'succeeded', output };
});
