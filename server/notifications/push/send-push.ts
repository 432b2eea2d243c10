/**
 * Sending one Web Push message (RFC 8030) with `web-push`: it signs the VAPID JWT and encrypts the
 * payload (aes128gcm, RFC 8291) in `generateRequestDetails`; the request itself goes out with
 * `fetch` (web-push's own sender speaks only `https`), with a deadline, no redirects followed, and
 * the endpoint checked again (a stored subscription from before a rule change is not trusted).
 *
 * Outcomes: `sent` (2xx), `gone` (404 / 410: the subscription no longer exists — the caller deletes
 * it), `failed` (any other answer, a timeout, a network error; logged, not retried: see deliver.ts).
 */
import webpush from 'web-push';
import type { PushSubscriptionRecord, VapidKeys } from '../../domain/records.ts';
import { isAllowedEndpoint } from './subscription-check.ts';

export interface PushSender {
  vapid: VapidKeys;
  subject: string;
  allowHttpLoopback: boolean;
  /** Per request. */
  timeoutMs: number;
}

export type PushOutcome = { kind: 'sent'; status: number } | { kind: 'gone'; status: number } | { kind: 'failed'; status: number | null; error: string };

/** Push services keep an undelivered message this long (seconds): a reminder a day old is stale. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60;

export async function sendPush(sender: PushSender, subscription: Pick<PushSubscriptionRecord, 'endpoint' | 'keys'>, payload: string): Promise<PushOutcome> {
  if (!isAllowedEndpoint(subscription.endpoint, sender.allowHttpLoopback)) return { kind: 'failed', status: null, error: 'endpoint not allowed' };
  let details: ReturnType<typeof webpush.generateRequestDetails>;
  try {
    details = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
      vapidDetails: { subject: sender.subject, publicKey: sender.vapid.publicKey, privateKey: sender.vapid.privateKey },
      TTL: PUSH_TTL_SECONDS,
      contentEncoding: 'aes128gcm',
      urgency: 'normal',
    });
  } catch (error) {
    return { kind: 'failed', status: null, error: (error as Error).message };
  }
  const headers = new Headers();
  // fetch sets Content-Length from the body itself.
  for (const [name, value] of Object.entries(details.headers)) if (name.toLowerCase() !== 'content-length') headers.set(name, String(value));
  try {
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers,
      body: details.body ?? null,
      redirect: 'manual',
      signal: AbortSignal.timeout(sender.timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.ok) return { kind: 'sent', status: res.status };
    if (res.status === 404 || res.status === 410) return { kind: 'gone', status: res.status };
    return { kind: 'failed', status: res.status, error: `push service answered ${res.status}` };
  } catch (error) {
    const name = (error as Error).name;
    return { kind: 'failed', status: null, error: name === 'TimeoutError' ? `no answer within ${sender.timeoutMs} ms` : (error as Error).message };
  }
}
