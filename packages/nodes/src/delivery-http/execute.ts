// delivery.http executor: render the request, send it through the host's breaker, classify the outcome.
import { defineExecutor } from '../kit/executor';
import { withBreaker } from './breaker';
import { classifyStatus, classifyThrown } from './classify';
import { requestDeadline } from './deadline';
import { deliveryHttp } from './index';
import { prepareRequest } from './request';
import { toOutput } from './response';
import { send } from './send';

export const deliveryHttpExecutor = defineExecutor(
  deliveryHttp,
  async (input, config, ctx) => {
    const req = prepareRequest(input, config, ctx);
    const deadline = requestDeadline(ctx, config.timeoutMs);
    const started = performance.now();
    const output = await withBreaker(req.url.host, config.breaker, async () => {
      try {
        const res = await send(req, deadline);
        const failure = classifyStatus(res.status, res.headers, res.text, ctx.now());
        if (failure) throw failure;
        return toOutput(res);
      } catch (err) {
        throw classifyThrown(err, {
          timedOut: deadline.timedOut,
          abortedBy: deadline.abortedBy,
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
  },
  { acceptsJsonData: true },
); // a JsonData input is sent as its text when the body is the whole input (request.ts)
