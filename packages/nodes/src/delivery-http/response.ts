// Read a delivery.http response body under a size cap and turn it into the step output.
import { NonRetriableError } from '@sluice/shared';

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface CappedBody {
  text: string;
  /** True when the body was longer than the cap and reading stopped there. */
  truncated: boolean;
}

/** Reads at most `cap` bytes of the body as UTF-8, then cancels the rest of the stream. */
export async function readCapped(res: Response, cap = MAX_RESPONSE_BYTES): Promise<CappedBody> {
  if (!res.body) return { text: '', truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON for a JSON content type (null when empty), else the text. */
  body: unknown;
}

const isJsonType = (type: string | null) => !!type && /^application\/([\w.+-]+\+)?json\b/i.test(type.trim());

/** The step output of a successful response; a body over the cap is a non-retriable `ResponseTooLarge`. */
export function toOutput(res: Response, body: CappedBody, cap = MAX_RESPONSE_BYTES): HttpOutput {
  if (body.truncated) {
    throw new NonRetriableError(
      `response body is larger than ${cap} bytes (HTTP ${res.status}); the request was delivered`,
      { status: res.status, limitBytes: cap },
      'ResponseTooLarge',
    );
  }
  const headers = Object.fromEntries(res.headers.entries());
  if (!isJsonType(res.headers.get('content-type'))) return { status: res.status, headers, body: body.text };
  if (body.text.trim() === '') return { status: res.status, headers, body: null };
  try {
    return { status: res.status, headers, body: JSON.parse(body.text) };
  } catch {
    // A consumer that labels non-JSON as JSON: keep its text rather than fail a delivery that happened.
    return { status: res.status, headers, body: body.text };
  }
}
