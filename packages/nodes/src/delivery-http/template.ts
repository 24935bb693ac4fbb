// Fill delivery.http's URL and header templates: values in the URL path/query are percent-encoded.
import { NonRetriableError } from '@sluice/shared';
import { memo } from '../kit/memo';
import { renderTemplate } from '../kit/template';

/** Length of the scheme + authority part of a URL template (`https://host:8080`), before path, query or fragment. */
export const originLength = memo(
  (template: string): number => /^[^/?#]*(?:\/\/[^/?#]*)?/.exec(template)![0].length,
);

/**
 * Renders the URL template. Placeholders inside the scheme/host part are inserted verbatim (a base URL may come
 * from the input); those in the path, query or fragment are `encodeURIComponent`-ed.
 *
 * @example renderUrl('https://x/users/{{input.id}}?q={{input.q}}', {input: {id: 'a/b', q: 'x&y'}})
 *          // 'https://x/users/a%2Fb?q=x%26y'
 */
export function renderUrl(template: string, scope: Record<string, unknown>): URL {
  const text = renderTemplate(template, scope, { field: 'url', encode: encodeAfter(originLength(template)) });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new NonRetriableError(
      `url: "${text.slice(0, 200)}" is not a valid URL`,
      { url: text },
      'InvalidUrl',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NonRetriableError(
      `url: only http and https are allowed, got ${url.protocol}`,
      {},
      'InvalidUrl',
    );
  }
  return url;
}

/**
 * Inserts what lands in the scheme/host part (`offset < origin`) as is, `encodeURIComponent`s the rest. Made by a
 * factory: an arrow written in the options literal gets a `name` defined per call (tsx keeps names), which gives
 * each closure a hidden class of its own.
 */
function encodeAfter(origin: number): (value: string, offset: number) => string {
  return (value, offset) => (offset < origin ? value : encodeURIComponent(value));
}

/** Renders each header value; names are lower-cased. A value with CR, LF or NUL is rejected (header injection). */
export function renderHeaders(headers: Record<string, string>, scope: Record<string, unknown>) {
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(headers)) {
    const field = `headers.${name}`;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new NonRetriableError(`${field}: not a valid header name`, { field }, 'InvalidHeader');
    }
    const value = renderTemplate(template, scope, { field });
    if (/[\r\n\0]/.test(value)) {
      throw new NonRetriableError(`${field}: value contains a line break or NUL`, { field }, 'InvalidHeader');
    }
    out[name.toLowerCase()] = value;
  }
  return out;
}
