// Turn a delivery.http response into the step output: parse JSON bodies, refuse bodies over the cap.
import { NonRetriableError } from '@sluice/shared';
import { MAX_RESPONSE_BYTES, type RawResponse } from './send';

export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON for a JSON content type (null when empty), else the text. */
  body: unknown;
}

const isJsonType = (type: string | undefined) =>
  !!type && /^application\/([\w.+-]+\+)?json\b/i.test(type.trim());

/** The step output of a successful response; a body over the cap is a non-retriable `ResponseTooLarge`. */
export function toOutput(res: RawResponse, cap = MAX_RESPONSE_BYTES): HttpOutput {
  const { status, headers, text } = res;
  if (res.truncated) {
    throw new NonRetriableError(
      `response body is larger than ${cap} bytes (HTTP ${status}); the request was delivered`,
      { status, limitBytes: cap },
      'ResponseTooLarge',
    );
  }
  if (!isJsonType(headers['content-type'])) return { status, headers, body: text };
  if (text.trim() === '') return { status, headers, body: null };
  try {
    return { status, headers, body: JSON.parse(text) };
  } catch {
    // A consumer that labels non-JSON as JSON: keep its text rather than fail a delivery that happened.
    return { status, headers, body: text };
  }
}
