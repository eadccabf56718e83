import { safeParse } from "zod/mini";
import { AuthmuxError, type HeadersLike, hexEncode, parseWebhookJson, type Quota, type RawBody, readRawBody, verifyHmacHexWebhook, type WebhookEvent, type WebhookVerifyOptions } from "@authmux/core";
import { type KobbleContext, PROVIDER } from "./context.js";
import { toUser } from "./users.js";
import { wireQuotaReached, wireUser } from "./wire.js";

/** The header Kobble signs its deliveries in. */
export const SIGNATURE_HEADER = "Kobble-Signature";

type Envelope = { type?: unknown; data?: Record<string, unknown> };

/**
 * Kobble webhooks: a hex HMAC-SHA256 of the raw body keyed with the hex-decoded secret, compared in
 * constant time. Kobble signs no timestamp and sends no id, so the event id is a hash of the body and
 * replay protection is the app's: pass `webhookDedupe` to refuse deliveries seen before.
 */
export function webhooksMember({ options, clock }: KobbleContext, secret: string) {
  return {
    async verify(rawBody: RawBody, headers: HeadersLike, verifyOptions: WebhookVerifyOptions = {}): Promise<WebhookEvent> {
      const bytes = await readRawBody(rawBody, PROVIDER);
      const body = await verifyHmacHexWebhook(bytes, headers, { header: SIGNATURE_HEADER, secret, keyEncoding: "hex", provider: PROVIDER });
      const envelope = parseWebhookJson(body, PROVIDER) as Envelope;
      const id = `kobble_${hexEncode(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))).slice(0, 32)}`;
      if (options.webhookDedupe && (await options.webhookDedupe(id))) {
        throw new AuthmuxError("webhook_invalid", `webhook rejected: delivery ${id} was seen before (replay or retry)`, { provider: PROVIDER });
      }
      return toEvent(id, envelope, verifyOptions.now ?? new Date(clock()));
    },
  };
}

/**
 * The neutral event of a delivery. A payload that is not what Kobble documents for its type (a field missing or
 * of another type) is not mapped half-way: the event is `unknown`, with the delivery kept whole in `raw`.
 */
function toEvent(id: string, envelope: Envelope, receivedAt: Date): WebhookEvent {
  const vendorType = typeof envelope.type === "string" ? envelope.type : "unknown";
  const data = typeof envelope.data === "object" && envelope.data !== null ? envelope.data : {};
  const userId = typeof data.userId === "string" && data.userId !== "" ? data.userId : undefined;
  const base = { id, vendorType, provider: PROVIDER, raw: envelope };
  const user = vendorType === "user.created" ? safeParse(wireUser, data) : undefined;
  if (user?.success) {
    const neutral = toUser(user.data);
    return { ...base, type: "user.created", occurredAt: neutral.createdAt, data: { user: neutral, userId: neutral.id } };
  }
  const reached = vendorType === "quota.reached" ? safeParse(wireQuotaReached, data) : undefined;
  if (reached?.success) {
    const { quotaName: name, usage: used, limit = null } = reached.data;
    const quota: Quota = { name, used, limit, remaining: limit === null ? null : Math.max(0, limit - used), resetsAt: null };
    return { ...base, type: "quota.updated", occurredAt: receivedAt, data: { quota, ...(userId ? { userId } : {}) } };
  }
  // subscription.*, ping and anything new: kept whole in `raw`.
  return { ...base, type: "unknown", occurredAt: receivedAt, data: userId ? { userId } : {} };
}
