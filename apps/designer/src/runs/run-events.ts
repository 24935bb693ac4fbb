// Subscribes to `GET /api/runs/:id/events` (SSE) with fetch, since EventSource cannot send the bearer token.
import { useSession } from '../stores/session-store';

export interface RunEvent {
  event: string;
  data: unknown;
}

/** Calls `onEvent` for every SSE message until the returned function is called; gives up quietly on errors. */
export function subscribeRunEvents(runId: string, onEvent: (e: RunEvent) => void): () => void {
  const ctrl = new AbortController();
  const token = useSession.getState().token;
  void (async () => {
    try {
      const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/events`, {
        headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: ctrl.signal,
      });
      if (!res.ok || !res.body) return;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let cut = buf.indexOf('\n\n');
        while (cut >= 0) {
          const msg = parseMessage(buf.slice(0, cut));
          buf = buf.slice(cut + 2);
          if (msg) onEvent(msg);
          cut = buf.indexOf('\n\n');
        }
      }
    } catch {
      // aborted or the stream broke: the caller's polling keeps the view fresh
    }
  })();
  return () => ctrl.abort();
}

export function parseMessage(block: string): RunEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return null;
  const text = data.join('\n');
  try {
    return { event, data: JSON.parse(text) };
  } catch {
    return { event, data: text };
  }
}
