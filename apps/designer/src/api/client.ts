// The one fetch wrapper: adds the admin token, parses JSON, turns `{error:{code,message,path}}` into ApiRequestError.
import { ApiRequestError } from './api-request-error';

export type TokenSource = () => string | null;

let tokenSource: TokenSource = () => null;
let onUnauthorized: () => void = () => {};

/** Wire the session in once at start-up (kept out of React so tests can call the API layer directly). */
export function configureApi(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = tokenSource();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiRequestError(0, 'network', `cannot reach the runtime: ${(err as Error).message}`);
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    const e = (data as { error?: { code?: string; message?: string; path?: (string | number)[] } })?.error;
    throw new ApiRequestError(
      res.status,
      e?.code ?? `http_${res.status}`,
      e?.message ?? res.statusText,
      e?.path,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
