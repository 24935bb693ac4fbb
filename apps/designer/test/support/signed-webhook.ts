// Fires a webhook signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature).
import { Webhook } from 'standardwebhooks';

export async function fireWebhook(
  url: string,
  secret: string,
  payload: unknown,
): Promise<{ status: number; body: any }> {
  const body = JSON.stringify(payload);
  const msgId = `msg_${Date.now()}_${Math.random().toString(36).slice(2)}`;
  const now = new Date();
  const signature = new Webhook(secret).sign(msgId, now, body);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed };
}
